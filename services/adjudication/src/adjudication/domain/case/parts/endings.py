"""How a case ended without (or after) a decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class EndingKind(StrEnum):
    NOT_ACCEPTED = "not_accepted"
    WITHDRAWN = "withdrawn"
    DEEMED_WITHDRAWN = "deemed_withdrawn"
    DISMISSED = "dismissed"
    CLOSED = "closed"


@dataclass(frozen=True, slots=True, kw_only=True)
class Ending:
    """How and why the case ended without (or after) a decision."""

    kind: EndingKind
    reasons: tuple[str, ...]
    at: dt.datetime
