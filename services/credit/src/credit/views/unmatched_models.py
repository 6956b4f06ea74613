"""Inputs waiting for a subject, as the API shows them."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel


class UnmatchedRead(BaseModel):
    id: uuid.UUID
    kind: str
    subject: dict[str, Any]
    payload: dict[str, Any]
    reason: str
    status: str
    received_at: dt.datetime
    settled_by: str | None
    settled_at: dt.datetime | None
    settlement: dict[str, Any] | None
