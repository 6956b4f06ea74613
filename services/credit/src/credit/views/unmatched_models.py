"""Inputs waiting for a subject, as the API shows them."""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field

from shared.local_time import LocalDateTime


class UnmatchedRead(BaseModel):
    id: uuid.UUID
    kind: str
    subject: dict[str, Any]
    payload: dict[str, Any]
    reason: str
    status: str
    received_at: LocalDateTime
    settled_by: str | None
    settled_at: LocalDateTime | None
    settlement: dict[str, Any] | None
    updated_at: LocalDateTime = Field(description="When the input last changed (arrived or was settled)")


class UnmatchedSort(StrEnum):
    """``/v1/unmatched-inputs``: ``-`` for descending; the input id breaks ties."""

    RECEIVED = "received_at"
    RECEIVED_DESC = "-received_at"
    UPDATED = "updated_at"
    UPDATED_DESC = "-updated_at"


class UnmatchedPage(BaseModel):
    items: list[UnmatchedRead]
    total: int = Field(description="How many inputs match the filters, over all pages")
    sort: UnmatchedSort
    as_of: LocalDateTime = Field(description="When the list was read: the next poll's `updated_since`")
    limit: int
    offset: int
