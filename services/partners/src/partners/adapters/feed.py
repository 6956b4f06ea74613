"""Each partner's feed in PostgreSQL: a gap-free ``seq`` per partner, the signed CloudEvent.

``seq`` comes from ``feed_heads`` with an upsert that locks the partner's head row until commit, so
seqs are handed out and become visible in order and a rolled-back append leaves no gap: a reader
that has seen ``seq`` n will never later find an n-1 it missed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, tuple_
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from partners.adapters.bell import notify
from partners.adapters.orm import feed, feed_heads


@dataclass(frozen=True, slots=True)
class NewEntry:
    partner_code: str
    event: dict[str, Any]
    signature: str
    source_event_id: str
    time: dt.datetime


@dataclass(frozen=True, slots=True)
class FeedEntry:
    partner_code: str
    seq: int
    event_id: uuid.UUID
    event_type: str
    time: dt.datetime
    cloudevent: dict[str, Any]
    recorded_at: dt.datetime


class FeedStore:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def append(self, entries: list[NewEntry]) -> dict[str, int]:
        """Append one entry per partner (at most one each); the seq each got.

        One round trip for the heads (locked in partner-code order, so two appenders never wait
        on each other crosswise), one for the entries, one for the notifications.
        """
        if not entries:
            return {}
        ordered = sorted(entries, key=lambda e: e.partner_code)
        heads = (
            pg_insert(feed_heads)
            .values([{"partner_code": e.partner_code, "last_seq": 1} for e in ordered])
            .on_conflict_do_update(
                index_elements=[feed_heads.c.partner_code], set_={"last_seq": feed_heads.c.last_seq + 1}
            )
            .returning(feed_heads.c.partner_code, feed_heads.c.last_seq)
        )
        seqs = {code: int(seq) for code, seq in (await self._session.execute(heads)).all()}
        await self._session.execute(
            insert(feed),
            [
                {
                    "partner_code": e.partner_code,
                    "seq": seqs[e.partner_code],
                    "event_id": uuid.UUID(e.event["id"]),
                    "event_type": e.event["type"],
                    "time": e.time,
                    "source_event_id": e.source_event_id,
                    "cloudevent": e.event,
                    "signature": e.signature,
                }
                for e in ordered
            ],
        )
        await notify(self._session, [e.partner_code for e in ordered])
        return seqs

    async def after(self, partner_code: str, after: int, limit: int) -> list[FeedEntry]:
        query = (
            select(feed)
            .where(feed.c.partner_code == partner_code, feed.c.seq > after)
            .order_by(feed.c.seq)
            .limit(limit)
        )
        return [_entry(row) for row in (await self._session.execute(query)).mappings()]

    async def get(self, partner_code: str, seq: int) -> FeedEntry | None:
        query = select(feed).where(feed.c.partner_code == partner_code, feed.c.seq == seq)
        row = (await self._session.execute(query)).mappings().first()
        return None if row is None else _entry(row)

    async def seq_before(self, partner_code: str, since: dt.datetime) -> int:
        """The last seq recorded before ``since`` (0 if none): ``after=`` that replays from ``since``."""
        query = select(func.max(feed.c.seq)).where(
            feed.c.partner_code == partner_code, feed.c.recorded_at < since
        )
        return int((await self._session.execute(query)).scalar_one() or 0)

    async def head(self, partner_code: str) -> int:
        query = select(feed_heads.c.last_seq).where(feed_heads.c.partner_code == partner_code)
        return int((await self._session.execute(query)).scalar_one_or_none() or 0)

    async def purge(self, before: dt.datetime, batch: int = 1000) -> int:
        """Delete entries recorded before ``before`` (retention); the heads stay, so seqs never repeat."""
        victims = select(feed.c.partner_code, feed.c.seq).where(feed.c.recorded_at < before).limit(batch)
        result = await self._session.execute(
            delete(feed).where(tuple_(feed.c.partner_code, feed.c.seq).in_(victims))
        )
        return int(getattr(result, "rowcount", 0) or 0)


def _entry(row: Any) -> FeedEntry:
    return FeedEntry(
        partner_code=row["partner_code"],
        seq=row["seq"],
        event_id=row["event_id"],
        event_type=row["event_type"],
        time=row["time"],
        cloudevent=dict(row["cloudevent"]),
        recorded_at=row["recorded_at"],
    )
