"""Credit commitments as the API shows them."""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from credit.views.shapes import SubjectOut
from shared.local_time import LocalDateTime


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
    updated_at: LocalDateTime = Field(description="When the commitment last changed")
    history: list[dict[str, Any]]


class CommitmentSort(StrEnum):
    """``/v1/commitments``: ``-`` for descending; the commitment id breaks ties."""

    VERIFICATION_DUE = "verification_due"
    VERIFICATION_DUE_DESC = "-verification_due"
    MADE_ON = "made_on"
    MADE_ON_DESC = "-made_on"
    CREATED = "created_at"
    CREATED_DESC = "-created_at"
    UPDATED = "updated_at"
    UPDATED_DESC = "-updated_at"


class CommitmentPage(BaseModel):
    items: list[CommitmentRead]
    total: int = Field(description="How many commitments match the filters, over all pages")
    sort: CommitmentSort
    as_of: LocalDateTime = Field(description="When the list was read: the next poll's `updated_since`")
    limit: int
    offset: int
