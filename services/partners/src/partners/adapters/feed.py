"""Each partner's feed in PostgreSQL: a gap-free ``seq`` per partner, the signed CloudEvent.

``seq`` comes from ``feed_heads`` with an upsert that locks the partner's head row until commit, so
seqs are handed out and become visible in order and a rolled-back append leaves no gap: a reader
that has seen ``seq`` n will never later find an n-1 it missed.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import TextClause, func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from partners.adapters.bell import notify
from partners.adapters.orm import feed, feed_heads, webhook_deliveries


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
        self._staged: list[tuple[NewEntry, bool]] = []

    def stage(self, entries: list[NewEntry], *, webhook: set[str]) -> None:
        """Append ``entries`` when the unit of work commits (:meth:`flush`), in the order staged;
        the partners in ``webhook`` get a webhook delivery scheduled for theirs.

        A consumer's batch stages the entries of all its events and writes them in four statements
        (heads, entries, deliveries, notifications) instead of four per event; the heads stay locked
        only from the flush to the commit.
        """
        self._staged.extend((entry, entry.partner_code in webhook) for entry in entries)

    def discard(self) -> None:
        self._staged.clear()

    async def flush(self) -> dict[str, list[int]]:
        """Write what was staged; the seqs each partner got, in staging order."""
        staged, self._staged = self._staged, []
        if not staged:
            return {}
        counts: dict[str, int] = {}
        for entry, _ in staged:
            counts[entry.partner_code] = counts.get(entry.partner_code, 0) + 1
        heads = (
            pg_insert(feed_heads)
            .values([{"partner_code": code, "last_seq": counts[code]} for code in sorted(counts)])
            .on_conflict_do_update(
                index_elements=[feed_heads.c.partner_code],
                set_={"last_seq": feed_heads.c.last_seq + pg_insert(feed_heads).excluded.last_seq},
            )
            .returning(feed_heads.c.partner_code, feed_heads.c.last_seq)
        )
        last = {code: int(seq) for code, seq in (await self._session.execute(heads)).all()}
        next_seq = {code: last[code] - counts[code] + 1 for code in counts}
        rows: list[dict[str, Any]] = []
        deliveries: list[dict[str, Any]] = []
        seqs: dict[str, list[int]] = {code: [] for code in counts}
        for entry, by_webhook in staged:
            seq = next_seq[entry.partner_code]
            next_seq[entry.partner_code] = seq + 1
            seqs[entry.partner_code].append(seq)
            rows.append(_row(entry, seq))
            if by_webhook:
                deliveries.append({"partner_code": entry.partner_code, "seq": seq, "status": "pending"})
        await self._session.execute(insert(feed), rows)
        if deliveries:
            await self._session.execute(insert(webhook_deliveries), deliveries)
        await notify(self._session, sorted(counts))
        return seqs

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
        await self._session.execute(insert(feed), [_row(e, seqs[e.partner_code]) for e in ordered])
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
        """Delete up to ``batch`` entries recorded before ``before`` (retention), with their webhook
        deliveries (the delivery log is kept as long as the entries it logs); the heads stay, so seqs
        never repeat. How many entries were deleted."""
        parameters = {"before": before, "batch": batch}
        result = await self._session.execute(_purge_sql(feed.schema or "public"), parameters)
        return int(result.scalar_one())


@functools.cache
def _purge_sql(schema: str) -> TextClause:
    return text(
        f"""
        WITH victims AS (
            DELETE FROM "{schema}".feed AS f
            USING (
                SELECT partner_code, seq FROM "{schema}".feed WHERE recorded_at < :before LIMIT :batch
            ) AS v
            WHERE f.partner_code = v.partner_code AND f.seq = v.seq
            RETURNING f.partner_code, f.seq
        ), logged AS (
            DELETE FROM "{schema}".webhook_deliveries AS d
            USING victims AS v
            WHERE d.partner_code = v.partner_code AND d.seq = v.seq
        )
        SELECT count(*) FROM victims
        """
    )


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


def _row(entry: NewEntry, seq: int) -> dict[str, Any]:
    return {
        "partner_code": entry.partner_code,
        "seq": seq,
        "event_id": uuid.UUID(entry.event["id"]),
        "event_type": entry.event["type"],
        "time": entry.time,
        "source_event_id": entry.source_event_id,
        "cloudevent": entry.event,
        "signature": entry.signature,
    }
