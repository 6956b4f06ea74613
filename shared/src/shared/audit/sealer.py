"""Sealing the audit trail: unsealed entries onto the hash chain, in order, one sealer at a time.

A request's transaction only inserts its entries into ``audit_pending`` (:mod:`shared.audit.trail`).
The sealer takes them in ``id`` order, in batches, in one transaction per batch: it locks the chain
head, deletes the batch from ``audit_pending`` (``DELETE … RETURNING``), numbers the entries on from
the head without gaps, hashes each onto the one before, inserts them into ``audit_log`` and moves
the head. The head's row lock makes sealers exclusive: the worker's sealer skips a round when
another holds it (``SKIP LOCKED``); a reader that must see every committed entry (the audit API,
``ipcase audit verify``, the checkpoint signer) waits for it and seals what is left.

Until it is sealed (about ``AUDIT_SEAL_INTERVAL``), an entry is covered by no hash: that is the
tamper window the README describes. A backlog that grows old means no sealer runs: ``ipcase audit
verify`` reports it and ``ipcase_audit_unsealed_oldest_age_seconds`` raises an alert.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import json
from dataclasses import dataclass

import structlog
from sqlalchemy import TextClause, delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.audit import trail
from shared.audit.chain import ENTRY_FIELDS, entry_hash
from shared.audit.tables import AuditTables
from shared.liveness import Pulse
from shared.outage import Round, run_rounds

log = structlog.get_logger(__name__)
DEFAULT_BATCH = 1000


@dataclass(frozen=True, slots=True)
class Backlog:
    """Entries written but not yet sealed, and when the oldest of them happened."""

    entries: int
    oldest: dt.datetime | None

    def oldest_age_seconds(self, now: dt.datetime) -> float:
        return 0.0 if self.oldest is None else max(0.0, (now - self.oldest).total_seconds())


async def backlog(session: AsyncSession, tables: AuditTables) -> Backlog:
    pending = tables.pending
    count, oldest = (await session.execute(select(func.count(), func.min(pending.c.occurred_at)))).one()
    return Backlog(int(count), oldest)


async def seal_batch(session: AsyncSession, tables: AuditTables, *, limit: int, wait: bool) -> int | None:
    """Seal up to ``limit`` entries in the caller's transaction; None if another sealer holds the
    head and ``wait`` is false."""
    head, pending = tables.head, tables.pending
    locked = select(head.c.seq, head.c.hash).where(head.c.id == trail.HEAD_ROW)
    row = (await session.execute(locked.with_for_update(skip_locked=not wait))).one_or_none()
    if row is None:
        return None
    seq, prev_hash = int(row.seq), str(row.hash)
    oldest_first = select(pending.c.id).order_by(pending.c.id).limit(limit).scalar_subquery()
    taken = (
        (await session.execute(delete(pending).where(pending.c.id.in_(oldest_first)).returning(*pending.c)))
        .mappings()
        .all()
    )
    if not taken:
        return 0
    algorithm, rows = trail.algorithm(), []
    for entry in sorted(taken, key=lambda r: int(r["id"])):
        seq += 1
        values = {"seq": seq, **{name: entry[name] for name in ENTRY_FIELDS}}
        digest = entry_hash(algorithm, prev_hash, values)
        rows.append({**values, "hash_alg": algorithm, "prev_hash": prev_hash, "hash": digest})
        prev_hash = digest
    chained = [{**row, "occurred_at": row["occurred_at"].isoformat()} for row in rows]
    await session.execute(_log_insert(tables.schema), {"rows": json.dumps(chained, ensure_ascii=False)})
    await session.execute(update(head).where(head.c.id == trail.HEAD_ROW).values(seq=seq, hash=prev_hash))
    return len(rows)


@functools.cache
def _log_insert(schema: str) -> TextClause:
    """The batch as one JSON parameter: far less client CPU than a many-row, 18-column INSERT."""
    columns = ", ".join(("seq", *ENTRY_FIELDS, "hash_alg", "prev_hash", "hash"))
    return text(
        f'INSERT INTO "{schema}".audit_log ({columns}) SELECT {columns} '
        f'FROM jsonb_populate_recordset(NULL::"{schema}".audit_log, CAST(:rows AS jsonb))'
    )


async def seal(
    sessions: async_sessionmaker[AsyncSession],
    tables: AuditTables,
    *,
    batch_size: int = DEFAULT_BATCH,
    wait: bool = True,
) -> int:
    """Seal every entry committed before the call (``wait``), batch by batch; the number sealed.

    Without ``wait``, return at once (0) if another sealer is at work.
    """
    total = 0
    while True:
        async with sessions() as session, session.begin():
            sealed = await seal_batch(session, tables, limit=batch_size, wait=wait)
        if sealed is None:
            return total
        total += sealed
        if sealed < batch_size:
            return total


class AuditSealer:
    """The worker part that seals the trail every ``interval`` (at once again while a batch was full),
    riding out a database outage (logged once, retried with backoff) instead of crashing."""

    def __init__(
        self,
        *,
        sessions: async_sessionmaker[AsyncSession],
        tables: AuditTables,
        interval: dt.timedelta,
        batch_size: int = DEFAULT_BATCH,
    ) -> None:
        self._sessions, self._tables = sessions, tables
        self._interval, self._batch_size = interval.total_seconds(), batch_size

    async def run(self, stop: asyncio.Event, pulse: Pulse) -> None:
        part = f"audit-sealer.{self._tables.schema}"
        await run_rounds(part, self._round, stop, pulse, idle_seconds=self._interval)

    async def _round(self, stop: asyncio.Event) -> Round:
        sealed = await self.seal_once()
        return Round(done=sealed, again=sealed >= self._batch_size)

    async def seal_once(self) -> int:
        """One batch, if anything waits and no other sealer is at work (an idle round is one read)."""
        pending = self._tables.pending
        async with self._sessions() as session:
            waiting = await session.scalar(select(pending.c.id).limit(1))
        if waiting is None:
            return 0
        async with self._sessions() as session, session.begin():
            sealed = await seal_batch(session, self._tables, limit=self._batch_size, wait=False)
        if sealed:
            log.debug("audit entries sealed", schema=self._tables.schema, sealed=sealed)
        return sealed or 0
