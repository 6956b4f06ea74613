"""Credit records over HTTP: entries, imports, the steps of §C.5, and what a record looks like."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, Field

from credit.domain import commands as c
from credit.domain.policy import PenaltyClass
from credit.domain.vocabulary import BehaviourCode, DecisionRef, ListType
from credit.entrypoints.schemas.common import SubjectIn
from credit.views.shapes import DocumentIO, LegalProvisionIO, Request, Short, Text
from shared.domain.actors import Actor
from shared.idempotency import IdempotencyKey


class DecisionIn(Request):
    authority: Short = Field(examples=["国家知识产权局"])
    doc_no: Short = Field(examples=["国知发保字〔2026〕3号"])
    date: dt.date
    type: Short = Field(examples=["abnormal_application_finding"])

    def to_domain(self) -> DecisionRef:
        return DecisionRef(self.authority, self.doc_no, self.date, self.type)


class RecordCreate(Request):
    """A dishonesty input from outside the system (abnormal filings, malicious trademarks, agencies...)."""

    subject: SubjectIn
    behaviour: BehaviourCode
    list_type: ListType | None = Field(
        default=None, description="Default: the behaviour's list in the rule table"
    )
    underlying_decision: DecisionIn
    finding: Text
    penalty_class: PenaltyClass | None = Field(default=None, description="Penalty publication only")
    fine: Decimal | None = Field(default=None, ge=0, description="Penalty publication: decides the period")
    legal_basis: list[LegalProvisionIO] = Field(default=[], max_length=20)
    documents: list[DocumentIO] = Field(default=[], max_length=50)
    source_reference: Short | None = Field(default=None, description="The sender's reference, e.g. a list id")

    def to_command(
        self, actor: Actor, *, field: str = "", source: str = "staff_entry", key: IdempotencyKey | None = None
    ) -> c.RegisterDishonestyInput:
        return c.RegisterDishonestyInput(
            subject=self.subject.to_claim(f"{field}subject"),
            behaviour=self.behaviour,
            list_type=self.list_type,
            underlying_decision=self.underlying_decision.to_domain(),
            finding=self.finding,
            penalty_class=self.penalty_class,
            fine=self.fine,
            legal_basis=tuple(p.to_domain() for p in self.legal_basis),
            documents=tuple(d.to_domain() for d in self.documents),
            source=source,
            source_ref=self.source_reference or self.underlying_decision.doc_no,
            actor=actor,
            idempotency_key=key,
        )


class RecordImport(Request):
    entries: list[RecordCreate] = Field(min_length=1, max_length=1000)

    def to_command(self, actor: Actor, key: IdempotencyKey | None) -> c.ImportDishonestyInputs:
        return c.ImportDishonestyInputs(
            entries=tuple(
                e.to_command(actor, field=f"entries.{i}.", source="import")
                for i, e in enumerate(self.entries)
            ),
            actor=actor,
            idempotency_key=key,
        )


class ImportResult(BaseModel):
    created: int
    duplicates: int
    parked: int
    record_ids: list[uuid.UUID]


class StepIn(Request):
    legal_basis: list[LegalProvisionIO] = Field(default=[], max_length=20)
    documents: list[DocumentIO] = Field(default=[], max_length=50)
    note: Text | None = None

    def _step(self, record_id: uuid.UUID, actor: Actor) -> dict[str, Any]:
        return {
            "record_id": record_id,
            "actor": actor,
            "legal_basis": tuple(p.to_domain() for p in self.legal_basis),
            "documents": tuple(d.to_domain() for d in self.documents),
            "note": self.note,
        }


class NoticeIn(StepIn):
    served_on: dt.date = Field(description="The subject's receipt of the notice: the window runs from it")
    reasons: Text

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.IssueListingNotice:
        return c.IssueListingNotice(
            **self._step(record_id, actor), served_on=self.served_on, reasons=self.reasons
        )


class StatementIn(StepIn):
    kind: Literal["statement", "defence"] = "statement"
    submitted_on: dt.date
    summary: Text

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.FileStatement:
        return c.FileStatement(
            **self._step(record_id, actor),
            kind=self.kind,
            submitted_on=self.submitted_on,
            summary=self.summary,
        )


class HearingRequestIn(StepIn):
    requested_on: dt.date

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.RequestHearing:
        return c.RequestHearing(**self._step(record_id, actor), requested_on=self.requested_on)


class HearingIn(StepIn):
    held_on: dt.date
    summary: Text

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.RecordHearing:
        return c.RecordHearing(**self._step(record_id, actor), held_on=self.held_on, summary=self.summary)


class DecisionStepIn(StepIn):
    outcome: Literal["listed", "not_listed"]
    reasons: Text
    decided_on: dt.date | None = Field(default=None, description="Date on the decision; default today")
    decision_no: Short | None = None

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.DecideListing:
        return c.DecideListing(
            **self._step(record_id, actor),
            listed=self.outcome == "listed",
            reasons=self.reasons,
            decided_on=self.decided_on,
            decision_no=self.decision_no,
        )


class PublicationIn(StepIn):
    channel: Short = Field(
        default="national_enterprise_credit_information_publicity_system",
        examples=["national_enterprise_credit_information_publicity_system"],
    )
    published_on: dt.date | None = Field(default=None, description="Default today")

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.PublishListing:
        return c.PublishListing(
            **self._step(record_id, actor), channel=self.channel, published_on=self.published_on
        )


class RepairRequestIn(StepIn):
    applied_on: dt.date
    grounds: Text

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.RequestRepair:
        return c.RequestRepair(
            **self._step(record_id, actor), applied_on=self.applied_on, grounds=self.grounds
        )


class RepairDecisionIn(StepIn):
    granted: bool
    reasons: Text
    conditions: dict[str, bool] = Field(
        default={}, description="Each repair condition of the list (see the rule table) confirmed or not"
    )
    decided_on: dt.date | None = None
    decision_no: Short | None = None

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.DecideRepair:
        return c.DecideRepair(
            **self._step(record_id, actor),
            granted=self.granted,
            reasons=self.reasons,
            conditions=dict(self.conditions),
            decided_on=self.decided_on,
            decision_no=self.decision_no,
        )


class RevocationIn(StepIn):
    revoked_on: dt.date = Field(description="Date the underlying decision was revoked")
    reason: Text
    revoked_by: Short | None = None
    revoking_doc_no: Short | None = None

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.RevokeRecord:
        return c.RevokeRecord(
            **self._step(record_id, actor),
            revoked_on=self.revoked_on,
            reason=self.reason,
            revoked_by=self.revoked_by,
            revoking_doc_no=self.revoking_doc_no,
        )


class WithdrawalIn(StepIn):
    withdrawn_on: dt.date
    reference: Short | None = None

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.RecordWithdrawal:
        return c.RecordWithdrawal(
            **self._step(record_id, actor), withdrawn_on=self.withdrawn_on, reference=self.reference
        )


class ArchiveIn(StepIn):
    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.ArchiveRecord:
        return c.ArchiveRecord(**self._step(record_id, actor))


# ---------------------------------------------------------------- responses


class ApprovalIn(StepIn):
    outcome: Literal["approved", "refused"]
    reasons: Text

    def to_command(self, record_id: uuid.UUID, actor: Actor) -> c.AnswerProposal:
        return c.AnswerProposal(
            **self._step(record_id, actor), approved=self.outcome == "approved", reasons=self.reasons
        )
