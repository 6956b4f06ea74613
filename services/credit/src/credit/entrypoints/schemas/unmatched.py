"""Inputs waiting for a credit officer to say who their subject is."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel

from credit.domain import commands as c
from credit.entrypoints.schemas.common import Request, SubjectIn, Text
from shared.domain.actors import Actor


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


class ResolutionIn(Request):
    subject: SubjectIn

    def to_command(self, input_id: uuid.UUID, actor: Actor) -> c.ResolveUnmatchedInput:
        return c.ResolveUnmatchedInput(input_id=input_id, subject=self.subject.to_claim(), actor=actor)


class DismissalIn(Request):
    reason: Text

    def to_command(self, input_id: uuid.UUID, actor: Actor) -> c.DismissUnmatchedInput:
        return c.DismissUnmatchedInput(input_id=input_id, reason=self.reason, actor=actor)
