"""The inbox: the record that a consumer has applied an event, written in the effect's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
    the same event waits on the primary key until the first transaction ends.
    """
    if not deliveries:
        return set()
    inbox = tables.inbox
    statement = (
        insert(inbox)
        .values(
            [
                {
                    "consumer": consumer,
                    "event_id": d.event_id,
                    "event_type": d.event_type,
                    "topic": d.topic,
                    "partition": d.partition,
                    "offset": d.offset,
                }
                for d in deliveries
            ]
        )
        .on_conflict_do_nothing(index_elements=[inbox.c.consumer, inbox.c.event_id])
        .returning(inbox.c.event_id)
    )
    return set((await session.scalars(statement)).all())
