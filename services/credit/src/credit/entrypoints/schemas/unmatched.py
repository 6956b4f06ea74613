"""Inputs waiting for a credit officer to say who their subject is."""

from __future__ import annotations

import uuid

from credit.domain import commands as c
from credit.entrypoints.schemas.common import SubjectIn
from credit.views.shapes import Request, Text
from shared.domain.actors import Actor


class ResolutionIn(Request):
    subject: SubjectIn

    def to_command(self, input_id: uuid.UUID, actor: Actor) -> c.ResolveUnmatchedInput:
        return c.ResolveUnmatchedInput(input_id=input_id, subject=self.subject.to_claim(), actor=actor)


class DismissalIn(Request):
    reason: Text

    def to_command(self, input_id: uuid.UUID, actor: Actor) -> c.DismissUnmatchedInput:
        return c.DismissUnmatchedInput(input_id=input_id, reason=self.reason, actor=actor)
