"""Events the adjudication service publishes.

Hand-offs other ipcase services consume: ``adjudication.mediation_requested`` (mediation);
``adjudication.decision_effective``, ``adjudication.decision_revoked``,
``adjudication.performance_refused``, ``adjudication.penalty_decided`` and (for counterfeit patents,
kept for consumers that have not moved) ``adjudication.counterfeit_penalty_decided`` (credit).

For the people's courts and customs (domain-rules §H.1, §H.2): ``adjudication.case.docketed``,
``adjudication.decision_issued``, ``adjudication.decision_served``,
``adjudication.enforcement_demand_served``, ``adjudication.enforcement_applied``,
``adjudication.suspended`` / ``adjudication.resumed``, ``adjudication.repeat_infringer_flagged`` and
``adjudication.case.transferred_to_police`` (§H.1 ``case.transferred_to_police``, for police and
procuratorate).
Every state change is also published as ``adjudication.case.transitioned`` (audit, dashboards) and
every statutory deadline that is due soon or missed as ``adjudication.deadline_alert``.

``case_no`` is the official docket number (立案编号) once a case is docketed (§H envelope); before
that, and in ``adjudication.case.opened``, it is the service's registration number.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts.base import EventData
from shared.contracts.common import Label, MoneyAmount, Outcome, PartyDetails, PartyRef, RightRef, SubjectRef
from shared.local_time import LocalDateTime

CASE_TOPIC = "adjudication.case"


class CaseOpenedV1(EventData, event_type="adjudication.case.opened", version=1, topic=CASE_TOPIC):
    """An adjudication case was opened for a complaint, in state SUBMITTED."""

    case_id: UUID
    case_no: str = Field(description="The adjudication service's registration number")
    complaint_id: UUID
    state: str
    state_label: Label | None = Field(default=None, description="The state as staff read it (zh, en)")
    opened_at: LocalDateTime


class MediationRequestedV1(
    EventData, event_type="adjudication.mediation_requested", version=1, topic=CASE_TOPIC
):
    """Both parties consented to mediation inside an adjudication case (§A.6); mediation takes over.

    The case waits in IN_MEDIATION until ``mediation.case.concluded`` names it as origin.
    """

    case_id: UUID
    case_no: str
    requester: PartyDetails
    respondents: tuple[PartyDetails, ...] = Field(min_length=1)
    rights: tuple[RightRef, ...] = Field(min_length=1)
    damages_mediation: bool = Field(description="Mediation of the amount of damages (PL art. 65)")
    summary: str
    requested_at: LocalDateTime


class DecisionEffectiveV1(
    EventData, event_type="adjudication.decision_effective", version=1, topic=CASE_TOPIC
):
    """A decision became effective: the litigation windows passed with no suit, or a court upheld it."""

    case_id: UUID
    case_no: str
    decision_no: str
    outcome: Outcome
    outcome_label: Label | None = Field(default=None, description="The outcome as staff read it (zh, en)")
    respondents: tuple[SubjectRef, ...]
    rights: tuple[RightRef, ...]
    stop_order_scope: tuple[str, ...] = Field(default=(), description="Acts ordered to stop (§A.7)")
    infringing_products: tuple[str, ...] = ()
    decided_on: dt.date
    effective_on: dt.date
    stop_measures: tuple[str, ...] = Field(
        default=(), description="Measures ordered with the stop order, e.g. destroy_moulds (§A.7)"
    )
    upheld_by_court: bool = Field(
        default=False, description="Effective through a court judgment upholding it"
    )


class DecisionRevokedV1(EventData, event_type="adjudication.decision_revoked", version=1, topic=CASE_TOPIC):
    """A court revoked a decision in administrative litigation; consequences built on it fall away."""

    case_id: UUID
    case_no: str
    decision_no: str
    court: str
    court_case_no: str
    revoked_on: dt.date


class PerformanceRefusedV1(
    EventData, event_type="adjudication.performance_refused", version=1, topic=CASE_TOPIC
):
    """The infringer refused to perform an effective decision (a credit input, §C.1, SEED-003 L24)."""

    case_id: UUID
    case_no: str
    decision_no: str
    subject: SubjectRef
    finding: str
    found_on: dt.date
    enforcement_ruling_no: str | None = None


class CounterfeitPenaltyDecidedV1(
    EventData, event_type="adjudication.counterfeit_penalty_decided", version=1, topic=CASE_TOPIC
):
    """A counterfeit-patent (假冒专利) penalty decision (§A.12, §H ``counterfeit.penalty_decided``)."""

    case_id: UUID
    case_no: str
    decision_no: str
    subject: SubjectRef
    fine: MoneyAmount | None = None
    illegal_gains_confiscated: MoneyAmount | None = None
    products: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    decided_on: dt.date
    publication_due: dt.date | None = Field(
        default=None, description="Last day to publish the decision (PL art. 68 公告; SAMR Order 45 art. 9)"
    )


class PenaltyLaw(StrEnum):
    COUNTERFEIT_PATENT = "counterfeit_patent"  # 专利法 art. 68
    TRADEMARK = "trademark"  # 商标法 art. 60
    COPYRIGHT = "copyright"  # 著作权法 art. 53


class PenaltySeverity(StrEnum):
    WARNING_ONLY = "warning_only"  # no fine, nothing confiscated: not published (SAMR Order 45 art. 2)
    STANDARD = "standard"
    HEAVIER = "heavier"  # 较重行政处罚: the prerequisite of the SAMR serious list (§C.2)


class PenaltyDecidedV1(EventData, event_type="adjudication.penalty_decided", version=1, topic=CASE_TOPIC):
    """An administrative penalty decision under any of the three laws (§A.12, §A.13, §C.2, §C.3)."""

    case_id: UUID
    case_no: str
    decision_no: str
    law: PenaltyLaw
    severity: PenaltySeverity
    subject: SubjectRef
    right_number: str | None = Field(default=None, description="Patent, trademark or copyright number")
    fine: MoneyAmount | None = None
    illegal_gains_confiscated: MoneyAmount | None = None
    goods_confiscated: tuple[str, ...] = Field(
        default=(), description="Inventory of goods and tools confiscated"
    )
    aggravated: bool = Field(default=False, description="Heavier punishment for repeat infringement applied")
    repeat_of: tuple[str, ...] = Field(
        default=(), description="Earlier penalty decisions against the subject within the look-back"
    )
    products: tuple[str, ...] = ()
    marks: tuple[str, ...] = ()
    decided_on: dt.date
    publication_due: dt.date | None = Field(
        default=None, description="Last day to publish the decision (SAMR Order 45 art. 9: 20 WD)"
    )


class EvidenceItem(BaseModel):
    model_config = ConfigDict(frozen=True)

    item_id: str
    description: str
    sha256: str | None = None
    sealed: bool = False


class CaseTransferredToPoliceV1(
    EventData, event_type="adjudication.case.transferred_to_police", version=1, topic=CASE_TOPIC
):
    """A penalty case whose facts meet a criminal threshold was transferred to the police (行刑衔接, §H.1)."""

    case_id: UUID
    case_no: str
    law: PenaltyLaw
    subject: SubjectRef
    clue: str = Field(description="The facts suspected to be a crime, as the transfer letter states them")
    thresholds_met: tuple[str, ...] = Field(default=(), description="Which configured criminal thresholds")
    evidence_index: tuple[EvidenceItem, ...] = ()
    transferred_on: dt.date


# ------------------------------------------------------------------ lifecycle (§A.14)


class CaseKind(StrEnum):
    INFRINGEMENT_DISPUTE = "infringement_dispute"  # 专利侵权纠纷行政裁决
    COUNTERFEIT_PENALTY = "counterfeit_penalty"  # 行政处罚 case (since issue 18 any law: see penalty_decided)


class CaseTransitionedV1(EventData, event_type="adjudication.case.transitioned", version=1, topic=CASE_TOPIC):
    """A case moved from one state to another: who moved it, when, and on which legal basis."""

    case_id: UUID
    case_kind: CaseKind
    case_no: str
    transition: str = Field(description="Name of the transition in the service's table, e.g. docket")
    event: str = Field(description="Past-tense name of what happened, e.g. CaseDocketed")
    from_state: str
    to_state: str
    actor_kind: str = Field(description="handler, panel, office_head, requester, court, system, ...")
    actor_id: str
    occurred_at: LocalDateTime


class CaseDocketedV1(EventData, event_type="adjudication.case.docketed", version=1, topic=CASE_TOPIC):
    """The office accepted the request (立案): the docket number is assigned and the case clock starts.

    Other offices use it for the first-to-accept rule (专利法实施细则 art. 97 ¶2).
    """

    case_id: UUID
    case_no: str = Field(description="Official docket number")
    registration_no: str
    complaint_id: UUID
    office_code: str
    procedure: str = Field(description="ordinary | simple | green_channel")
    requester: PartyRef
    respondents: tuple[PartyRef, ...] = Field(min_length=1)
    rights: tuple[RightRef, ...] = Field(min_length=1)
    docketed_at: LocalDateTime
    close_deadline: dt.date | None = None


class CaseNotAcceptedV1(EventData, event_type="adjudication.case.not_accepted", version=1, topic=CASE_TOPIC):
    """The office decided not to accept the request (不予受理), with written reasons (§A.7)."""

    case_id: UUID
    case_no: str = Field(description="Registration number (no docket number is ever assigned)")
    complaint_id: UUID
    reasons: tuple[str, ...] = Field(min_length=1)
    decided_at: LocalDateTime


class DecisionIssuedV1(EventData, event_type="adjudication.decision_issued", version=1, topic=CASE_TOPIC):
    """A decision was signed (§H.1): outcome, stop-order scope and the route to challenge it."""

    case_id: UUID
    case_no: str
    decision_no: str
    outcome: Outcome
    requester: PartyRef
    respondents: tuple[PartyRef, ...]
    rights: tuple[RightRef, ...]
    stop_order_scope: tuple[str, ...] = ()
    infringing_products: tuple[str, ...] = ()
    stop_measures: tuple[str, ...] = ()
    decided_on: dt.date
    litigation_route: str = Field(description="The litigation route and time limit as the decision states it")


class DecisionServedV1(EventData, event_type="adjudication.decision_served", version=1, topic=CASE_TOPIC):
    """The decision reached one party; that party's 15-day window to sue runs from here (PL art. 65)."""

    case_id: UUID
    case_no: str
    decision_no: str
    party: PartyRef
    party_role: str = Field(description="requester | respondent")
    method: str
    served_on: dt.date
    litigation_deadline: dt.date


