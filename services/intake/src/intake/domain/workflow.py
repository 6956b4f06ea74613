"""What the centre's workflow records (centre case, trade-fair complaint, e-commerce notice) share.

Each is stored on its own and keeps its own deadlines and timers, but belongs to a complaint: its
events go on the complaint's case record with the record as ``subject``. Each workflow has its
own ``StrEnum`` and transition table; the shared :class:`~shared.domain.lifecycle.StatusMachine`
is the one guard.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, ClassVar, Generic, TypeVar

from intake.domain.deadlines import IntakeDeadlines
from intake.domain.errors import IllegalStep
from shared.domain.actors import Actor
from shared.domain.deadlines import TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.lifecycle import StatusMachine, TransitionTable

S = TypeVar("S", bound=StrEnum)


def machine(table: TransitionTable[S]) -> StatusMachine[S]:
    """A workflow's guard: its table, refusing with intake's error."""
    return StatusMachine(table, IllegalStep)


@dataclass(slots=True, kw_only=True)
class Workflow(IntakeDeadlines, Generic[S]):
    SUBJECT: ClassVar[str]
    MACHINE: ClassVar[StatusMachine[Any]]

    id: uuid.UUID = field(default_factory=uuid.uuid4)
    complaint_id: uuid.UUID
    status: S
    events: list[DomainEvent] = field(default_factory=list)
    deadlines: dict[str, TrackedDeadline] = field(default_factory=dict)
    timer_changes: list[TimerChange] = field(default_factory=list)

    def allowed(self) -> frozenset[S]:
        """The statuses the table allows from the current one."""
        return frozenset(row.target for row in self.MACHINE.table.allowed(self.status))

    def _move(self, name: str, by: Actor, at: dt.datetime, summary: tuple[str, str]) -> DomainEvent:
        """Take transition ``name`` if the table allows it from the current status; record it."""
        row = self.MACHINE.step(self.status, name)
        previous, self.status = self.status, row.target
        moved = {"from": previous.value, "to": row.target.value}
        event = DomainEvent(
            name=row.event,
            at=at,
            actor=by,
            transition=row.name,
            from_state=previous.value,
            to_state=row.target.value,
            basis=row.basis,
            details=moved,
            **self._about(summary),
        )
        self.events.append(event)
        return event

    def _record(self, name: str, by: Actor, at: dt.datetime, summary: tuple[str, str]) -> DomainEvent:
        """Record a fact that changes no status."""
        event = DomainEvent(name=name, at=at, actor=by, **self._about(summary))
        self.events.append(event)
        return event

    def _about(self, summary: tuple[str, str]) -> dict[str, Any]:
        return {
            "summary": summary[0],
            "summary_zh": summary[1],
            "subject": self.SUBJECT,
            "subject_id": self.id,
        }
