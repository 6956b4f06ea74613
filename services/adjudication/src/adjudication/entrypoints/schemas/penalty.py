"""API models of counterfeit-patent penalty cases (假冒专利行政处罚)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Self

from pydantic import BaseModel, Field

from adjudication.domain.commands import penalty as p
from adjudication.domain.penalty.values import CaseSource, CounterfeitAct, PenaltyFiling, fine_ceiling
from adjudication.domain.values.parties import PartyRecord, PartyRole
from adjudication.entrypoints.schemas.base import Body, PatentNumber, Short, Text
from shared.vocabulary import PartyKind
from shared.web.types import CreditCode, MaskedIdNumber

Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]


class SubjectIn(Body):
    kind: PartyKind
    name: Short
    credit_code: CreditCode | None = None
    id_number_masked: MaskedIdNumber | None = Field(
        default=None, description="An individual's resident ID: a full number is checked and masked at entry"
    )
    address: str | None = None
    legal_representative: str | None = None


class PenaltyFilingIn(Body):
    subject: SubjectIn
    acts: list[CounterfeitAct] = Field(min_length=1)
    patent_number: PatentNumber | None = Field(
        default=None, description="The application number with its check character, e.g. ZL202310000001.5"
    )
    products: list[Short] = Field(default_factory=list)
    marks: list[Short] = Field(default_factory=list)
    source: CaseSource
    source_ref: str | None = None
    discovered_on: dt.date
    act_ended_on: dt.date | None = Field(default=None, description="When the act ended, if it has")
    lawful_source_seller: bool = Field(
        default=False, description="A seller who did not know and proves a source"
    )
    facts: Text

    def to_command(self, by: str) -> p.FilePenaltyCase:
        subject = PartyRecord(
            party_id="subject",
            role=PartyRole.RESPONDENT,
            kind=self.subject.kind,
            name=self.subject.name,
            credit_code=self.subject.credit_code,
            id_number_masked=self.subject.id_number_masked,
            address=self.subject.address,
            legal_representative=self.subject.legal_representative,
        )
        filing = PenaltyFiling(
            subject=subject,
            acts=tuple(self.acts),
            patent_number=self.patent_number,
            products=tuple(self.products),
            marks=tuple(self.marks),
            source=self.source,
            source_ref=self.source_ref,
            discovered_on=self.discovered_on,
            act_ended_on=self.act_ended_on,
            lawful_source_seller=self.lawful_source_seller,
            facts=self.facts,
        )
        return p.FilePenaltyCase(filing=filing, by=by)


class PenaltyNoticeIn(Body):
    fine: Money
    illegal_gains: Money | None = Field(default=None, description="Null when there were no illegal gains")
    confiscate_gains: bool = Field(
        default=True,
        description="Must be true when there are illegal gains: confiscated in full (专利法 art. 68)",
    )
    correction_order: Text
    served_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str) -> p.NotifyPenalty:
        return p.NotifyPenalty(case_id=case_id, by=by, **self.model_dump())


class PenaltyHearingRequestIn(Body):
    requested_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str) -> p.RequestPenaltyHearing:
        return p.RequestPenaltyHearing(case_id=case_id, by=by, requested_on=self.requested_on)


class PenaltyHearingIn(Body):
    summary: Text

    def to_command(self, case_id: uuid.UUID, by: str) -> p.HoldPenaltyHearing:
        return p.HoldPenaltyHearing(case_id=case_id, by=by, summary=self.summary)


class PenaltyDecisionIn(Body):
    fine: Money
    illegal_gains: Money | None = None
    gains_confiscated: Money | None = None
    correction_order: Text
    reasons: Text

    def to_command(self, case_id: uuid.UUID, by: str) -> p.DecidePenalty:
        return p.DecidePenalty(case_id=case_id, by=by, **self.model_dump())


class PenaltyServiceIn(Body):
    served_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str) -> p.ServePenaltyDecision:
        return p.ServePenaltyDecision(case_id=case_id, by=by, served_on=self.served_on)


class PublicationIn(Body):
    published_on: dt.date
    reference: Short = Field(description="Where it was announced, e.g. the office website notice no.")

    def to_command(self, case_id: uuid.UUID, by: str) -> p.PublishPenalty:
        return p.PublishPenalty(
            case_id=case_id, by=by, published_on=self.published_on, reference=self.reference
        )


class PenaltyEndingIn(Body):
    transfer_to_police: bool = Field(description="True: suspected crime (移送); false: no penalty (撤销案件)")
    reasons: list[Text] = Field(min_length=1)

    def to_command(self, case_id: uuid.UUID, by: str) -> p.EndPenaltyCase:
        return p.EndPenaltyCase(
            case_id=case_id, by=by, transfer_to_police=self.transfer_to_police, reasons=tuple(self.reasons)
        )


class FineBounds(BaseModel):
    illegal_gains: Decimal | None
    maximum_fine: Decimal
    rule: str
    basis: str = '专利法 art. 68 [V]; "≤ RMB 50,000" inclusive (民法典 art. 1259)'

    @classmethod
    def for_gains(cls, illegal_gains: Decimal | None) -> Self:
        ceiling = fine_ceiling(illegal_gains)
        return cls(illegal_gains=illegal_gains, maximum_fine=ceiling.amount, rule=ceiling.rule)
