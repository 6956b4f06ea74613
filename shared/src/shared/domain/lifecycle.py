"""A state machine as data: one transition table, one guard, and the event every transition records.

An aggregate with a state machine mixes in :class:`Lifecycle`, declares its table as a class
attribute (``TRANSITIONS = TransitionTable(CaseStep, [...])``) and the error its service raises
for a refused step (``refusal = CaseTransitionRefused``). :meth:`Lifecycle.move` is the one place a
state changes: it checks the table (and the actor kind the law gives the step), changes the state
and records the past-tense :class:`~shared.domain.events.DomainEvent` with actor, time and legal
basis. Aggregates that track statutory deadlines also mix in :class:`TracksDeadlines`.

Every status field that changes has a table — sub-entities too (a hearing, an application, an
agreement): :class:`StatusMachine` is the same guard for a status kept on a record that records
its events on the aggregate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, ClassVar, Generic, TypeVar

from shared.catalogue import Term, transition_label
from shared.domain import deadlines
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, DisarmTimer, TimerChange, TrackedDeadline
from shared.domain.events import Advisory, DomainEvent
from shared.domain.jsonable import jsonable
from shared.domain.legal import Citation
from shared.errors import InvalidTransition

S = TypeVar("S", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class Transition(Generic[S]):
    """One row of a state machine: trigger, from, to, who may take it, what it records, and why.

    ``actor`` is the kind of actor the law gives the step (None: anyone the API lets through);
    ``guard`` says in words what else must hold (the code lives with the step); ``basis`` cites it.
    """

    name: str
    sources: frozenset[S]
    target: S
    event: str
    actor: str | None = None
    guard: str = ""
    basis: tuple[Citation, ...] = ()

    def label(self) -> str:
        """``decide → DECIDED``, carrying its names in the catalogue (``作出裁决（→已裁决）``)."""
        names = transition_label(type(self.target), self.name, self.target)
        return Term(f"{self.name} → {self.target}", names)


def transition(
    name: str,
    sources: Iterable[S],
    target: S,
    *,
    event: str,
    actor: str | None = None,
    guard: str = "",
    basis: Iterable[Citation] = (),
) -> Transition[S]:
    return Transition(name, frozenset(sources), target, event, actor, guard, tuple(basis))


class TransitionTable(Generic[S]):
    """The transitions of one state machine, by name; the only guard there is."""

    def __init__(self, states: type[S], transitions: Iterable[Transition[S]]) -> None:
        self.states = states
        self._by_name: dict[str, Transition[S]] = {}
        for row in transitions:
            if row.name in self._by_name:
                raise ValueError(f"transition {row.name} is declared twice")
            self._by_name[row.name] = row

    def __getitem__(self, name: str) -> Transition[S]:
        return self._by_name[name]

    def __iter__(self) -> Iterator[Transition[S]]:
        return iter(self._by_name.values())

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def names(self) -> list[str]:
        return list(self._by_name)

    def allowed(self, state: S) -> list[Transition[S]]:
        return [row for row in self._by_name.values() if state in row.sources]

    def guard(
        self, state: S, name: str, refusal: type[InvalidTransition] = InvalidTransition
    ) -> Transition[S]:
        """The transition ``name`` if it may start from ``state``; else ``refusal`` listing what may."""
        row = self._by_name[name]
        if state not in row.sources:
            raise refusal(state, row.label(), [t.label() for t in self.allowed(state)])
        return row

    def unreachable(self, initial: Iterable[S]) -> set[S]:
        """States no sequence of transitions reaches from ``initial`` (a table test asks for none)."""
        reached, frontier = set(initial), list(initial)
        while frontier:
            state = frontier.pop()
            for row in self.allowed(state):
                if row.target not in reached:
                    reached.add(row.target)
                    frontier.append(row.target)
        return set(self.states) - reached


class StatusMachine(Generic[S]):
    """The guard for a status kept on a sub-entity (a hearing, an application, an agreement)."""

    def __init__(self, table: TransitionTable[S], refusal: type[InvalidTransition] = InvalidTransition):
        self.table = table
        self.refusal = refusal

    def step(self, current: S, name: str) -> Transition[S]:
        return self.table.guard(current, name, self.refusal)


class Lifecycle(Generic[S]):
    """Mix-in for an aggregate with a state machine; it records every event it causes."""

    TRANSITIONS: ClassVar[TransitionTable[Any]]
    refusal: ClassVar[type[InvalidTransition]] = InvalidTransition
    state: S
    events: list[DomainEvent]

    def allowed_now(self) -> list[Transition[S]]:
        return self.TRANSITIONS.allowed(self.state)

    def require_state(self, name: str) -> Transition[S]:
        """Refuse (409, listing what is allowed now) when transition ``name`` is impossible from here."""
        row: Transition[S] = self.TRANSITIONS.guard(self.state, name, self.refusal)
        return row

    def move(
        self,
        name: str,
        *,
        by: Actor,
        at: dt.datetime,
        details: Mapping[str, Any] | None = None,
        advisories: Iterable[Advisory] = (),
        summary: tuple[str, str] | None = None,
        documents: Iterable[Mapping[str, Any]] = (),
        basis: Iterable[Citation] = (),
    ) -> DomainEvent:
        """Take transition ``name`` if the table allows it now; record its event.

        The event rests on the row's basis and on ``basis``, what this step cites besides (a
        provision the official names, the rules of the list a record is on).
        """
        row = self.require_state(name)
        if row.actor is not None and by.kind != row.actor:
            raise ValueError(f"{name} is taken by {row.actor}, not {by.kind}")
        previous, self.state = self.state, row.target
        return self._append(
            DomainEvent(
                name=row.event,
                at=at,
                actor=by,
                transition=row.name,
                from_state=previous.value,
                to_state=row.target.value,
                basis=(*row.basis, *basis),
                summary=summary[0] if summary else None,
                summary_zh=summary[1] if summary else None,
                details=jsonable(details or {}),
                advisories=tuple(advisories),
                documents=tuple(documents),
            )
        )

    def record(
        self,
        name: str,
        *,
        by: Actor,
        at: dt.datetime,
        basis: Iterable[Citation] = (),
        details: Mapping[str, Any] | None = None,
        advisories: Iterable[Advisory] = (),
        summary: tuple[str, str] | None = None,
        subject: tuple[str, Any] | None = None,
        documents: Iterable[Mapping[str, Any]] = (),
    ) -> DomainEvent:
        """Record a fact that does not change the state (service, evidence, an assignment...)."""
        return self._append(
            DomainEvent(
                name=name,
                at=at,
                actor=by,
                basis=tuple(basis),
                summary=summary[0] if summary else None,
                summary_zh=summary[1] if summary else None,
                subject=subject[0] if subject else None,
                subject_id=subject[1] if subject else None,
                details=jsonable(details or {}),
                advisories=tuple(advisories),
                documents=tuple(documents),
            )
        )

    def _append(self, event: DomainEvent) -> DomainEvent:
        self.events.append(event)
        return event


class TracksDeadlines:
    """Mix-in for an aggregate that keeps statutory deadlines and leaves timer changes for its step."""

    deadlines: dict[str, TrackedDeadline]
    timer_changes: list[TimerChange]

    def start_deadline(
        self,
        key: str,
        *,
        period: str,
        start: dt.date,
        kind: DeadlineKind,
        province: str | None,
        warn_working_days: int | None,
        party_id: str | None = None,
        payload: Mapping[str, Any] | None = None,
        timer_kind: str | None = None,
    ) -> TrackedDeadline:
        tracked, timer = deadlines.from_catalogue(
            key,
            period=period,
            start=start,
            kind=kind,
            province=province,
            warn_working_days=warn_working_days,
            party_id=party_id,
            payload=payload,
            timer_kind=timer_kind,
        )
        self.deadlines[key] = tracked
        self.timer_changes.append(timer)
        return tracked

    def start_fixed_deadline(
        self,
        key: str,
        *,
        due: dt.date,
        start: dt.date,
        basis: str,
        kind: DeadlineKind,
        warn_working_days: int | None,
    ) -> TrackedDeadline:
        tracked, timer = deadlines.fixed(
            key, due=due, start=start, basis=basis, kind=kind, warn_working_days=warn_working_days
        )
        self.deadlines[key] = tracked
        self.timer_changes.append(timer)
        return tracked

    def meet_deadline(self, key: str, on: dt.date) -> TrackedDeadline | None:
        """The act the deadline asked for happened on ``on``; stop watching it."""
        tracked = self.deadlines.get(key)
        if tracked is None or not tracked.is_open:
            return None
        tracked.status, tracked.met_on = DeadlineStatus.MET, on
        self.timer_changes.append(DisarmTimer(key))
        return tracked

    def end_deadline(self, key: str, status: DeadlineStatus) -> None:
        """Stop watching ``key`` without it being met: it lapsed, or no longer applies."""
        tracked = self.deadlines.get(key)
        if tracked is not None and tracked.is_open:
            tracked.status = status
            self.timer_changes.append(DisarmTimer(key))

    def cancel_open_deadlines(self) -> None:
        for key, tracked in self.deadlines.items():
            if tracked.is_open:
                self.end_deadline(key, DeadlineStatus.CANCELLED)

    def open_deadlines(self) -> list[TrackedDeadline]:
        return sorted(
            (d for d in self.deadlines.values() if d.is_open),
            key=lambda d: (d.due is None, d.due or dt.date.max),
        )

    @property
    def next_due(self) -> dt.date | None:
        """The earliest open deadline of any kind: what happens next in law."""
        dues = [d.due for d in self.deadlines.values() if d.is_open and d.due is not None]
        return min(dues) if dues else None

    @property
    def duty_due(self) -> dt.date | None:
        """The earliest open deadline the office itself must meet: past it, the aggregate is overdue."""
        dues = [
            d.due
            for d in self.deadlines.values()
            if d.is_open and d.due is not None and d.kind is DeadlineKind.OFFICE_DUTY
        ]
        return min(dues) if dues else None
