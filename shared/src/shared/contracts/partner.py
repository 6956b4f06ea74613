"""Partner contracts: what a people's court or a customs office receives on its own feed (§H).

These are *projections* of the internal events, made by the ``partners`` service: each carries
exactly the key fields §H.1 (courts) or §H.2 (customs) lists for it, plus the §H envelope, and
nothing else — never a party's phone, e-mail, home address or full ID number, never the facts of a
case file. Each partner gets them on its own topic ``partner.<code>.feed`` (the ``topic`` declared
here is the channel name pattern's kind-level placeholder, ``partner.<kind>.feed``: a record is
written to the addressed partner's own topic, never to this one), on its HTTP cursor feed and by
webhook; every one is signed by the issuing office (CloudEvents extension attribute ``ipcasesig``).

``partner.<kind>.message_rejected`` tells a partner that a message it sent was refused (bad or
missing signature, unknown sender, schema violation, or a business rule), with the original id and
the reason in Chinese and English.

``court_message.rejected`` is internal: mediation and adjudication publish it when a verified court
message breaks a business rule; the partners service projects it onto the court's feed.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts.base import EventData
from shared.contracts.common import MoneyAmount, PartyKind
from shared.local_time import LocalDateTime

COURT_FEED = "partner.court.feed"
CUSTOMS_FEED = "partner.customs.feed"
COURT_INBOUND_TOPIC = "partner.court.inbound"
CUSTOMS_INBOUND_TOPIC = "partner.customs.inbound"
COURT_REJECTIONS_TOPIC = "court.rejections"


def feed_topic(partner_code: str) -> str:
    """The Kafka topic of one partner's feed (a partner principal may read only its own)."""
    return f"partner.{partner_code}.feed"


class Confidentiality(StrEnum):
    """§H envelope ``confidentiality``: how far a partner may pass the event on."""

    PUBLIC = "public"  # public by law (published decisions, published listings)
    RESTRICTED = "restricted"  # for the addressed agency's own use (official duties only)
    BUSINESS_SECRET = "business_secret"  # carries business secrets (Customs Regs art. 6; APL)


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True)


class PartnerParty(_Value):
    """A party as a partner sees it: kind, name, and the USCC or a masked ID number only."""

    kind: PartyKind
    name: str
    credit_code: str | None = Field(default=None, description="统一社会信用代码 (organisations)")
    id_number_masked: str | None = Field(default=None, description="Individuals: masked ID number only")


class PartnerRight(_Value):
    """An IP right: type and registration number (§H ``ip_refs``)."""

    ip_type: str
    number: str


class PartnerEvent(EventData):
    """The §H envelope every partner event carries besides the CloudEvents attributes.

    ``event_id``, ``event_type`` and ``occurred_at`` are the CloudEvents ``id``, ``type`` and
    ``time``; ``correlation_id`` is ``correlationid``.
    """

    producer: str = Field(description="Issuing office code (administrative division code + office)")
    case_id: UUID | None = None
    case_no: str | None = Field(default=None, description="Official docket number (or agreement number)")
    schema_version: int = Field(description="Version of this partner contract")
    confidentiality: Confidentiality = Confidentiality.RESTRICTED
    source_event_id: str = Field(description="The internal event this one was projected from")


# ------------------------------------------------------------------ §H.1 people's courts


class CourtDecisionIssuedV1(
    PartnerEvent, event_type="partner.court.decision_issued", version=1, topic=COURT_FEED
):
    """§H.1 ``adjudication.decision_issued``: for the pre-check of later civil suits, ALL art. 61."""

    decision_no: str
    outcome: str
    stop_order_scope: tuple[str, ...] = ()
    patents: tuple[PartnerRight, ...]
    parties: tuple[PartnerParty, ...]
    decided_on: dt.date
    litigation_route: str


