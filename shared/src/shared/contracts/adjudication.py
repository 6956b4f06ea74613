"""Events the adjudication service publishes.

Hand-offs other ipcase services consume: ``adjudication.mediation_requested`` (mediation);
``adjudication.decision_effective``, ``adjudication.decision_revoked``,
``adjudication.performance_refused`` and ``adjudication.counterfeit_penalty_decided`` (credit).
The adjudication service publishes further events for courts and customs (§H) in this module.
"""

from __future__ import annotations

import datetime as dt
from uuid import UUID

from pydantic import Field

from shared.contracts.base import EventData
from shared.contracts.common import MoneyAmount, Outcome, PartyDetails, RightRef, SubjectRef

CASE_TOPIC = "adjudication.case"


class CaseOpenedV1(EventData, event_type="adjudication.case.opened", version=1, topic=CASE_TOPIC):
    """An adjudication case was opened for a complaint, in state SUBMITTED."""

    case_id: UUID
    case_no: str = Field(description="The adjudication service's registration number")
    complaint_id: UUID
    state: str
    opened_at: dt.datetime


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
    requested_at: dt.datetime


class DecisionEffectiveV1(
    EventData, event_type="adjudication.decision_effective", version=1, topic=CASE_TOPIC
):
    """A decision became effective: the litigation windows passed with no suit, or a court upheld it."""

    case_id: UUID
    case_no: str
    decision_no: str
    outcome: Outcome
    respondents: tuple[SubjectRef, ...]
    rights: tuple[RightRef, ...]
    stop_order_scope: tuple[str, ...] = Field(default=(), description="Acts ordered to stop (§A.7)")
    infringing_products: tuple[str, ...] = ()
    decided_on: dt.date
    effective_on: dt.date


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