class EnforcementDemandServedV1(
    EventData, event_type="adjudication.enforcement_demand_served", version=1, topic=CASE_TOPIC
):
    """A written demand to perform (催告, ACL art. 54) was served on the infringer."""

    case_id: UUID
    case_no: str
    decision_no: str
    subject: SubjectRef
    served_on: dt.date
    earliest_application_date: dt.date = Field(description="10 working days after service (ACL arts. 54, 69)")
    application_deadline: dt.date = Field(description="3 months after the litigation window (ACL art. 53)")


class EnforcementAppliedV1(
    EventData, event_type="adjudication.enforcement_applied", version=1, topic=CASE_TOPIC
):
    """The office applied to a people's court for compulsory enforcement (ACL arts. 53-55)."""

    case_id: UUID
    case_no: str
    decision_no: str
    court_code: str
    court_name: str
    application_no: str
    applied_on: dt.date
    subject: SubjectRef
    object_of_enforcement: tuple[str, ...] = Field(min_length=1)
    facts_and_reasons: str
    demand_served_on: dt.date
    application_deadline: dt.date
    late_filing_reason: str | None = Field(default=None, description="Good reason for a late application")


class SuspensionReason(StrEnum):
    INVALIDATION = "invalidation"
    OWNERSHIP = "ownership"
    COURT_PRESERVATION = "court_preservation"
    OTHER = "other"


