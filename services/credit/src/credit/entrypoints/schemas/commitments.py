"""Credit commitments (信用承诺) over HTTP."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import Field

from credit.domain import commands as c
from credit.entrypoints.schemas.common import SubjectIn
from credit.views.shapes import DocumentIO, Request, Short, Text
from shared.domain.actors import Actor
from shared.idempotency import IdempotencyKey


class CommitmentCreate(Request):
    subject: SubjectIn
    scope: Short = Field(examples=["专利费用减缴申请"], description="What the commitment stands in for")
    text: Text = Field(examples=["本单位承诺所提交的经济困难证明材料真实有效。"])
    made_on: dt.date
    verification_due: dt.date
    documents: list[DocumentIO] = Field(default=[], max_length=50)

    def to_command(self, actor: Actor, key: IdempotencyKey | None) -> c.MakeCommitment:
        return c.MakeCommitment(
            subject=self.subject.to_claim(),
            scope=self.scope,
            text=self.text,
            made_on=self.made_on,
            verification_due=self.verification_due,
            documents=tuple(d.to_domain() for d in self.documents),
            actor=actor,
            idempotency_key=key,
        )


class VerificationIn(Request):
    outcome: bool = Field(description="true: fulfilled; false: breached (opens a dishonesty candidate)")
    verified_on: dt.date
    findings: Text
    documents: list[DocumentIO] = Field(default=[], max_length=50)

    def to_command(self, commitment_id: uuid.UUID, actor: Actor) -> c.VerifyCommitment:
        return c.VerifyCommitment(
            commitment_id=commitment_id,
            fulfilled=self.outcome,
            verified_on=self.verified_on,
            findings=self.findings,
            documents=tuple(d.to_domain() for d in self.documents),
            actor=actor,
        )
