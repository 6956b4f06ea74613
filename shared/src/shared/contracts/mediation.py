"""Events the mediation service publishes.

Hand-offs other ipcase services consume: ``mediation.case.concluded`` (adjudication, for in-case
mediation) and ``mediation.agreement.performance_defaulted`` (credit). Events for the people's courts
(domain-rules §H.1) are published here too:

=====================================================  =============================================
§H.1 name                                              contract
=====================================================  =============================================
``mediation.agreement_signed``                         :class:`AgreementSignedV1`
``mediation.confirmation_requested``                   :class:`ConfirmationRequestedV1`
``mediation.result_for_assigned_case``                 :class:`AssignedCaseResultReportedV1`
enforcement application (CPL art. 206, Interp. 460)    :class:`EnforcementAppliedV1`
=====================================================  =============================================

Every event is on ``mediation.case``, keyed by the mediation case id, so a consumer sees one case's
events in the order they happened.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from shared.catalogue import enum_labels
from shared.contracts.base import EventData
from shared.contracts.common import Label, MoneyAmount, PartyDetails, SubjectRef
from shared.local_time import LocalDateTime

CASE_TOPIC = "mediation.case"


class MediationKind(StrEnum):
    """Kinds of mediation (domain-rules §B.1)."""

    PEOPLE = "people"  # 人民调解
    ADMINISTRATIVE = "administrative"  # 行政调解, including damages mediation for an adjudication case
    COURT_ASSIGNED = "court_assigned"  # 委派 (pre-filing), 30 CD
    COURT_ENTRUSTED = "court_entrusted"  # 委托 (post-filing), 15 CD ordinary / 7 CD simple


class Origin(StrEnum):
    COMPLAINT = "complaint"
    ADJUDICATION_CASE = "adjudication_case"
    COURT_ASSIGNMENT = "court_assignment"


class MediationCaseOpenedV1(EventData, event_type="mediation.case.opened", version=1, topic=CASE_TOPIC):
    """A mediation case was opened from a complaint, an adjudication case or a court assignment."""

    case_id: UUID
    case_no: str = Field(description="The mediation service's case number")
    complaint_id: UUID | None = None
    state: str
    state_label: Label | None = Field(default=None, description="The state as staff read it (zh, en)")
    opened_at: LocalDateTime
    kind: MediationKind | None = None
    origin: Origin | None = None
    origin_id: str | None = Field(
        default=None, description="Complaint id, adjudication case id or court assignment id"
    )


class MediationResult(StrEnum):
    AGREEMENT = "agreement"
    FAILED = "failed"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"
    DECLINED = "declined"


enum_labels(
    MediationResult,
    {
        "agreement": "达成调解协议",
        "failed": "调解不成",
        "withdrawn": "已撤回",
        "expired": "调解期限届满",
        "declined": "拒绝调解",
    },
    {
        "agreement": "settled by agreement",
        "failed": "no settlement reached",
        "withdrawn": "withdrawn",
        "expired": "mediation period expired",
        "declined": "mediation declined",
    },
)


class MediationConcludedV1(EventData, event_type="mediation.case.concluded", version=1, topic=CASE_TOPIC):
    """A mediation case ended; ``origin``/``origin_id`` say where it came from (e.g. an adjudication case).

    A case whose agreement the court refused to confirm may be mediated again; it then concludes a
    second time, and the later ``concluded_at`` is the one that counts.
    """

    case_id: UUID
    case_no: str
    origin: Origin
    origin_id: str
    result: MediationResult
    result_label: Label | None = Field(default=None, description="The result as staff read it (zh, en)")
    agreement_id: UUID | None = None
    agreed_amount: MoneyAmount | None = None
    summary: str | None = None
    concluded_at: LocalDateTime
    termination_ground: str | None = Field(
        default=None, description="Why mediation ended without agreement (Online Mediation Rules art. 25)"
    )


class PerformanceDefaultedV1(
    EventData, event_type="mediation.agreement.performance_defaulted", version=1, topic=CASE_TOPIC
):
    """A party missed an obligation of a mediation agreement (a credit input when court-confirmed)."""

    case_id: UUID
    case_no: str
    agreement_id: UUID
    subject: SubjectRef
    obligation: str = Field(description="What was not performed, e.g. instalment 2 of 3")
    amount: MoneyAmount | None = None
    due_on: dt.date
    confirmed_by_court: bool
    court_ruling_no: str | None = None
    found_on: dt.date


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True)


class InstalmentTerms(_Value):
    number: int = Field(ge=1)
    amount: MoneyAmount
    due_on: dt.date = Field(description="Last day to pay (rolled forward off a rest day when counted)")
    payer: str
    payee: str


class GoodsCovered(_Value):
    """Goods or a shipment a settlement names (§H.2 ``mediation.settlement_covering_goods``): customs
    may release detained goods when the holder withdraws (Customs IP Regs art. 24(5))."""

    description: str
    quantity: str = Field(description="Quantity with its unit, e.g. 1200 双")
    hs_code: str | None = Field(default=None, description="HS code (海关商品编码), if known")
    customs_ref: str | None = Field(
        default=None, description="The detaining port's notice or case number, if the goods are detained"
    )
    port_code: str | None = Field(default=None, description="The detaining port's partner code, if known")


class AgreementSignedV1(EventData, event_type="mediation.agreement.signed", version=1, topic=CASE_TOPIC):
    """A mediation agreement took effect: every party and the mediator signed (§H.1 agreement_signed).

    ``confirmation_deadline`` is the last day of the 30-day window for the joint application for
    judicial confirmation (CPL art. 205); it is absent where confirmation is not the route (an
    entrusted case goes back to the trial court). ``confirmation_eligible`` is false with reasons
    where the content cannot be confirmed (Interp. art. 355(5): confirming IP ownership or validity).
    """

    case_id: UUID
    case_no: str
    agreement_id: UUID
    agreement_no: str
    kind: MediationKind
    origin: Origin
    origin_id: str
    court_assignment_id: str | None = None
    organisation: str
    mediator: str
    parties: tuple[PartyDetails, ...]
    facts: str
    terms: tuple[str, ...]
    amount: MoneyAmount | None = None
    instalments: tuple[InstalmentTerms, ...] = ()
    stop_undertaking: str | None = None
    performance_manner: str
    performance_deadline: dt.date | None = None
    effective_at: LocalDateTime
    confirmation_deadline: dt.date | None = None
    confirmation_eligible: bool
    ineligibility_reasons: tuple[str, ...] = ()
    goods_covered: tuple[GoodsCovered, ...] = Field(
        default=(), description="Goods or shipments the agreement names (empty if none)"
    )


class MaterialStatus(StrEnum):
    PROVIDED = "provided"
    GENERATED = "generated"
    MISSING = "missing"
    NOT_APPLICABLE = "not_applicable"


class MaterialItem(_Value):
    """One line of the materials checklist (Interp. art. 354; 2011 Provisions art. 3)."""

    code: str
    title: str
    title_zh: str
    status: MaterialStatus
    reference: str | None = Field(default=None, description="Document number or file reference")


class JointApplicant(_Value):
    party: PartyDetails
    signed_at: LocalDateTime
    manner: str = Field(description="in_person | online | agent | written_consent")
    agent: str | None = None


class ConfirmationRequestedV1(
    EventData, event_type="mediation.confirmation.requested", version=1, topic=CASE_TOPIC
):
    """Both parties applied for judicial confirmation (§H.1 confirmation_requested; CPL art. 205).

    The court answers with ``court.confirmation.accepted`` / ``ruled`` / ``withdrawn`` naming
    ``application_id``, or through the mediation API.
    """

    application_id: UUID
    case_id: UUID
    case_no: str
    agreement_id: UUID
    agreement_no: str
    court_code: str
    court_name: str
    competence: tuple[str, ...] = Field(description="Why this court is competent (CPL art. 205)")
    applicants: tuple[JointApplicant, ...] = Field(min_length=2)
    materials: tuple[MaterialItem, ...]
    agreement_effective_at: LocalDateTime
    confirmation_deadline: dt.date
    court_assignment_id: str | None = None
    warnings: tuple[str, ...] = Field(default=(), description="Advisory notes on the content (not blocking)")
    filed_at: LocalDateTime


class AssignedCaseResultReportedV1(
    EventData, event_type="mediation.assigned_case.result_reported", version=1, topic=CASE_TOPIC
):
    """The result of a court-assigned (委派) or entrusted (委托) mediation, for the assigning court.

    §H.1 ``mediation.result_for_assigned_case``. After a failed pre-filing mediation the court dockets
    the suit; after a failed entrusted one the trial continues (SI Mediation arts. 20-21).
    ``extension_days`` were agreed by all parties and are excluded from the trial period.
    """

    assignment_id: str
    court_code: str
    court_case_no: str | None = None
    case_id: UUID
    case_no: str
    result: MediationResult
    termination_ground: str | None = None
    agreement_id: UUID | None = None
    agreement_no: str | None = None
    agreement_terms: tuple[str, ...] = ()
    agreed_amount: MoneyAmount | None = None
    agreement_doc: str | None = Field(default=None, description="API path of the agreement document (PDF)")
    mediation_started_at: LocalDateTime | None = None
    extension_days: int = 0
    reported_at: LocalDateTime


class UnperformedObligation(_Value):
    description: str
    amount: MoneyAmount | None = None
    due_on: dt.date


class EnforcementAppliedV1(
    EventData, event_type="mediation.enforcement.applied", version=1, topic=CASE_TOPIC
):
    """A party applied for enforcement of a court-confirmed agreement (CPL art. 206; Interp. art. 460).

    Filed with the court that ruled, or a court of the same level where the property is.
    ``application_deadline`` is the end of the 2-year period of CPL art. 250.
    """

    enforcement_id: UUID
    case_id: UUID
    case_no: str
    agreement_id: UUID
    agreement_no: str
    court_code: str
    court_name: str
    ruling_court_code: str
    confirmation_ruling_no: str
    confirmation_docket_no: str | None = None
    ruled_at: LocalDateTime
    applicant: PartyDetails
    respondent: PartyDetails
    unperformed: tuple[UnperformedObligation, ...] = Field(min_length=1)
    outstanding_amount: MoneyAmount | None = None
    application_deadline: dt.date
    applied_at: LocalDateTime
