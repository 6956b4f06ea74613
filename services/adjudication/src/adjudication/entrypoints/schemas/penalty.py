"""API models of administrative penalty cases (假冒专利, 商标侵权, 著作权侵权 行政处罚)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated, Self

from pydantic import BaseModel, Field

from adjudication.domain.commands import penalty as p
from adjudication.domain.penalty.laws import InvestigationMeasure, PenaltyLaw, law_rule
from adjudication.domain.penalty.values import CaseSource, InventoryItem, PenaltyFiling
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
    law: PenaltyLaw = Field(
        default=PenaltyLaw.COUNTERFEIT_PATENT,
        description="counterfeit_patent (专利法 art. 68), trademark (商标法 art. 60), "
        "copyright (著作权法 art. 53)",
    )
    subject: SubjectIn
    acts: list[Short] = Field(
        min_length=1,
        max_length=10,
        description="Acts of the law: 专利法实施细则 art. 101, 商标法 art. 57 or 著作权法 art. 53 items",
    )
    patent_number: PatentNumber | None = Field(
        default=None, description="The application number with its check character, e.g. ZL202310000001.5"
    )
    right_number: Short | None = Field(
        default=None, description="Trademark registration or copyright registration number"
    )
    public_interest_harmed: bool = Field(
        default=False, description="Copyright: the infringement also harms the public interest (required)"
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
            law=self.law,
            right_number=self.right_number,
            public_interest_harmed=self.public_interest_harmed,
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
    illegal_turnover: Money | None = Field(
        default=None, description="违法经营额 (trademark, copyright): what their fines are a multiple of"
    )
    goods_value: Money | None = Field(
        default=None,
        description="Value of the goods and tools to be confiscated (a hearing right from a large value)",
    )
    public_interest_harmed: bool | None = Field(
        default=None,
        description="Copyright: the finding that the infringement also harms the public interest",
    )

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
    illegal_turnover: Money | None = None
    goods_confiscated: list[Short] = Field(
        default_factory=list,
        max_length=200,
        description="Inventory of the goods and tools confiscated and destroyed (trademark, copyright)",
    )
    goods_value: Money | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> p.DecidePenalty:
        fields = self.model_dump()
        fields["goods_confiscated"] = tuple(self.goods_confiscated)
        return p.DecidePenalty(case_id=case_id, by=by, **fields)


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
    reasons: list[Text] = Field(
        min_length=1, max_length=20, description="For a transfer: the clue (涉嫌犯罪线索)"
    )
    illegal_gains: Money | None = Field(
        default=None, description="Figures found, checked against the thresholds"
    )
    illegal_turnover: Money | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> p.EndPenaltyCase:
        return p.EndPenaltyCase(
            case_id=case_id,
            by=by,
            transfer_to_police=self.transfer_to_police,
            reasons=tuple(self.reasons),
            illegal_gains=self.illegal_gains,
            illegal_turnover=self.illegal_turnover,
        )


class InventoryItemIn(Body):
    description: Short
    quantity: Short | None = None
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = Field(
        default=None, description="Digest of a stored document or photo of the item"
    )


class MeasureIn(Body):
    measure: InvestigationMeasure
    taken_on: dt.date
    place: Short | None = None
    officers: list[Short] = Field(min_length=1, max_length=10, description="The enforcement officers present")
    summary: Text
    inventory: list[InventoryItemIn] = Field(
        default_factory=list, max_length=500, description="Sealing or seizing: the inventory (清单)"
    )
    proof: Text | None = Field(
        default=None, description="Sealing or seizing: the evidence that the items infringe"
    )

    def to_command(self, case_id: uuid.UUID, by: str) -> p.RecordMeasure:
        return p.RecordMeasure(
            case_id=case_id,
            by=by,
            measure=self.measure,
            taken_on=self.taken_on,
            place=self.place,
            officers=tuple(self.officers),
            summary=self.summary,
            inventory=tuple(
                InventoryItem(
                    item_id=f"{i + 1}", description=x.description, quantity=x.quantity, sha256=x.sha256
                )
                for i, x in enumerate(self.inventory)
            ),
            proof=self.proof,
        )


class FineBounds(BaseModel):
    law: PenaltyLaw = PenaltyLaw.COUNTERFEIT_PATENT
    measure: str = Field(default="illegal_gains", description="illegal_gains or illegal_turnover")
    amount: Decimal | None = Field(default=None, description="The gains or turnover the bounds are for")
    illegal_gains: Decimal | None = Field(default=None, description="Deprecated: ``amount`` of a patent case")
    minimum_fine: Decimal = Decimal(0)
    maximum_fine: Decimal
    heavier_from: Decimal | None = Field(
        default=None, description="Where the heavier end (从重) of the range starts (configured share, [U])"
    )
    aggravated: bool = False
    rule: str
    basis: str = '专利法 art. 68 [V]; "≤ RMB 50,000" inclusive (民法典 art. 1259)'

    @classmethod
    def for_gains(cls, illegal_gains: Decimal | None) -> Self:
        return cls.for_law(PenaltyLaw.COUNTERFEIT_PATENT, illegal_gains)

    @classmethod
    def for_law(
        cls,
        law: PenaltyLaw,
        amount: Decimal | None,
        *,
        repeat: bool = False,
        heavier_share: Decimal | None = None,
    ) -> Self:
        rule = law_rule(law)
        aggravated = repeat and rule.repeat_aggravation is not None
        bounds = rule.bounds(amount, aggravated=aggravated)
        basis = f"{rule.basis.instrument} art. {rule.basis.article} [V]"
        if law is PenaltyLaw.COUNTERFEIT_PATENT:
            basis += '; "≤ RMB 50,000" inclusive (民法典 art. 1259)'
        else:
            basis += '; "RMB 50,000 or more" (五万元以上) inclusive (民法典 art. 1259)'
        return cls(
            law=law,
            measure=rule.measure.value,
            amount=amount,
            illegal_gains=amount if law is PenaltyLaw.COUNTERFEIT_PATENT else None,
            minimum_fine=bounds.minimum,
            maximum_fine=bounds.maximum,
            heavier_from=bounds.heavier_from(heavier_share) if heavier_share is not None else None,
            aggravated=aggravated,
            rule=bounds.rule,
            basis=basis,
        )
