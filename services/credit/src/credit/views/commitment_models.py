"""Credit commitments as the API shows them."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel

from credit.views.shapes import SubjectOut


class CommitmentRead(BaseModel):
    id: uuid.UUID
    subject: SubjectOut
    office_code: str
    scope: str
    text: str
    made_on: dt.date
    verification_due: dt.date
    status: str
    verified_on: dt.date | None
    findings: str | None
    breach_record_id: uuid.UUID | None
    overdue: bool
    history: list[dict[str, Any]]
