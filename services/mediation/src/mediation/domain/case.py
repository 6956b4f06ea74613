"""The mediation case aggregate (调解案件): its facts, state and deadlines, and the one guard that moves it.

Behaviour lives in the step modules (``mediating``, ``agreeing``, ``confirming``, ``performing``);
each changes the state only through :meth:`MediationCase.move` (the shared guard over
``states.CASE_TRANSITIONS``), records the facts that change no state with ``record``, and arms or
stops the deadlines the step concerns. The effects runner then saves the case, writes its record,
publishes and applies the timer changes, all in the step's transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol, TypeVar

from mediation.domain.agreement import Agreement, AgreementStatus
from mediation.domain.assignment import AssignmentStatus, MediatorAssignment
from mediation.domain.confirmation import ConfirmationApplication, EnforcementApplication, Objection
from mediation.domain.deadlines import (
    COURT_ASSIGNMENT_CONFIRM,
    OPINION_STATEMENT,
    Timing,
    track,
)
from mediation.domain.errors import AssignmentNotFound, CaseTransitionRefused, invalid
from mediation.domain.events import EventName
from mediation.domain.kinds import CourtReference, MediationKind, Origin
from mediation.domain.parties import SYSTEM, CaseParty, PartyRole
from mediation.domain.states import CASE_TRANSITIONS, MediationState, next_states
from shared.calendar.local_time import local_date
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineStatus, TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.lifecycle import Lifecycle, StatusMachine, TracksDeadlines
from shared.vocabulary import IpType

AGGREGATE_TYPE = "mediation_case"
"""How the case record names a mediation case."""

PATENTS = frozenset({IpType.INVENTION_PATENT, IpType.UTILITY_MODEL, IpType.DESIGN})
St = TypeVar("St", bound=StrEnum)


class HasStatus(Protocol[St]):
    status: St


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
class MediationCase(Lifecycle[MediationState], TracksDeadlines):
    TRANSITIONS = CASE_TRANSITIONS
    refusal = CaseTransitionRefused

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
    office_code: str
    """The office the case belongs to (office scope, with roll-up): the one that opened it."""
    office_region_code: str | None = None
    started_at: dt.datetime | None = None
    concluded_at: dt.datetime | None = None
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    consents: dict[uuid.UUID, dt.datetime] = field(default_factory=dict)
    assignments: list[MediatorAssignment] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    termination: Termination | None = None
    agreements: list[Agreement] = field(default_factory=list)
    applications: list[ConfirmationApplication] = field(default_factory=list)
    objections: list[Objection] = field(default_factory=list)
    # When each party received the confirmation ruling: its objection window runs from then (art. 372).
    ruling_receipts: dict[uuid.UUID, dt.date] = field(default_factory=dict)
    enforcement: EnforcementApplication | None = None
    events: list[DomainEvent] = field(default_factory=list)
    timer_changes: list[TimerChange] = field(default_factory=list)

    @classmethod
    def open(
        cls, *, case_no: str, actor: Actor, at: dt.datetime, timing: Timing, **facts: Any
    ) -> MediationCase:
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
            DomainEvent(
                name=EventName.CASE_OPENED,
                at=at,
                actor=actor,
                transition="open",
                to_state=MediationState.REQUESTED.value,
            )
        )
        if case.court is not None:  # the organisation has 3 WD from the court's assignment
            start = local_date(case.court.assigned_at)
            case.arm(COURT_ASSIGNMENT_CONFIRM, "mediation.mediator_confirm", start, timing, warn=1)
        elif case.patent_office_mediation:
            case.arm(OPINION_STATEMENT, "mediation.patent_opinion_statement", local_date(at), timing)
        return case

    # ------------------------------------------------------------------ the guard

    def move(self, name: str, *, by: Actor, at: dt.datetime, **options: Any) -> DomainEvent:
        """Take transition ``name`` (the shared guard), and stamp when the state changed."""
        # Lifecycle named, not super(): a slots dataclass is a new class that zero-argument super() misses.
        event = Lifecycle.move(self, name, by=by, at=at, **options)
        self.state_changed_at = at
        return event

    def require(self, *states: MediationState, action: str) -> None:
        """Refuse ``action``, a step that changes no state, unless the case is in one of ``states``."""
        if self.state not in states:
            raise CaseTransitionRefused(self.state.value, action, (s.value for s in next_states(self.state)))

    def advance(
        self,
        part: HasStatus[St],
        machine: StatusMachine[St],
        step: str,
        *,
        by: Actor,
        at: dt.datetime,
        subject: tuple[str, uuid.UUID],
        details: dict[str, Any],
    ) -> DomainEvent:
        """Move a sub-entity's status through its machine and record the row's event on the case."""
        row = machine.step(part.status, step)
        part.status = row.target
        return self.record(row.event, by=by, at=at, basis=row.basis, subject=subject, details=details)

    # ------------------------------------------------------------------ deadlines

    @property
    def patent_office_mediation(self) -> bool:
        """专利行政执法办法 arts. 19-23 [U]: the office serves the request; the other side answers."""
        return (
            self.kind is MediationKind.ADMINISTRATIVE
            and self.origin is Origin.COMPLAINT
            and self.ip_type in PATENTS
        )

    def arm(
        self,
        key: str,
        period: str,
        start: dt.date,
        timing: Timing,
        *,
        warn: int | None = None,
        basis: str = "",
        payload: dict[str, Any] | None = None,
    ) -> TrackedDeadline:
        """Track deadline ``key`` (``period`` from ``start``) and arm its timer; re-arming moves it."""
        tracked, timer = track(
            key, period=period, start=start, province=timing.province, warn=warn, basis=basis, payload=payload
        )
        self.deadlines[key] = tracked
        self.timer_changes.append(timer)
        return tracked

    def stop(self, *keys: str) -> None:
        """Stop watching ``keys``: they no longer apply."""
        for key in keys:
            self.end_deadline(key, DeadlineStatus.CANCELLED)

    def met(self, *keys: str, at: dt.datetime) -> None:
        """What ``keys`` asked for happened at ``at``."""
        for key in keys:
            self.meet_deadline(key, local_date(at))

    def due(self, key: str) -> dt.date | None:
        tracked = self.deadlines.get(key)
        return tracked.due if tracked else None

    def warn_of(self, key: str, at: dt.datetime) -> None:
        """The due-soon warning of deadline ``key`` fired."""
        details = {"deadline": key, "due_on": self.due(key) or local_date(at)}
        self.record(EventName.DEADLINE_APPROACHING, by=SYSTEM, at=at, details=details)

    def missed(self, key: str, at: dt.datetime) -> None:
        """Deadline ``key``, whose consequence the law leaves to people, ran out: staff decide."""
        details = {"deadline": key, "due_on": self.due(key) or local_date(at)}
        self.record(EventName.DEADLINE_MISSED, by=SYSTEM, at=at, details=details)
        tracked = self.deadlines.get(key)
        if tracked is not None and tracked.is_open:
            tracked.status = DeadlineStatus.MISSED

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