class CourtDecisionServedV1(
    PartnerEvent, event_type="partner.court.decision_served", version=1, topic=COURT_FEED
):
    """§H.1 ``adjudication.decision_served``: admissibility of the administrative suit (PL art. 65)."""

    decision_no: str
    party: PartnerParty
    party_role: str
    served_on: dt.date
    litigation_deadline: dt.date


class CourtDecisionEffectiveV1(
    PartnerEvent, event_type="partner.court.decision_effective", version=1, topic=COURT_FEED
):
    """§H.1 ``adjudication.decision_effective``: basis for enforcement and the punitive repeat test."""

    decision_no: str
    effective_on: dt.date
    upheld_by_court: bool = False


class CourtEnforcementDemandServedV1(
    PartnerEvent, event_type="partner.court.enforcement_demand_served", version=1, topic=COURT_FEED
):
    """§H.1 ``adjudication.enforcement_demand_served`` (催告, ACL art. 54): completeness of the package."""

    decision_no: str
    served_on: dt.date
    earliest_application_date: dt.date


class CourtCaseSuspendedV1(
    PartnerEvent, event_type="partner.court.case_suspended", version=1, topic=COURT_FEED
):
    """§H.1 ``adjudication.suspended``: parallel civil cases (consistent suspension)."""

    reason_code: str
    invalidation_case_no: str | None = None
    suspended_on: dt.date


class CourtCaseResumedV1(PartnerEvent, event_type="partner.court.case_resumed", version=1, topic=COURT_FEED):
    """§H.1 ``adjudication.resumed``."""

    reason_code: str
    resumed_on: dt.date


class CourtEnforcementAppliedV1(
    PartnerEvent, event_type="partner.court.enforcement_applied", version=1, topic=COURT_FEED
):
    """§H.1 ``adjudication.enforcement_applied`` (ACL arts. 53-55): only to the court applied to."""

    court_code: str
    application_no: str
    decision_no: str
    facts_and_reasons: str
    demand_served_on: dt.date
    object_of_enforcement: tuple[str, ...]
    subject: PartnerParty
    applied_on: dt.date
    application_deadline: dt.date


class CourtAgreementSignedV1(
    PartnerEvent, event_type="partner.court.agreement_signed", version=1, topic=COURT_FEED
):
    """§H.1 ``mediation.agreement_signed``: judicial confirmation intake (CPL art. 205)."""

    agreement_no: str
    parties: tuple[PartnerParty, ...]
    amount: MoneyAmount | None = None
    performance_terms: tuple[str, ...]
    performance_manner: str
    performance_deadline: dt.date | None = None
    organisation: str
    effective_at: LocalDateTime
    confirmation_deadline: dt.date | None = None
    confirmation_eligible: bool
    court_assignment_id: str | None = None


class CourtConfirmationRequestedV1(
    PartnerEvent, event_type="partner.court.confirmation_requested", version=1, topic=COURT_FEED
):
    """§H.1 ``mediation.confirmation_requested``: only to the court the application is lodged with."""

    application_id: UUID
    court_code: str
    agreement_no: str
    applicants: tuple[PartnerParty, ...]
    signed: bool = Field(description="Both parties signed the joint application")
    materials: tuple[str, ...] = Field(description="Materials checklist (Interp. art. 354): code=status")
    confirmation_deadline: dt.date
    filed_at: LocalDateTime


class CourtAssignedCaseResultV1(
    PartnerEvent, event_type="partner.court.assigned_case_result", version=1, topic=COURT_FEED
):
    """§H.1 ``mediation.result_for_assigned_case``: only to the assigning court."""

    assignment_id: str
    court_code: str
    result: str
    agreement_no: str | None = None
    agreement_doc: str | None = None
    reported_at: LocalDateTime


class CourtCreditListedV1(
    PartnerEvent, event_type="partner.court.credit_listed", version=1, topic=COURT_FEED
):
    """§H.1 ``credit.dishonest_listed``: list type, basis, period."""

    subject: PartnerParty
    list_type: str
    basis: str = Field(description="Underlying decision: authority and document number")
    period_end: dt.date | None = None


