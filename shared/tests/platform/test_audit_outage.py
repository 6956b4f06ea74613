"""The audit sealer and the audit retention purge ride out a database outage inside their loop
(logged once, retried with backoff) instead of crashing into the supervisor; after it they work on."""

from __future__ import annotations

import asyncio
import datetime as dt
import errno
from typing import Any, cast

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.audit.retention import RetentionPurge
from shared.audit.sealer import AuditSealer
from shared.audit.tables import AuditTables
from shared.audit.trail import AuditContext, audit_scope
from shared.liveness import Pulse
from shared.testing.probe import ProbeDb
from shared.testing.waiting import eventually, until


class FlakySessions:
    """A session factory whose first ``failures`` calls fail as an unreachable database does."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], failures: int) -> None:
        self._sessions, self.failures = sessions, failures

    def __call__(self) -> Any:
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError(errno.ECONNREFUSED, "Connect call failed ('127.0.0.1', 5432)")
        return self._sessions()

    def factory(self) -> async_sessionmaker[AsyncSession]:
        return cast(async_sessionmaker[AsyncSession], self)


def audit_of(probe_db: ProbeDb) -> AuditTables:
    assert probe_db.tables.audit is not None
    return probe_db.tables.audit


async def record(probe_db: ProbeDb, entries: int) -> None:
    with audit_scope(
        AuditContext(actor="staff-1", actor_kind="person", roles=("staff",), office_code="330106")
    ):
        async with probe_db.uow() as uow:
            for k in range(entries):
                uow.audit.record("intake.complaint.step", object_id="c-1", details={"k": k})
            await uow.commit()


async def counts(probe_db: ProbeDb, audit: AuditTables) -> tuple[int, int]:
    async with probe_db.sessions() as session:
        sealed = await session.scalar(select(func.count()).select_from(audit.log))
        pending = await session.scalar(select(func.count()).select_from(audit.pending))
    return int(sealed or 0), int(pending or 0)


async def test_the_sealer_waits_out_a_database_outage_and_then_seals(probe_db: ProbeDb) -> None:
    audit = audit_of(probe_db)
    await record(probe_db, 5)
    flaky = FlakySessions(probe_db.sessions, failures=4)
    sealer = AuditSealer(sessions=flaky.factory(), tables=audit, interval=dt.timedelta(milliseconds=20))
    pulse, stop = Pulse("audit-sealer"), asyncio.Event()
    task = asyncio.create_task(sealer.run(stop, pulse))
    try:
        await until(lambda: pulse.blocked_on == "database", what="the outage to be seen")
        await eventually(lambda: _is(counts(probe_db, audit), (5, 0)), what="the backlog sealed after it")
    finally:
        stop.set()
        async with asyncio.timeout(5):
            await task
    assert flaky.failures == 0 and pulse.blocked_on is None
    assert pulse.restarts == 0, "an outage is waited out inside the loop, not by a crash"
    assert pulse.processed == 5


async def test_the_sealer_goes_again_at_once_after_a_full_batch(probe_db: ProbeDb) -> None:
    """Ten entries, batches of three and an hour's interval: all sealed now, in four rounds."""
    audit = audit_of(probe_db)
    await record(probe_db, 10)
    sealer = AuditSealer(
        sessions=probe_db.sessions, tables=audit, interval=dt.timedelta(hours=1), batch_size=3
    )
    pulse, stop = Pulse("audit-sealer"), asyncio.Event()
    task = asyncio.create_task(sealer.run(stop, pulse))
    try:
        await eventually(lambda: _is(counts(probe_db, audit), (10, 0)), what="every batch sealed at once")
    finally:
        stop.set()
        async with asyncio.timeout(5):
            await task
    assert pulse.processed == 10


async def test_the_retention_purge_waits_out_a_database_outage_and_then_runs(probe_db: ProbeDb) -> None:
    flaky = FlakySessions(probe_db.sessions, failures=3)
    purge = RetentionPurge(
        sessions=flaky.factory(), tables=audit_of(probe_db), retention=dt.timedelta(days=180)
    )
    pulse, stop = Pulse("audit-retention"), asyncio.Event()
    task = asyncio.create_task(purge.run(stop, pulse))
    try:
        await until(lambda: pulse.blocked_on == "database", what="the outage to be seen")
        # unblocked only after a round that reached the database (the purge function ran)
        await until(lambda: flaky.failures == 0 and pulse.blocked_on is None, what="the purge after it")
    finally:
        stop.set()
        async with asyncio.timeout(5):
            await task
    assert pulse.restarts == 0 and not task.exception()


async def _is(value: Any, expected: Any) -> bool:
    return bool(await value == expected)
