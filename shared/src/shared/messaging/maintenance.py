"""Outbox replay, broker adoption and retention: the operations on messaging tables besides relaying."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Text, delete, func, literal, select, text, update
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from shared.messaging.headers import TARGET_GROUP_HEADER
from shared.messaging.tables import MessagingTables, outbox_channel

_STATE_ROW = 1


async def replay_outbox(
    session: AsyncSession, tables: MessagingTables, *, since: dt.datetime, group: str | None = None
) -> int:
    """Mark published events created at or after ``since`` for publication again; return how many.

    Consumers deduplicate through their inbox, so a replay re-delivers without doubling effects.
    With ``group`` the replayed records carry ``ipcase_target_group`` and only that consumer group
    applies them (the others pass them by); without it the header is removed, so a later replay
    (or a broker adoption) reaches every group again. The caller commits; the NOTIFY wakes the
    relay at commit.
    """
    outbox = tables.outbox
    headers = (
        outbox.c.headers.op("||", return_type=JSONB)(
            func.jsonb_build_object(literal(TARGET_GROUP_HEADER, Text), literal(group, Text))
        )
        if group
        else outbox.c.headers.op("-", return_type=JSONB)(literal(TARGET_GROUP_HEADER, Text))
    )
    result = await session.execute(
        update(outbox)
        .where(outbox.c.created_at >= since, outbox.c.published_at.is_not(None))
        .values(published_at=None, attempts=0, last_error=None, headers=headers)
    )
    await session.execute(text("SELECT pg_notify(:channel, '')"), {"channel": outbox_channel(tables.schema)})
    return int(result.rowcount)  # type: ignore[attr-defined]


async def adopt_broker(session: AsyncSession, tables: MessagingTables, cluster_id: str) -> int:
    """Record the broker we relay to; if it is not the one we relayed to before, replay everything.

    The embedded broker keeps nothing across a restart, so a new cluster id means every retained
    event must be published again. With Apache Kafka the id is stable and this replays nothing.
    """
    state = tables.relay_state
    previous = await session.scalar(
        select(state.c.broker_cluster_id).where(state.c.id == _STATE_ROW).with_for_update()
    )
    if previous == cluster_id:
        return 0
    replayed = await replay_outbox(session, tables, since=dt.datetime.min.replace(tzinfo=dt.UTC))
    await session.execute(
        text(
            f'INSERT INTO "{tables.schema}".relay_state (id, broker_cluster_id, updated_at) '
            "VALUES (:id, :cluster_id, now()) ON CONFLICT (id) DO UPDATE "
            "SET broker_cluster_id = excluded.broker_cluster_id, updated_at = now()"
        ),
        {"id": _STATE_ROW, "cluster_id": cluster_id},
    )
    return replayed


async def purge_published(session: AsyncSession, tables: MessagingTables, *, older_than: dt.timedelta) -> int:
    outbox = tables.outbox
    result = await session.execute(
        delete(outbox).where(
            outbox.c.published_at.is_not(None), outbox.c.published_at < func.now() - older_than
        )
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


async def purge_inbox(session: AsyncSession, tables: MessagingTables, *, older_than: dt.timedelta) -> int:
    inbox = tables.inbox
    result = await session.execute(delete(inbox).where(inbox.c.processed_at < func.now() - older_than))
    return int(result.rowcount)  # type: ignore[attr-defined]


async def pending_count(session: AsyncSession, tables: MessagingTables) -> int:
    outbox = tables.outbox
    count = await session.scalar(
        select(func.count()).select_from(outbox).where(outbox.c.published_at.is_(None))
    )
    return int(count or 0)


async def pending_summary(session: AsyncSession, tables: MessagingTables) -> tuple[int, float | None]:
    """How many events wait to be published, and the age in seconds of the oldest (None if none)."""
    outbox = tables.outbox
    count, oldest_age = (
        await session.execute(
            select(func.count(), func.extract("epoch", func.now() - func.min(outbox.c.created_at))).where(
                outbox.c.published_at.is_(None)
            )
        )
    ).one()
    return int(count or 0), None if oldest_age is None else round(float(oldest_age), 3)