class CaseSuspendedV1(EventData, event_type="adjudication.suspended", version=1, topic=CASE_TOPIC):
    """The case was suspended (§A.5); the case clock stands still until it resumes."""

    case_id: UUID
    case_no: str
    reason_code: SuspensionReason
    invalidation_case_no: str | None = None
    court_ruling_no: str | None = None
    suspended_on: dt.date
    rights: tuple[RightRef, ...] = ()


class CaseResumedV1(EventData, event_type="adjudication.resumed", version=1, topic=CASE_TOPIC):
    """The suspension ended; the case clock runs again towards the new closing deadline."""

    case_id: UUID
    case_no: str
    reason_code: SuspensionReason
    resumed_on: dt.date
    close_deadline: dt.date | None = None
    close_deadline_explanation: str = ""


class PriorDecision(BaseModel):
    model_config = ConfigDict(frozen=True)

    decision_no: str
    office_code: str
    effective_on: dt.date
    case_id: UUID | None = None


class RepeatInfringerFlaggedV1(
    EventData, event_type="adjudication.repeat_infringer_flagged", version=1, topic=CASE_TOPIC
):
    """A second effective finding against the same subject and patent within the look-back window (§H.2)."""

    case_id: UUID
    case_no: str
    decision_no: str
    subject: SubjectRef
    right: RightRef
    prior_decisions: tuple[PriorDecision, ...] = Field(min_length=1)
    lookback_months: int
    flagged_on: dt.date


class AlertLevel(StrEnum):
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


class DeadlineAlertV1(EventData, event_type="adjudication.deadline_alert", version=1, topic=CASE_TOPIC):
    """A statutory deadline the office must meet is due soon, or was missed (for notifications)."""

    case_id: UUID
    case_kind: CaseKind
    case_no: str
    deadline: str = Field(description="The case's name for the deadline, e.g. close, docket")
    period: str = Field(description="Period catalogue entry, e.g. adjudication.close")
    level: AlertLevel
    due_on: dt.date
    assignees: tuple[str, ...] = Field(default=(), description="Person ids of the case's active handlers")
    explanation: str = ""
