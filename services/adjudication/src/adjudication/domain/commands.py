"""Commands the adjudication service handles."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from shared.vocabulary import IpType, Party


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenCaseFromComplaint:
    complaint_id: uuid.UUID
    complaint_reference: str
    ip_type: IpType
    patent_number: str
    requester: Party
    respondents: tuple[Party, ...]
    received_at: dt.datetime