class CourtCreditEndedV1(PartnerEvent, event_type="partner.court.credit_ended", version=1, topic=COURT_FEED):
    """§H.1 ``credit.repaired`` / ``credit.expired``: a listing ended (repair, or its period ran out)."""

    subject: PartnerParty
    list_type: str
    ended_by: str = Field(description="repaired | expired")
    ended_on: dt.date


class CourtPenaltyDecidedV1(
    PartnerEvent, event_type="partner.court.penalty_decided", version=1, topic=COURT_FEED
):
    """§H.1 ``counterfeit.penalty_decided`` (any of the three laws since issue 18): fine, confiscation,
    doc no. — for criminal referral and as civil evidence."""

    decision_no: str
    law: str = Field(
        description="counterfeit_patent (PL art. 68) | trademark (TM art. 60) | copyright (CL art. 53)"
    )
    subject: PartnerParty
    fine: MoneyAmount | None = None
    confiscated: MoneyAmount | None = Field(default=None, description="Illegal gains confiscated")
    decided_on: dt.date


class PartnerEvidenceItem(_Value):
    """One entry of an evidence index: what it is and its digest, never the evidence itself."""

    item_id: str
    description: str
    sha256: str | None = None
    sealed: bool = False


class CourtTransferredToPoliceV1(
    PartnerEvent, event_type="partner.court.transferred_to_police", version=1, topic=COURT_FEED
):
    """§H.1 ``case.transferred_to_police``: clue and evidence index, for procuratorate and police
    (行刑衔接); restricted to the addressed court's official use."""

    law: str
    subject: PartnerParty
    clue: str = Field(description="The facts suspected to be a crime, as the transfer letter states them")
    evidence_index: tuple[PartnerEvidenceItem, ...] = ()
    transferred_on: dt.date


# ------------------------------------------------------------------ §H.2 customs


