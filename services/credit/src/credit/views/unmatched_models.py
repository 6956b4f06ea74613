"""Inputs waiting for a subject, as the API shows them."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel

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
