"""The mediation case aggregate (调解案件): its facts, its state and the one guard that moves it.

Behaviour lives in the step modules (``mediating``, ``agreeing``, ``confirming``, ``performing``);
each changes the case only through :meth:`MediationCase.move_to` for a state change, which checks
the transition table, and records one past-tense event per change.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any, TypeVar

from mediation.domain.agreement import Agreement, AgreementStatus
from mediation.domain.assignment import AssignmentStatus, MediatorAssignment
from mediation.domain.confirmation import ConfirmationApplication, EnforcementApplication, Objection
from mediation.domain.errors import AssignmentNotFound, CaseTransitionRefused, invalid
from mediation.domain.events import CaseEvent, CaseOpened, Transitioned
from mediation.domain.kinds import CourtReference, MediationKind, Origin
from mediation.domain.parties import Actor, CaseParty, PartyRole
from mediation.domain.states import TRANSITIONS, MediationState
from shared.vocabulary import IpType

T = TypeVar("T", bound=Transitioned)


@dataclass(frozen=True, slots=True, kw_only=True)
class Extension:
    days: int
    consenting_party_ids: tuple[uuid.UUID, ...]
    agreed_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class Termination:
    ground: str
    explanation: str | None


@dataclass(slots=True, kw_only=True)
class MediationCase:
    id: uuid.UUID
    case_no: str
    kind: MediationKind
    origin: Origin
    origin_id: str
    complaint_id: uuid.UUID | None
    court: CourtReference | None
    ip_type: IpType
    right_numbers: tuple[str, ...]
    parties: tuple[CaseParty, ...]
    dispute_summary: str
    damages_only: bool
    state: MediationState
    opened_at: dt.datetime
    state_changed_at: dt.datetime
    office_region_code: str | None = None
    started_at: dt.datetime | None = None
    concluded_at: dt.datetime | None = None
    deadlines: dict[str, dt.date] = field(default_factory=dict)
    consents: dict[uuid.UUID, dt.datetime] = field(default_factory=dict)
    assignments: list[MediatorAssignment] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    termination: Termination | None = None
    agreements: list[Agreement] = field(default_factory=list)
    applications: list[ConfirmationApplication] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    enforcement: EnforcementApplication | None = None
    events: list[CaseEvent] = field(default_factory=list)

    @classmethod
    def open(cls, *, case_no: str, actor: Actor, at: dt.datetime, **facts: Any) -> MediationCase:
        """A new REQUESTED case; ``facts`` are the constructor's case fields."""
        case = cls(
            id=uuid.uuid4(),
            case_no=case_no,
            state=MediationState.REQUESTED,
            opened_at=at,
            state_changed_at=at,
            **facts,
        )
        if not any(p.role is PartyRole.APPLICANT for p in case.parties) or len(case.parties) < 2:
            raise invalid(
                "parties",
                "too_few",
                "A mediation needs an applicant and another party",
                "调解需有申请人及另一方当事人",
            )
        case.events.append(
            CaseOpened(
                case_id=case.id, actor=actor, at=at, from_state=None, to_state=MediationState.REQUESTED
            )
        )
        return case

    # ------------------------------------------------------------------ the guard

    def move_to(
        self, new: MediationState, event: type[T], *, actor: Actor, at: dt.datetime, **details: Any
    ) -> T:
        """Check ``new`` against the transition table, move, and record ``event``."""
        allowed = TRANSITIONS[self.state]
        if new not in allowed:
            raise CaseTransitionRefused(self.state.value, new.value, (s.value for s in allowed))
        recorded = event(case_id=self.id, actor=actor, at=at, from_state=self.state, to_state=new, **details)
        self.state = new
        self.state_changed_at = at
        self.events.append(recorded)
        return recorded

    def require(self, *states: MediationState, action: str) -> None:
        """Refuse ``action`` unless the case is in one of ``states`` (as the state machine would)."""
        if self.state not in states:
            raise CaseTransitionRefused(self.state.value, action, (s.value for s in TRANSITIONS[self.state]))

    def record(self, event: CaseEvent) -> None:
        self.events.append(event)

    def collect_events(self) -> list[CaseEvent]:
        collected, self.events = self.events, []
        return collected

    # ------------------------------------------------------------------ lookups

    def party(self, party_id: uuid.UUID, *, field_name: str = "party_id") -> CaseParty:
        found = next((p for p in self.parties if p.id == party_id), None)
        if found is None:
            raise invalid(field_name, "unknown_party", "Not a party to this case", "不是本案当事人")
        return found

    @property
    def applicants(self) -> tuple[CaseParty, ...]:
        return tuple(p for p in self.parties if p.role is PartyRole.APPLICANT)

    @property
    def respondents(self) -> tuple[CaseParty, ...]:
        return tuple(p for p in self.parties if p.role is PartyRole.RESPONDENT)

    def assignment(self, assignment_id: uuid.UUID) -> MediatorAssignment:
        found = next((a for a in self.assignments if a.id == assignment_id), None)
        if found is None:
            raise AssignmentNotFound(f"Assignment {assignment_id} not found", f"指派 {assignment_id} 不存在")
        return found

    def assignments_in(self, *statuses: AssignmentStatus) -> list[MediatorAssignment]:
        return [a for a in self.assignments if a.status in statuses]

    @property
    def mediator(self) -> MediatorAssignment | None:
        """The mediator who confirmed and is (or was last) mediating."""
        confirmed = [a for a in self.assignments if a.responded_at and a.status in _SERVED]
        return confirmed[-1] if confirmed else None

    @property
    def agreement(self) -> Agreement | None:
        """The current agreement: the latest draft or the one in effect."""
        current = [a for a in self.agreements if a.status is not AgreementStatus.SUPERSEDED]
        return current[-1] if current else None

    @property
    def effective_agreement(self) -> Agreement | None:
        agreement = self.agreement
        return agreement if agreement and agreement.status is AgreementStatus.EFFECTIVE else None

    @property
    def application(self) -> ConfirmationApplication | None:
        return self.applications[-1] if self.applications else None

    @property
    def court_linked(self) -> bool:
        return self.kind.is_court_linked

    @property
    def extension_days(self) -> int:
        return sum(e.days for e in self.extensions)


_SERVED = frozenset({AssignmentStatus.CONFIRMED, AssignmentStatus.ENDED})


def mediation_number(year: int, sequence: int) -> str:
    """The mediation case number, e.g. ``MD2026-000042``."""
    return f"MD{year}-{sequence:06d}"
