"""The inbox: the record that a consumer has applied an event, written in the effect's transaction."""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import TextClause, text
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from shared.messaging.tables import MessagingTables


async def claim(
    session: AsyncSession,
    tables: MessagingTables,
    *,
    consumer: str,
    event_id: str,
    event_type: str,
    topic: str,
    partition: int,
    offset: int,
) -> bool:
    """Insert the inbox row; False if ``consumer`` already applied ``event_id`` (a redelivery).

    A concurrent delivery of the same event waits on the primary key until the first transaction
    ends, then sees the row and backs off; so at most one delivery ever applies its effects.
    """
    inbox = tables.inbox
    statement = (
        insert(inbox)
        .values(
            consumer=consumer,
            event_id=event_id,
            event_type=event_type,
            topic=topic,
            partition=partition,
            offset=offset,
        )
        .on_conflict_do_nothing(index_elements=[inbox.c.consumer, inbox.c.event_id])
        .returning(inbox.c.event_id)
    )
    return (await session.scalar(statement)) is not None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One consumed event to claim: its id and type, and where it was read."""

    event_id: str
    event_type: str
    topic: str
    partition: int
    offset: int


async def claim_many(
    session: AsyncSession, tables: MessagingTables, *, consumer: str, deliveries: Sequence[Delivery]
) -> set[str]:
    """Insert the inbox rows of a whole batch in ONE statement; the ids claimed by this call.

    An id missing from the result was applied before (a redelivery), or appears earlier in the same
    batch (the first delivery of an id claims it). As with :func:`claim`, a concurrent delivery of
    the same event waits on the primary key until the first transaction ends. The rows travel as
    one JSON parameter of a statement built once per schema (a multi-row VALUES would be compiled
    anew for every batch size, and build a bound parameter per value).
    """
    if not deliveries:
        return set()
    rows = json.dumps(
        [[d.event_id, d.event_type, d.topic, d.partition, d.offset] for d in deliveries],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    result = await session.execute(_claim_many_sql(tables.schema), {"consumer": consumer, "rows": rows})
    return set(result.scalars().all())


@functools.cache
def _claim_many_sql(schema: str) -> TextClause:
    return text(
        f'INSERT INTO "{schema}".inbox (consumer, event_id, event_type, topic, partition, "offset") '
        "SELECT :consumer, r->>0, r->>1, r->>2, (r->>3)::int, (r->>4)::bigint "
        "FROM jsonb_array_elements(CAST(:rows AS jsonb)) WITH ORDINALITY AS d(r, n) ORDER BY n "
        "ON CONFLICT (consumer, event_id) DO NOTHING RETURNING event_id"
    )
