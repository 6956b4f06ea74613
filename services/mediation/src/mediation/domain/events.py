"""What happened to a mediation case: past-tense events, each with its actor and time.

The aggregate records them; the service layer turns each into a history row, the timers it arms
or cancels, and (for some) an event on ``mediation.case``. Transitions carry the states they
connect, so the history reads as the path the case took.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from mediation.domain.parties import Actor
from mediation.domain.states import MediationState


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseEvent:
    name: ClassVar[str] = "case_event"
    case_id: uuid.UUID
    actor: Actor
    at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Transitioned(CaseEvent):
    """A move in the state machine; subclasses say which one."""

    from_state: MediationState | None
    to_state: MediationState


# ----------------------------------------------------------------- transitions


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseOpened(Transitioned):
    name: ClassVar[str] = "case_opened"


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseAccepted(Transitioned):
    name: ClassVar[str] = "case_accepted"
    basis: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MediationDeclined(Transitioned):
    """The other party refused mediation (or did not answer)."""

    name: ClassVar[str] = "mediation_declined"
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CourtAssignmentDeclined(Transitioned):
    """No organisation took the court's assignment (Online Rules art. 12): the court reassigns."""

    name: ClassVar[str] = "court_assignment_declined"
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class MediationStarted(Transitioned):
    name: ClassVar[str] = "mediation_started"
    period: str | None
    resumed: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class MediationTerminated(Transitioned):
    """Ended without agreement: FAILED or WITHDRAWN, on a ground of Online Rules art. 25."""

    name: ClassVar[str] = "mediation_terminated"
    ground: str
    explanation: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class MediationExpired(Transitioned):
    name: ClassVar[str] = "mediation_expired"


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementTookEffect(Transitioned):
    name: ClassVar[str] = "agreement_took_effect"
    agreement_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationWindowOpened(Transitioned):
    name: ClassVar[str] = "confirmation_window_opened"
    effective_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class ReturnedToCourt(Transitioned):
    name: ClassVar[str] = "returned_to_court"


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationFiled(Transitioned):
    name: ClassVar[str] = "confirmation_filed"
    application_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationRuledValid(Transitioned):
    name: ClassVar[str] = "confirmation_ruled_valid"
    application_id: uuid.UUID
    ruling_no: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationRejected(Transitioned):
    name: ClassVar[str] = "confirmation_rejected"
    application_id: uuid.UUID
    ruling_no: str
    reasons: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationWithdrawn(Transitioned):
    name: ClassVar[str] = "confirmation_withdrawn"
    application_id: uuid.UUID
    window_open: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationWindowLapsed(Transitioned):
    name: ClassVar[str] = "confirmation_window_lapsed"


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementPerformed(Transitioned):
    name: ClassVar[str] = "agreement_performed"


@dataclass(frozen=True, slots=True, kw_only=True)
class EnforcementApplied(Transitioned):
    name: ClassVar[str] = "enforcement_applied"
    enforcement_id: uuid.UUID
    breached_obligation: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EnforcementPeriodExpired(Transitioned):
    name: ClassVar[str] = "enforcement_period_expired"


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationRevoked(Transitioned):
    name: ClassVar[str] = "confirmation_revoked"
    objection_id: uuid.UUID


# ----------------------------------------------------------------- facts inside a state


@dataclass(frozen=True, slots=True, kw_only=True)
class ConsentRecorded(CaseEvent):
    name: ClassVar[str] = "consent_recorded"
    party_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class MediatorAssigned(CaseEvent):
    name: ClassVar[str] = "mediator_assigned"
    assignment_id: uuid.UUID
    mediator_id: uuid.UUID
    organisation_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignmentConfirmed(CaseEvent):
    name: ClassVar[str] = "assignment_confirmed"
    assignment_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignmentDeclined(CaseEvent):
    name: ClassVar[str] = "assignment_declined"
    assignment_id: uuid.UUID
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignmentLapsed(CaseEvent):
    """The mediator neither confirmed nor declined within 3 WD (Online Rules art. 12)."""

    name: ClassVar[str] = "assignment_lapsed"
    assignment_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignmentEnded(CaseEvent):
    """The mediator's part is over (mediation ended, or another mediator took over)."""

    name: ClassVar[str] = "assignment_ended"
    assignment_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class PeriodExtended(CaseEvent):
    name: ClassVar[str] = "period_extended"
    days: int
    consenting_party_ids: tuple[uuid.UUID, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementDrafted(CaseEvent):
    name: ClassVar[str] = "agreement_drafted"
    agreement_id: uuid.UUID
    version: int
    confirmation_eligible: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementSuperseded(CaseEvent):
    name: ClassVar[str] = "agreement_superseded"
    agreement_id: uuid.UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class AgreementSignedByParty(CaseEvent):
    name: ClassVar[str] = "agreement_signed_by_party"
    agreement_id: uuid.UUID
    signatory: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationAccepted(CaseEvent):
    """The court docketed the application (调确字)."""

    name: ClassVar[str] = "confirmation_accepted"
    application_id: uuid.UUID
    docket_no: str


@dataclass(frozen=True, slots=True, kw_only=True)
class InstalmentPaid(CaseEvent):
    name: ClassVar[str] = "instalment_paid"
    agreement_id: uuid.UUID
    number: int
    amount: Decimal
    late: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class InstalmentDefaulted(CaseEvent):
    name: ClassVar[str] = "instalment_defaulted"
    agreement_id: uuid.UUID
    number: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectionLodged(CaseEvent):
    name: ClassVar[str] = "objection_lodged"
    objection_id: uuid.UUID
    by_third_party: bool
    within_window: bool | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectionDecided(CaseEvent):
    name: ClassVar[str] = "objection_decided"
    objection_id: uuid.UUID
    upheld: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class ObjectionWindowClosed(CaseEvent):
    name: ClassVar[str] = "objection_window_closed"
    window: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineApproaching(CaseEvent):
    name: ClassVar[str] = "deadline_approaching"
    deadline: str
    due_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineMissed(CaseEvent):
    """A period whose consequence is not automatic ran out: staff decide (e.g. [U] rules, court delays)."""

    name: ClassVar[str] = "deadline_missed"
    deadline: str
    due_on: dt.date