class CustomsInfringementDecidedV1(
    PartnerEvent, event_type="partner.customs.infringement_decided", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``adjudication.decision_effective`` (infringement found): risk profiling (art. 13)."""

    decision_no: str
    patents: tuple[PartnerRight, ...]
    respondents: tuple[PartnerParty, ...]
    infringing_products: tuple[str, ...] = ()
    stop_order_scope: tuple[str, ...] = ()
    effective_on: dt.date


class CustomsCounterfeitPenaltyV1(
    PartnerEvent, event_type="partner.customs.counterfeit_penalty", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``counterfeit.penalty_decided``: subject, products, marks, amounts."""

    decision_no: str
    subject: PartnerParty
    products: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    fine: MoneyAmount | None = None
    confiscated: MoneyAmount | None = None


class CustomsCreditListedV1(
    PartnerEvent, event_type="partner.customs.credit_listed", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``credit.dishonest_listed`` / ``credit.serious_list_entered``: subject, list type, period end."""

    subject: PartnerParty
    list_type: str
    period_end: dt.date | None = None


class CustomsRepeatInfringerV1(
    PartnerEvent, event_type="partner.customs.repeat_infringer", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``repeat_infringer.flagged``: subject, right, prior decisions."""

    subject: PartnerParty
    right: PartnerRight
    prior_decisions: tuple[str, ...]


class CustomsPenaltyDecidedV1(
    PartnerEvent, event_type="partner.customs.penalty_decided", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``counterfeit.penalty_decided`` for trademark (TM art. 60) and copyright (CL art. 53)
    penalties: subject, products, marks, amounts. Counterfeit-patent penalties stay on
    ``partner.customs.counterfeit_penalty``."""

    decision_no: str
    law: str = Field(description="trademark | copyright")
    subject: PartnerParty
    products: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    fine: MoneyAmount | None = None
    confiscated: MoneyAmount | None = Field(default=None, description="Illegal gains confiscated")


class CustomsCreditRemovedV1(
    PartnerEvent, event_type="partner.customs.credit_removed", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``credit...removed``: a listing ended (repaired, expired, or its decision revoked) —
    subject, list type, and the day it ended (the listing's period end as it now stands)."""

    subject: PartnerParty
    list_type: str
    removed_by: str = Field(description="repaired | expired | revoked")
    period_end: dt.date


class CustomsRightStatusChangedV1(
    PartnerEvent, event_type="partner.customs.right_status_changed", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``ip_right.status_changed`` (invalidation, expiry, ownership change, licence recorded, from
    the rights registry): IP ref, new status, effective date — for lapse or update of recordations
    (arts. 10-11) and release of detained goods. Public register data: sent to every customs office."""

    right: PartnerRight
    new_status: str
    effective_date: dt.date


class CustomsEvaluationReportIssuedV1(
    PartnerEvent, event_type="partner.customs.evaluation_report_issued", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``evaluation_report.issued``: a utility model or design patent's evaluation report (Impl.
    Regs art. 63) — patent no. and its conclusion, for the weight of the holder's evidence. CNIPA's
    reports are public once issued: sent to every customs office."""

    patent: PartnerRight
    report_no: str
    conclusion: str = Field(description="no_defect | partly_defective | defective")
    issued_on: dt.date


class PartnerGoods(_Value):
    """Goods a settlement names: what, how many, the HS code and the detention they are held under."""

    description: str
    quantity: str
    hs_code: str | None = None
    customs_ref: str | None = None


class CustomsSettlementCoveringGoodsV1(
    PartnerEvent, event_type="partner.customs.settlement_covering_goods", version=1, topic=CUSTOMS_FEED
):
    """§H.2 ``mediation.settlement_covering_goods``: an effective mediation agreement names specific
    goods or shipments — the goods and the settling parties (organisations by name and USCC,
    individuals masked), for the holder's withdrawal (Customs IP Regs art. 24(5)). Sent to the port
    detaining them when the agreement names it, otherwise to every customs office."""

    goods_covered: tuple[PartnerGoods, ...]
    settling_parties: tuple[PartnerParty, ...]
    effective_on: dt.date


# ------------------------------------------------------------------ rejections (both kinds)


class RejectionReason(StrEnum):
    SIGNATURE_MISSING = "signature_missing"
    SIGNATURE_INVALID = "signature_invalid"
    UNKNOWN_PARTNER = "unknown_partner"
    IDENTITY_MISMATCH = "identity_mismatch"
    SCHEMA_VIOLATION = "schema_violation"
    UNSUPPORTED_TYPE = "unsupported_type"
    BUSINESS_RULE = "business_rule"


class _MessageRejected(PartnerEvent):
    original_id: str = Field(description="The CloudEvents id of the refused message")
    original_type: str | None = None
    reason_code: RejectionReason
    reason: str = Field(description="Why, in English")
    reason_zh: str = Field(description="Why, in Chinese")
    received_at: LocalDateTime


class CourtMessageRejectedV1(
    _MessageRejected, event_type="partner.court.message_rejected", version=1, topic=COURT_FEED
):
    """A message the court sent was refused; nothing changed in ipcase."""


class CustomsMessageRejectedV1(
    _MessageRejected, event_type="partner.customs.message_rejected", version=1, topic=CUSTOMS_FEED
):
    """A message the customs office sent was refused; nothing changed in ipcase."""


class CourtMessageRefusedV1(
    EventData, event_type="court_message.rejected", version=1, topic=COURT_REJECTIONS_TOPIC
):
    """Internal: mediation or adjudication refused a verified court message on a business rule."""

    original_id: str = Field(
        description="The CloudEvents id of the court message (as the gateway forwarded it)"
    )
    original_type: str
    court_code: str
    reason_code: str = Field(description="The refusing service's error code, e.g. invalid_transition")
    reason: str
    reason_zh: str
    refused_at: LocalDateTime
