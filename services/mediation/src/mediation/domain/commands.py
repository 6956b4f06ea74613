"""Commands the mediation service handles (imperative names); each runs in one transaction.

A timer that fires is a command too (``Reach...``, one per timer kind of ``domain.deadlines``), so
what the law makes of a deadline has the same effects as any other step.

``actor`` is who the case record names; ``principal`` the verified identity that asked over the API,
which the handler checks against the case it loads (``domain.access``). A command built from a
consumed event says ``principal=None``: the event's source is trusted as the broker is."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from mediation.domain.agreement import AgreementContent, SignatureManner
from mediation.domain.confirmation import JointApplicantSignature
from mediation.domain.kinds import CourtReference, MediationKind
from mediation.domain.mediating import TerminationGround
from mediation.domain.parties import CaseParty
from mediation.domain.roster import DeclaredConflict, OrganisationKind
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineReached
from shared.identity.principals import Principal
from shared.vocabulary import IpType

# ------------------------------------------------------------------ opening


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenMediationFromComplaint:
    complaint_id: uuid.UUID
    kind: MediationKind
    procedure: str
    ip_type: IpType
    right_numbers: tuple[str, ...]
    parties: tuple[CaseParty, ...]
    dispute_summary: str
    both_parties_willing: bool
    office_region_code: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenMediationFromAdjudication:
    adjudication_case_id: uuid.UUID
    adjudication_case_no: str
    ip_type: IpType
    right_numbers: tuple[str, ...]
    parties: tuple[CaseParty, ...]
    dispute_summary: str
    damages_only: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenCourtAssignedCase:
    court: CourtReference
    kind: MediationKind
    ip_type: IpType
    right_numbers: tuple[str, ...]
    parties: tuple[CaseParty, ...]
    dispute_summary: str
    actor: Actor
    principal: Principal | None


# ------------------------------------------------------------------ mediating


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordConsent:
    case_id: uuid.UUID
    party_id: uuid.UUID
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordRefusal:
    case_id: uuid.UUID
    party_id: uuid.UUID
    reason: str
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignMediator:
    """Assign ``mediator_id``, or (None) the best-ranked eligible mediator on the roster."""

    case_id: uuid.UUID
    mediator_id: uuid.UUID | None
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmAssignment:
    case_id: uuid.UUID
    assignment_id: uuid.UUID
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DeclineAssignment:
    case_id: uuid.UUID
    assignment_id: uuid.UUID
    reason: str
    conflict_with_party_id: uuid.UUID | None
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DeclineCourtAssignment:
    case_id: uuid.UUID
    reason: str
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtendMediationPeriod:
    case_id: uuid.UUID
    days: int
    consenting_party_ids: tuple[uuid.UUID, ...]
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class TerminateMediation:
    case_id: uuid.UUID
    ground: TerminationGround
    explanation: str | None
    actor: Actor
    principal: Principal | None


# ------------------------------------------------------------------ agreement


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftAgreement:
    case_id: uuid.UUID
    content: AgreementContent
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SignAgreement:
    """``party_id`` None: the mediator signs and the organisation's seal is affixed."""

    case_id: uuid.UUID
    party_id: uuid.UUID | None
    manner: SignatureManner
    signed_at: dt.datetime | None
    actor: Actor
    principal: Principal | None


# ------------------------------------------------------------------ judicial confirmation


@dataclass(frozen=True, slots=True, kw_only=True)
class FileConfirmation:
    case_id: uuid.UUID
    court_code: str | None
    applicants: tuple[JointApplicantSignature, ...]
    provided_materials: Mapping[str, str] = field(default_factory=dict)
    subject_matter_region: str | None = None
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordConfirmationAccepted:
    application_id: uuid.UUID
    court_code: str
    docket_no: str
    accepted_at: dt.datetime
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordConfirmationRuling:
    application_id: uuid.UUID
    court_code: str
    valid: bool
    ruling_no: str
    reasons: str | None
    ruled_at: dt.datetime
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordConfirmationWithdrawn:
    application_id: uuid.UUID
    court_code: str
    withdrawn_at: dt.datetime
    actor: Actor
    principal: Principal | None
    document_ref: str | None = None
    """The court's record of the withdrawal (a clerk entering it must cite it)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ResumeMediation:
    case_id: uuid.UUID
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class LodgeObjection:
    case_id: uuid.UUID
    by_third_party: bool
    objector: str
    grounds: str
    lodged_on: dt.date
    actor: Actor
    principal: Principal | None
    party_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordRulingReceipt:
    """A party received the confirmation ruling: its own objection window starts (Interp. art. 372)."""

    case_id: uuid.UUID
    party_id: uuid.UUID
    received_on: dt.date
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideObjection:
    case_id: uuid.UUID
    objection_id: uuid.UUID
    upheld: bool
    decided_on: dt.date
    actor: Actor
    principal: Principal | None
    document_ref: str | None = None
    """The court's decision on the objection (a clerk entering it must cite it)."""


# ------------------------------------------------------------------ performance


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordPayment:
    case_id: uuid.UUID
    number: int
    paid_on: dt.date
    amount: Decimal
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordPerformance:
    case_id: uuid.UUID
    performed_on: dt.date
    actor: Actor
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplyForEnforcement:
    case_id: uuid.UUID
    applicant_id: uuid.UUID
    court_code: str | None
    breached_obligation: str | None
    actor: Actor
    principal: Principal | None


# ------------------------------------------------------------------ roster


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterOrganisation:
    name: str
    kind: OrganisationKind
    seat_region_code: str
    registered_on_court_platform: bool
    court_platform_code: str | None
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterMediator:
    organisation_id: uuid.UUID
    name: str
    account: str | None
    specialties: frozenset[IpType]
    regions: tuple[str, ...]
    registered_on_court_platform: bool
    max_active_cases: int
    conflicts: tuple[DeclaredConflict, ...]
    principal: Principal | None


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateMediator:
    """Change what is given (None leaves a field as it is)."""

    mediator_id: uuid.UUID
    principal: Principal | None
    active: bool | None = None
    specialties: frozenset[IpType] | None = None
    regions: tuple[str, ...] | None = None
    registered_on_court_platform: bool | None = None
    max_active_cases: int | None = None
    conflicts: tuple[DeclaredConflict, ...] | None = None


# ------------------------------------------------------------------ deadlines reached (timers)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachMonitoredDeadline(DeadlineReached):
    """An unverified [U] period or a court's own time limit ran out: recorded for staff."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachAssignmentAnswerDeadline(DeadlineReached):
    """The mediator did not answer within 3 WD: the assignment lapses (payload ``assignment_id``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachCourtAssignmentDeadline(DeadlineReached):
    """No mediator confirmed a court's assignment within 3 WD: it goes back to the court."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachMediationPeriodEnd(DeadlineReached):
    """A court-linked mediation's period ran out with no extension agreed: it expires."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachConfirmationWindowEnd(DeadlineReached):
    """30 CD passed with no application for judicial confirmation: a contract only."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachObjectionWindowEnd(DeadlineReached):
    """A window for objections to the confirmation ruling closed."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachInstalmentDueDay(DeadlineReached):
    """An instalment's due day ended (payload ``agreement_id``, ``number``): unpaid, it is in default."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachEnforcementPeriodEnd(DeadlineReached):
    """The 2 years to apply for enforcement of a confirmed agreement ran out (CPL art. 250)."""
