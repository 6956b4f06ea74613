"""What every case type shares: a transition table, the one guard method, the timeline and deadlines.

A case type is a dataclass that mixes in :class:`Lifecycle` and declares ``state``, ``deadlines``,
``events`` and ``timer_intents``; its table is a tuple of :class:`Transition`. :meth:`Lifecycle.move`
is the single place where a state changes: it checks the table and the actor kind, changes the
state and records the past-tense event with actor, time and legal basis.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from adjudication.domain import deadlines
from adjudication.domain.actors import Actor, ActorKind
from adjudication.domain.deadlines import (
    DeadlineKind,
    DeadlineStatus,
    DisarmTimer,
    TimerIntent,
    TrackedDeadline,
)
from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.legal import Citation
from adjudication.domain.records import Advisory, CaseEvent, jsonable, local_date
from adjudication.domain.rules import CaseRules

S = TypeVar("S", bound=StrEnum)


@dataclass(frozen=True, slots=True)
class Transition(Generic[S]):
    name: str
    sources: frozenset[S]
    target: S
    actor: ActorKind
    event: str
    guard: str
    basis: tuple[Citation, ...]

    def label(self) -> str:
        return f"{self.name} → {self.target}"


def transition(
    name: str, sources: Iterable[S], target: S, actor: ActorKind, event: str, guard: str, *basis: Citation
) -> Transition[S]:
    return Transition(name, frozenset(sources), target, actor, event, guard, basis)


class Lifecycle(Generic[S]):
    state: S
    deadlines: dict[str, TrackedDeadline]
    events: list[CaseEvent]
    timer_intents: list[TimerIntent]

    def table(self) -> Mapping[str, Transition[S]]:
        raise NotImplementedError

    def allowed_now(self) -> list[Transition[S]]:
        return [t for t in self.table().values() if self.state in t.sources]

    def require_state(self, name: str) -> Transition[S]:
        """Refuse (409, listing what is allowed now) when transition ``name`` is impossible from here."""
        step = self.table()[name]
        if self.state not in step.sources:
            raise CaseTransitionRefused(
                self.state.value, step.label(), [t.label() for t in self.allowed_now()]
            )
        return step

    def move(
        self,
        name: str,
        *,
        by: Actor,
        at: dt.datetime,
        details: Mapping[str, Any] | None = None,
        advisories: Iterable[Advisory] = (),
    ) -> CaseEvent:
        """Take transition ``name`` if the table allows it now; record its event."""
        step = self.require_state(name)
        if by.kind is not step.actor:
            raise ValueError(f"{name} is taken by {step.actor}, not {by.kind}")
        previous, self.state = self.state, step.target
        event = CaseEvent(
            name=step.event,
            at=at,
            actor=by,
            transition=step.name,
            from_state=previous.value,
            to_state=step.target.value,
            basis=step.basis,
            details=jsonable(details or {}),
            advisories=tuple(advisories),
        )
        self.events.append(event)
        return event

    def record(
        self,
        name: str,
        *,
        by: Actor,
        at: dt.datetime,
        basis: Iterable[Citation] = (),
        details: Mapping[str, Any] | None = None,
        advisories: Iterable[Advisory] = (),
    ) -> CaseEvent:
        """Record a fact that does not change the state (service, evidence, an assignment...)."""
        event = CaseEvent(
            name=name,
            at=at,
            actor=by,
            basis=tuple(basis),
            details=jsonable(details or {}),
            advisories=tuple(advisories),
        )
        self.events.append(event)
        return event

    def start_deadline(
        self,
        key: str,
        *,
        period: str,
        start: dt.date,
        kind: DeadlineKind,
        rules: CaseRules,
        party_id: str | None = None,
    ) -> TrackedDeadline:
        tracked, timer = deadlines.from_catalogue(
            key,
            period=period,
            start=start,
            kind=kind,
            province=rules.province,
            warn_working_days=rules.warn_working_days,
            party_id=party_id,
        )
        self.deadlines[key] = tracked
        self.timer_intents.append(timer)
        return tracked

    def start_fixed_deadline(
        self, key: str, *, due: dt.date, start: dt.date, basis: str, kind: DeadlineKind, rules: CaseRules
    ) -> TrackedDeadline:
        tracked, timer = deadlines.fixed(
            key, due=due, start=start, basis=basis, kind=kind, warn_working_days=rules.warn_working_days
        )
        self.deadlines[key] = tracked
        self.timer_intents.append(timer)
        return tracked

    def meet_deadline(self, key: str, on: dt.date) -> TrackedDeadline | None:
        """The act the deadline asked for happened on ``on``; stop watching it."""
        tracked = self.deadlines.get(key)
        if tracked is None or not tracked.is_open:
            return None
        tracked.status, tracked.met_on = DeadlineStatus.MET, on
        self.timer_intents.append(DisarmTimer(key))
        return tracked

    def end_deadline(self, key: str, status: DeadlineStatus) -> None:
        """Stop watching ``key`` without it being met: it lapsed, or no longer applies."""
        tracked = self.deadlines.get(key)
        if tracked is not None and tracked.is_open:
            tracked.status = status
            self.timer_intents.append(DisarmTimer(key))

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
        """The earliest open deadline the office itself must meet: past it, the case is overdue."""
        dues = [
            d.due
            for d in self.deadlines.values()
            if d.is_open and d.due is not None and d.kind is DeadlineKind.OFFICE_DUTY
        ]
        return min(dues) if dues else None

    @staticmethod
    def day_of(moment: dt.datetime) -> dt.date:
        return local_date(moment)
