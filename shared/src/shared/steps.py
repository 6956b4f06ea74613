"""Recording a step: the aggregate, its case record, its published events and its timers — one transaction.

Every handler in every service ends a step the same way: it hands the changed aggregate to the
service's :class:`StepEffects`, which saves it, appends the events it recorded to the case record,
maps each event to the contracts it publishes (through the :class:`Publisher`) into the outbox,
applies the timer changes the step asked for, and appends the step to the audit trail (who, in
which role and office, which action, on which object). Handlers never commit; the bus or the consumer
does, so all of it lands together or not at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from shared.audit.trail import current_context
from shared.contracts import EventData
from shared.domain.deadlines import ArmTimer, TimerChange
from shared.domain.events import DomainEvent

A_contra = TypeVar("A_contra", contravariant=True)


class UnmappedEvent(LookupError):
    """A domain event the publisher has no mapping for and that is not declared internal."""


class RecordsEvents(Protocol):
    """An aggregate as the effects runner sees it: what it recorded during the step."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def events(self) -> list[DomainEvent]: ...

    @property
    def timer_changes(self) -> list[TimerChange]: ...


A = TypeVar("A", bound=RecordsEvents)


class Alongside:
    """An aggregate recorded and published together with what its contracts also need.

    A subclass names its fields (the record and its subject, the case and its complaint) and says
    which one is the aggregate; the effects runner then sees that aggregate's id, events and
    timer changes, and the publisher's mappers see everything.
    """

    @property
    def aggregate(self) -> RecordsEvents:
        raise NotImplementedError

    @property
    def id(self) -> uuid.UUID:
        return self.aggregate.id

    @property
    def events(self) -> list[DomainEvent]:
        return self.aggregate.events

    @property
    def timer_changes(self) -> list[TimerChange]:
        return self.aggregate.timer_changes


P = TypeVar("P")


class CaseRecordWriter(Protocol):
    async def append(
        self, aggregate_type: str, aggregate_id: uuid.UUID, events: Sequence[DomainEvent]
    ) -> None: ...


class OutboxWriter(Protocol):
    def add(self, data: EventData, *, key: str | uuid.UUID, subject: str | None = None) -> Any: ...


class TimerWriter(Protocol):
    async def schedule_deadline(
        self,
        *,
        aggregate_id: str,
        name: str,
        kind: str,
        deadline: Any,
        warn_working_days: int | None = None,
        payload: Mapping[str, Any] | None = None,
        rule: Mapping[str, Any] | None = None,
    ) -> None: ...

    async def cancel(self, *, aggregate_id: str, name: str, with_warning: bool = True) -> int: ...


class AuditWriter(Protocol):
    def record(
        self,
        action: str,
        *,
        outcome: Any = ...,
        object_type: str | None = None,
        object_id: str | uuid.UUID | None = None,
        details: Mapping[str, Any] | None = None,
    ) -> None: ...


class StepUnitOfWork(Protocol):
    """What a unit of work offers the effects runner (the real one and the test fake alike)."""

    @property
    def audit(self) -> AuditWriter: ...

    @property
    def case_record(self) -> CaseRecordWriter: ...

    @property
    def outbox(self) -> OutboxWriter: ...

    @property
    def timers(self) -> TimerWriter: ...


Mapper = Callable[[A_contra, DomainEvent], Iterable[EventData]]


class Publisher(Generic[P]):
    """Which contracts each domain event becomes, by event name.

    An event whose name has no mapper and is not declared ``internal`` raises
    :class:`UnmappedEvent`: a renamed event can never silently stop being published.
    """

    def __init__(self, mappers: Mapping[str, Mapper[P]], *, internal: Iterable[str] = ()) -> None:
        self._mappers = dict(mappers)
        self._internal = frozenset(internal)
        overlap = self._internal & set(self._mappers)
        if overlap:
            raise ValueError(f"events both mapped and internal: {sorted(overlap)}")

    def contracts(self, aggregate: P, event: DomainEvent) -> list[EventData]:
        mapper = self._mappers.get(event.name)
        if mapper is not None:
            return list(mapper(aggregate, event))
        if event.name in self._internal:
            return []
        raise UnmappedEvent(f"no publishing rule for event {event.name!r}; map it or declare it internal")

    def unaccounted(self, names: Iterable[str]) -> set[str]:
        """Of ``names`` (all of a service's event names), those neither mapped nor internal."""
        return {str(n) for n in names} - set(self._mappers) - self._internal

    @property
    def published(self) -> frozenset[str]:
        return frozenset(self._mappers)


async def apply_timer_changes(
    timers: TimerWriter, aggregate_id: str, kind: str, changes: Sequence[TimerChange]
) -> None:
    """Apply a step's timer changes in order (a deadline armed and met in one step ends disarmed).

    ``kind`` is the timer kind of changes that do not name their own.
    """
    for change in changes:
        if isinstance(change, ArmTimer):
            await timers.schedule_deadline(
                aggregate_id=aggregate_id,
                name=change.name,
                kind=change.kind or kind,
                deadline=change.deadline,
                warn_working_days=change.warn_working_days,
                payload=change.payload,
                rule=change.rule,
            )
        else:
            await timers.cancel(aggregate_id=aggregate_id, name=change.name)


@dataclass(frozen=True, slots=True)
class StepEffects(Generic[A]):
    """The effects of a step on one kind of aggregate (``aggregate_type``: its name in the record)."""

    aggregate_type: str
    publisher: Publisher[A]
    timer_kind: str = ""

    async def record(
        self,
        uow: StepUnitOfWork,
        aggregate: A,
        *,
        save: Callable[[], Awaitable[Any]],
        parent_id: uuid.UUID | None = None,
    ) -> list[DomainEvent]:
        """Save ``aggregate`` (via ``save``) and write what it recorded; return its events.

        ``parent_id``: for a record kept apart from the aggregate it belongs to (stored on its own,
        with timers of its own, e.g. a workflow record of a complaint), that aggregate's id: the
        events go on the parent's case record and what they publish is keyed by the parent, so
        the parent's record and topic stay in order; the timers stay the record's own.
        """
        owner = aggregate.id if parent_id is None else parent_id
        events, changes = list(aggregate.events), list(aggregate.timer_changes)
        await save()
        await uow.case_record.append(self.aggregate_type, owner, events)
        for event in events:
            for data in self.publisher.contracts(aggregate, event):
                uow.outbox.add(data, key=owner)
        await apply_timer_changes(uow.timers, str(aggregate.id), self.timer_kind, changes)
        if events or changes:
            uow.audit.record(
                current_context().action or f"{self.aggregate_type}.step",
                object_type=self.aggregate_type,
                object_id=aggregate.id,
                details={"events": [str(e.name) for e in events]},
            )
        aggregate.events.clear()
        aggregate.timer_changes.clear()
        return events
