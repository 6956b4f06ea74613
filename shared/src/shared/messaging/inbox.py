"""The inbox: the record that a consumer has applied an event, written in the effect's transaction."""

from __future__ import annotations

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
