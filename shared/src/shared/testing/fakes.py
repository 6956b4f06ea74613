"""In-memory stand-ins for the unit of work's platform parts, implementing the same Protocols.

Every service's fast handler tests drive the real message bus and handlers over a fake unit of
work: the service subclasses :class:`FakeUnitOfWork` and adds in-memory repositories; the case
record, outbox and timers come from here, so what a step recorded, published and armed can be
asserted without a database. Nothing lands before :meth:`FakeUnitOfWork.commit`, as in PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Self

from shared.audit.trail import AuditEntry, Outcome
from shared.calendar import Deadline
from shared.calendar.catalogue import deadline as catalogue_deadline
from shared.contracts import EventData
from shared.domain.events import DomainEvent
from shared.timers.store import WARNING_SUFFIX


@dataclass(frozen=True, slots=True)
class ArmedTimer:
    aggregate_id: str
    name: str
    kind: str
    due_at: dt.datetime | None = None
    due: dt.date | None = None
    warn_working_days: int | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)


@dataclass
class FakeStore:
    """What the fake units of work share, as the database would: only committed changes."""

    record: list[tuple[str, uuid.UUID, DomainEvent]] = field(default_factory=list)
    published: list[tuple[EventData, str]] = field(default_factory=list)
    timers: dict[tuple[str, str], ArmedTimer] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    commits: int = 0

    def events_of(self, aggregate_id: uuid.UUID) -> list[DomainEvent]:
        return [event for _, owner, event in self.record if owner == aggregate_id]

    def event_names(self, aggregate_id: uuid.UUID | None = None) -> list[str]:
        return [str(e.name) for _, owner, e in self.record if aggregate_id in (None, owner)]

    def published_types(self) -> list[str]:
        return [data.event_type for data, _ in self.published]

    def timer_names(self, aggregate_id: uuid.UUID | str) -> set[str]:
        return {name for owner, name in self.timers if owner == str(aggregate_id)}


class FakeCaseRecord:
    def __init__(self, pending: list[Callable[[FakeStore], None]]) -> None:
        self._pending = pending

    async def append(
        self, aggregate_type: str, aggregate_id: uuid.UUID, events: Sequence[DomainEvent]
    ) -> None:
        rows = [(aggregate_type, aggregate_id, event) for event in events]
        self._pending.append(lambda store: store.record.extend(rows))


class FakeOutbox:
    def __init__(self, pending: list[Callable[[FakeStore], None]]) -> None:
        self._pending = pending

    def add(self, data: EventData, *, key: str | uuid.UUID, subject: str | None = None) -> None:
        self._pending.append(lambda store: store.published.append((data, str(key))))


class FakeTimers:
    """Schedules and cancels like :class:`shared.timers.Timers`, into the store at commit."""

    def __init__(self, pending: list[Callable[[FakeStore], None]]) -> None:
        self._pending = pending

    async def schedule(
        self, *, aggregate_id: str, name: str, kind: str, due_at: dt.datetime, **extra: Any
    ) -> None:
        timer = ArmedTimer(aggregate_id, name, kind, due_at=due_at, payload=extra.get("payload") or {})
        self._pending.append(lambda store: store.timers.__setitem__((aggregate_id, name), timer))

    async def schedule_deadline(
        self,
        *,
        aggregate_id: str,
        name: str,
        kind: str,
        deadline: Deadline,
        warn_working_days: int | None = None,
        payload: Mapping[str, Any] | None = None,
        rule: Mapping[str, Any] | None = None,
    ) -> None:
        timer = ArmedTimer(
            aggregate_id,
            name,
            kind,
            due_at=deadline.ends_at,
            due=deadline.due,
            warn_working_days=warn_working_days,
            payload=payload or {},
        )
        self._pending.append(lambda store: store.timers.__setitem__((aggregate_id, name), timer))

    async def schedule_period(
        self,
        *,
        aggregate_id: str,
        name: str,
        kind: str,
        period: str,
        start: dt.date,
        province: str | None = None,
        warn_working_days: int | None = None,
        payload: Mapping[str, Any] | None = None,
    ) -> Deadline:
        deadline = catalogue_deadline(period, start, province=province)
        await self.schedule_deadline(
            aggregate_id=aggregate_id,
            name=name,
            kind=kind,
            deadline=deadline,
            warn_working_days=warn_working_days,
            payload=payload,
        )
        return deadline

    async def cancel(self, *, aggregate_id: str, name: str, with_warning: bool = True) -> int:
        names = [name, name + WARNING_SUFFIX] if with_warning else [name]

        def drop(store: FakeStore) -> None:
            for each in names:
                store.timers.pop((aggregate_id, each), None)

        self._pending.append(drop)
        return 1

    async def cancel_all(self, aggregate_id: str) -> int:
        def drop(store: FakeStore) -> None:
            for key in [k for k in store.timers if k[0] == aggregate_id]:
                del store.timers[key]

        self._pending.append(drop)
        return 1


class FakeAudit:
    def __init__(self, pending: list[Callable[[FakeStore], None]]) -> None:
        self._pending = pending

    def record(
        self,
        action: str,
        *,
        outcome: Outcome = Outcome.SUCCEEDED,
        object_type: str | None = None,
        object_id: str | uuid.UUID | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None:
        entry = AuditEntry(
            action=action,
            outcome=outcome,
            object_type=object_type,
            object_id=None if object_id is None else str(object_id),
            details=details or {},
        )
        self._pending.append(lambda store: store.audit.append(entry))


class FakeUnitOfWork:
    """The platform half of a unit of work in memory; a service's fake adds its repositories.

    Use one :class:`FakeStore` for a test and a fresh unit of work per command (as the bus does);
    changes are applied to the store only by :meth:`commit`.
    """

    def __init__(self, store: FakeStore | None = None) -> None:
        self.store = store or FakeStore()
        self._pending: list[Callable[[FakeStore], None]] = []
        self.case_record = FakeCaseRecord(self._pending)
        self.outbox = FakeOutbox(self._pending)
        self.timers = FakeTimers(self._pending)
        self.audit = FakeAudit(self._pending)

    def on_commit(self, change: Callable[[FakeStore], None]) -> None:
        """Repositories of a service's fake queue their changes here."""
        self._pending.append(change)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.rollback()

    async def commit(self) -> None:
        for change in self._pending:
            change(self.store)
        self._pending.clear()
        self.store.commits += 1

    async def rollback(self) -> None:
        self._pending.clear()
