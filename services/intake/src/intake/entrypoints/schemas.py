"""Intake's API contract: request and response models (not the database, not the domain)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from intake.domain.commands import RegisterComplaint
from intake.domain.complaint import Complaint
from shared.idempotency import IdempotencyKey
from shared.vocabulary import IpType, Party, PartyKind, RequestedProcedure
from shared.web.types import CreditCode, Name


class PartyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: PartyKind
    name: Name = Field(examples=["杭州某某科技有限公司"])
    credit_code: CreditCode | None = Field(default=None, examples=["91350100M000100Y43"])

    def to_domain(self) -> Party:
        return Party(kind=self.kind, name=self.name, credit_code=self.credit_code)


class PartyOut(BaseModel):
    kind: PartyKind
    name: str
    credit_code: str | None

    @classmethod
    def from_domain(cls, party: Party) -> Self:
        return cls(kind=party.kind, name=party.name, credit_code=party.credit_code)


class ComplaintCreate(BaseModel):
    """A complaint as staff register it (walking skeleton: patent infringement)."""

    model_config = ConfigDict(extra="forbid")

    ip_type: IpType = Field(examples=["invention_patent"])
    right_number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)] = (
        Field(examples=["ZL202310000001.X"])
    )
    complainant: PartyIn
    respondents: list[PartyIn] = Field(min_length=1, max_length=50)
    facts: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
    requested_procedure: RequestedProcedure = RequestedProcedure.ADJUDICATION

    def to_command(self, idempotency_key: IdempotencyKey | None) -> RegisterComplaint:
        return RegisterComplaint(
            ip_type=self.ip_type,
            right_number=self.right_number,
            complainant=self.complainant.to_domain(),
            respondents=tuple(p.to_domain() for p in self.respondents),
            facts=self.facts,
            requested_procedure=self.requested_procedure,
            idempotency_key=idempotency_key,
        )


class ComplaintRead(BaseModel):
    id: uuid.UUID
    reference: str
    status: str
    ip_type: IpType
    right_number: str
    complainant: PartyOut
    respondents: list[PartyOut]
    facts: str
    requested_procedure: RequestedProcedure
    received_at: dt.datetime

    @classmethod
    def from_complaint(cls, complaint: Complaint) -> Self:
        return cls(
            id=complaint.id,
            reference=complaint.reference,
            status=complaint.status.value,
            ip_type=complaint.ip_type,
            right_number=complaint.right_number,
            complainant=PartyOut.from_domain(complaint.complainant),
            respondents=[PartyOut.from_domain(p) for p in complaint.respondents],
            facts=complaint.facts,
            requested_procedure=complaint.requested_procedure,
            received_at=complaint.received_at,
        )
