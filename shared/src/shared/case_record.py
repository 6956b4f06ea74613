"""The case record: every event of every aggregate a service keeps, in one append-only table.

Legally the most important record a case has, so every service keeps it the same way: one row per
:class:`~shared.domain.events.DomainEvent`, with the aggregate it belongs to, who acted (and who
recorded it for them), when, on what legal basis, the states a transition joined, the details,
advisories and documents, and the correlation id of the request or event that caused it.

A service declares the table once (``case_record = case_record_table(metadata)`` in
``adapters/orm.py``), creates it with :func:`shared.migration_ops.create_case_record_table_v1`, and
its unit of work exposes a :class:`CaseRecord` on its session.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    MetaData,
    Table,
    Text,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.engine import RowMapping
from sqlalchemy.ext.asyncio import AsyncSession

from shared.domain.actors import Actor
from shared.domain.events import Advisory, DomainEvent
from shared.domain.jsonable import to_json
from shared.domain.legal import Citation
from shared.logs import current_correlation_id
from shared.pending_inserts import PendingInserts

TABLE = "case_record"


def case_record_table(metadata: MetaData) -> Table:
    return Table(
        TABLE,
        metadata,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("aggregate_type", Text, nullable=False),
        Column("aggregate_id", UUID(as_uuid=True), nullable=False),
        Column("action", Text, nullable=False),
        Column("transition", Text),
        Column("from_state", Text),
        Column("to_state", Text),
        Column("actor_kind", Text, nullable=False),
        Column("actor_id", Text, nullable=False),
        Column("actor_roles", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
        Column("recorded_by", Text),
        Column("occurred_at", DateTime(timezone=True), nullable=False),
        Column("legal_basis", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
        Column("summary", Text),
        Column("summary_zh", Text),
        Column("subject", Text),
        Column("subject_id", UUID(as_uuid=True)),
        Column("details", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
        Column("advisories", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
        Column("documents", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
        Column("correlation_id", Text),
        Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Index(f"ix_{TABLE}_aggregate", "aggregate_id", "id"),
        Index(f"ix_{TABLE}_actor", "actor_id", "id"),
    )


@dataclass(frozen=True, slots=True)
class RecordedEvent:
    """An event as the record holds it: the event, whose it is, and when and why it was written."""

    id: int
    aggregate_type: str
    aggregate_id: uuid.UUID
    event: DomainEvent
    correlation_id: str | None
    recorded_at: dt.datetime


def event_row(aggregate_type: str, aggregate_id: uuid.UUID, event: DomainEvent) -> dict[str, Any]:
    """The row for ``event`` (the correlation id is the current request's or consumed event's)."""
    return {
        "aggregate_type": aggregate_type,
        "aggregate_id": aggregate_id,
        "action": str(event.name),
        "transition": event.transition,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "actor_kind": str(event.actor.kind),
        "actor_id": event.actor.id,
        "actor_roles": list(event.actor.roles),
        "recorded_by": event.actor.recorded_by,
        "occurred_at": event.at,
        "legal_basis": [c.as_dict() for c in event.basis],
        "summary": event.summary,
        "summary_zh": event.summary_zh,
        "subject": event.subject,
        "subject_id": event.subject_id,
        "details": to_json(event.details),
        "advisories": [a.as_dict() for a in event.advisories],
        "documents": to_json(list(event.documents)),
        "correlation_id": current_correlation_id(),
    }


def recorded_event(row: RowMapping) -> RecordedEvent:
    event = DomainEvent(
        name=row["action"],
        at=row["occurred_at"],
        actor=Actor(row["actor_kind"], row["actor_id"], tuple(row["actor_roles"] or ()), row["recorded_by"]),
        transition=row["transition"],
        from_state=row["from_state"],
        to_state=row["to_state"],
        basis=tuple(Citation.from_dict(c) for c in row["legal_basis"] or ()),
        summary=row["summary"],
        summary_zh=row["summary_zh"],
        subject=row["subject"],
        subject_id=row["subject_id"],
        details=row["details"] or {},
        advisories=tuple(Advisory(**a) for a in row["advisories"] or ()),
        documents=tuple(row["documents"] or ()),
    )
    return RecordedEvent(
        id=row["id"],
        aggregate_type=row["aggregate_type"],
        aggregate_id=row["aggregate_id"],
        event=event,
        correlation_id=row["correlation_id"],
        recorded_at=row["recorded_at"],
    )


class CaseRecord:
    """Append to and read a service's case record, in the caller's transaction."""

    def __init__(self, session: AsyncSession, table: Table, at_commit: PendingInserts | None = None) -> None:
        """``at_commit``: queue appended entries there, for the commit's one statement (a service
        that never reads its record back inside the transaction that writes it)."""
        self._session = session
        self._table = table
        self._at_commit = at_commit

    async def append(
        self, aggregate_type: str, aggregate_id: uuid.UUID, events: Sequence[DomainEvent]
    ) -> None:
        if events:
            rows = [event_row(aggregate_type, aggregate_id, event) for event in events]
            if self._at_commit is not None:
                self._at_commit.add(self._table, rows)
            else:
                await self._session.execute(insert(self._table), rows)

    async def of(self, aggregate_ids: Iterable[uuid.UUID]) -> list[RecordedEvent]:
        """Every event of ``aggregate_ids`` in the order it was recorded."""
        table = self._table
        result = await self._session.execute(
            select(table).where(table.c.aggregate_id.in_(list(aggregate_ids))).order_by(table.c.id)
        )
        return [recorded_event(row) for row in result.mappings()]
