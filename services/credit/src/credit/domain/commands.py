"""Commands the credit service handles."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordSubjectSighting:
    """A subject appeared in another service's case (e.g. as a respondent in a complaint)."""

    credit_code: str
    name: str
    source_type: str
    source_id: str
    seen_at: dt.datetime
