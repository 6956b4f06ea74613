"""Request bodies, each with the command it becomes (the route adds the case id and the actor)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from mediation.domain import commands as c
from mediation.domain.agreement import (
    AgreementContent,
    Goods,
    Instalment,
    SignatureManner,
    Term,
    TermKind,
)
from mediation.domain.confirmation import ApplicationManner, JointApplicantSignature
from mediation.domain.mediating import TerminationGround
from shared.domain.actors import Actor
from shared.identity.principals import Principal

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Region = Annotated[str, StringConstraints(pattern=r"^\d{2,6}$")]


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartyChoice(_Body):
    party_id: uuid.UUID


class RefusalIn(_Body):
    party_id: uuid.UUID
    reason: ShortText = Field(examples=["被请求人明确表示不同意调解"])


class AssignmentIn(_Body):
    mediator_id: uuid.UUID | None = Field(
        default=None, description="Leave out to assign the best-ranked eligible mediator"
    )


class DeclinationIn(_Body):
    reason: ShortText
    conflict_with_party_id: uuid.UUID | None = Field(
        default=None, description="A conflict of interest with this party: recorded on the roster"
    )


class ReasonIn(_Body):
    reason: ShortText


class ExtensionIn(_Body):
    days: int = Field(ge=1, le=365, description="Calendar days agreed by every party")
    consenting_party_ids: list[uuid.UUID] = Field(min_length=1)


class TerminationIn(_Body):
    ground: TerminationGround
    explanation: ShortText | None = None


class TermIn(_Body):
    kind: TermKind = Field(examples=["payment"])
    text: Text = Field(examples=["被申请人于2026年12月31日前向申请人支付赔偿金人民币10万元"])


class InstalmentIn(_Body):
    number: int = Field(ge=1)
    amount: Decimal = Field(gt=0, decimal_places=2)
    due_on: dt.date
    payer_id: uuid.UUID
    payee_id: uuid.UUID


class GoodsIn(_Body):
    """Goods or a shipment the agreement names; customs are told of them (§H.2, Customs IP Regs
    art. 24(5)): the detaining port if ``port_code`` is given, otherwise every customs office."""

    description: ShortText = Field(examples=["运动鞋（带某某图案）"])
    quantity: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] = Field(
        description="Quantity with its unit", examples=["1200 双"]
    )
    hs_code: Annotated[str, StringConstraints(pattern=r"^\d{6,10}$")] | None = Field(
        default=None, description="HS code (海关商品编码), 6 to 10 digits"
    )
    customs_ref: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None
    ) = Field(default=None, description="The detaining port's notice or case number, if detained")
    port_code: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z_-]{2,40}$")] | None = Field(
        default=None, description="The detaining port's partner code (from its detention notice)"
    )


class AgreementIn(_Body):
    """The agreement's content (People's Mediation Law art. 29; SI Mediation art. 24)."""

    facts: Text = Field(description="Main facts of the dispute")
    issues: Text = Field(description="The issues in dispute")
    responsibilities: Text = Field(description="Each side's responsibility")
    terms: list[TermIn] = Field(min_length=1, max_length=50)
    amount: Decimal | None = Field(default=None, ge=0, decimal_places=2)
    currency: Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")] = "CNY"
    instalments: list[InstalmentIn] = Field(default_factory=list, max_length=120)
    stop_undertaking: ShortText | None = None
    performance_manner: ShortText = Field(examples=["银行转账"])
    performance_deadline: dt.date | None = None
    goods_covered: list[GoodsIn] = Field(
        default_factory=list, max_length=200, description="Specific goods or shipments the agreement covers"
    )

    def to_content(self) -> AgreementContent:
        return AgreementContent(
            facts=self.facts,
            issues=self.issues,
            responsibilities=self.responsibilities,
            terms=tuple(Term(t.kind, t.text) for t in self.terms),
            amount=self.amount,
            currency=self.currency,
            instalments=tuple(
                Instalment(
                    number=i.number,
                    amount=i.amount,
                    due_on=i.due_on,
                    payer_id=i.payer_id,
                    payee_id=i.payee_id,
                )
                for i in self.instalments
            ),
            stop_undertaking=self.stop_undertaking,
            performance_manner=self.performance_manner,
            performance_deadline=self.performance_deadline,
            goods_covered=tuple(
                Goods(
                    description=g.description,
                    quantity=g.quantity,
                    hs_code=g.hs_code,
                    customs_ref=g.customs_ref,
                    port_code=g.port_code,
                )
                for g in self.goods_covered
            ),
        )


class SignatureIn(_Body):
    party_id: uuid.UUID | None = Field(
        default=None, description="Leave out for the mediator's signature with the organisation's seal"
    )
    manner: SignatureManner = SignatureManner.SIGNATURE
    signed_at: dt.datetime | None = Field(default=None, description="When it was signed (default: now)")


class ApplicantIn(_Body):
    party_id: uuid.UUID
    signed_at: dt.datetime
    manner: ApplicationManner = ApplicationManner.IN_PERSON
    agent_name: ShortText | None = None

    def to_domain(self) -> JointApplicantSignature:
        return JointApplicantSignature(
            party_id=self.party_id, signed_at=self.signed_at, manner=self.manner, agent_name=self.agent_name
        )


class ConfirmationApplicationIn(_Body):
    court_code: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None
    ) = Field(default=None, description="Required when several courts are competent")
    applicants: list[ApplicantIn] = Field(min_length=2, description="Every party: the application is joint")
    provided_materials: dict[ShortText, ShortText] = Field(
        default_factory=dict,
        max_length=200,
        description="Checklist items the parties supplied, by code (identity:<party id>, property_rights, "
        "agent_authority) with a file reference",
    )
    subject_matter_region: Region | None = None

    def to_command(self, case_id: uuid.UUID, actor: Actor, principal: Principal) -> c.FileConfirmation:
        return c.FileConfirmation(
            case_id=case_id,
            court_code=self.court_code,
            applicants=tuple(a.to_domain() for a in self.applicants),
            provided_materials=dict(self.provided_materials),
            subject_matter_region=self.subject_matter_region,
            actor=actor,
            principal=principal,
        )


class ObjectionIn(_Body):
    by_third_party: bool
    party_id: uuid.UUID | None = Field(
        default=None,
        description="The objecting party (unless by_third_party): its window runs from its own receipt",
    )
    objector: ShortText
    grounds: Text
    lodged_on: dt.date


class RulingReceiptIn(_Body):
    party_id: uuid.UUID = Field(description="The party that received the confirmation ruling")
    received_on: dt.date = Field(description="The day it received the ruling; not before the ruling")


class ObjectionDecisionIn(_Body):
    upheld: bool
    decided_on: dt.date = Field(description="Not before the objection was lodged")
    document_ref: ShortText | None = Field(
        default=None, description="The court's decision document (required when a clerk enters it)"
    )


class PaymentIn(_Body):
    paid_on: dt.date
    amount: Decimal = Field(gt=0, decimal_places=2)


class PerformanceIn(_Body):
    performed_on: dt.date


class EnforcementIn(_Body):
    applicant_id: uuid.UUID = Field(description="The party owed performance")
    court_code: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None
    ) = Field(
        default=None, description="Default: the court that ruled; or a same-level court where the property is"
    )
    breached_obligation: ShortText | None = Field(
        default=None, description="A breached non-monetary term (e.g. the stop undertaking)"
    )
