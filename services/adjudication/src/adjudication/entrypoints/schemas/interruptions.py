"""Request bodies that stop, pause or end the proceedings: suspension, pauses, mediation, endings."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import Field

from adjudication.domain.case.parts.clock import PauseReason
from adjudication.domain.case.parts.suspension import (
    Attachment,
    RefusalGround,
    SuspensionApplication,
    SuspensionReason,
)
from adjudication.domain.commands import interruptions as c
from adjudication.entrypoints.schemas.base import Body, Text


class SuspensionRequestIn(Body):
    reason: SuspensionReason
    requested_by: str | None = Field(
        default=None, description="The party asking (respondent for invalidation)"
    )
    filed_on: dt.date
    invalidation_case_no: str | None = None
    invalidation_accepted_on: dt.date | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    court_ruling_no: str | None = None
    note: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RequestSuspension:
        fields = self.model_dump()
        fields["attachments"] = tuple(self.attachments)
        return c.RequestSuspension(case_id=case_id, by=by, application=SuspensionApplication(**fields))


class SuspensionDecisionIn(Body):
    grant: bool
    refusal_grounds: list[RefusalGround] = Field(default_factory=list)
    reasons: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str, request_id: str) -> c.DecideSuspension:
        return c.DecideSuspension(
            case_id=case_id,
            by=by,
            request_id=request_id,
            grant=self.grant,
            refusal_grounds=tuple(self.refusal_grounds),
            reasons=self.reasons,
        )


class ResumptionIn(Body):
    reason: Text

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ResumeCase:
        return c.ResumeCase(case_id=case_id, by=by, reason=self.reason)


class PauseIn(Body):
    reason: PauseReason = Field(description="appraisal or publication")
    reference: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.StartClockPause:
        return c.StartClockPause(case_id=case_id, by=by, reason=self.reason, reference=self.reference)


class ExtensionIn(Body):
    reason: Text

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ExtendTimeLimit:
        """Proposed by the panel; the office head approves it (POST .../time-limit-extension/approval)."""
        return c.ExtendTimeLimit(case_id=case_id, by=by, approved_by="", reason=self.reason)


class MediationIn(Body):
    consented_on: dt.date
    damages_mediation: bool = Field(description="The parties want the amount of damages mediated")
    summary: Text

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ReferToMediation:
        return c.ReferToMediation(case_id=case_id, by=by, **self.model_dump())


class WithdrawalIn(Body):
    reason: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.WithdrawRequest:
        return c.WithdrawRequest(case_id=case_id, by=by, reason=self.reason)


class DismissalIn(Body):
    reasons: list[Text] = Field(min_length=1)

    def to_command(self, case_id: uuid.UUID, by: str) -> c.DismissCase:
        return c.DismissCase(case_id=case_id, by=by, reasons=tuple(self.reasons))


class ClosureIn(Body):
    note: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.CloseCase:
        return c.CloseCase(case_id=case_id, by=by, note=self.note)
