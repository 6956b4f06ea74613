"""The audit sealer against PostgreSQL: requests write unsealed entries, one sealer at a time chains
them without gaps, and what waits unsealed is reported (and cannot be changed meanwhile)."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy import func, select

from shared import migrations
from shared.audit.checkpoints import SigningKey
from shared.audit.sealer import AuditSealer, backlog, seal, seal_batch
from shared.audit.tables import AuditTables
from shared.audit.trail import AuditContext, audit_scope
from shared.audit.verify import Report, verify_trail
from shared.db import asyncpg_dsn
from shared.liveness import Pulse
from shared.testing.probe import MIGRATIONS, MigrationSource, ProbeDb, probe_contract


@pytest.fixture
def audit(probe_db: ProbeDb) -> AuditTables:
    assert probe_db.tables.audit is not None
    return probe_db.tables.audit


@pytest.fixture
def key(tmp_path: Path) -> SigningKey:
    return SigningKey.load(tmp_path / "audit.pem", create=True)


async def transaction(probe_db: ProbeDb, actor: str, n: int, entries: int = 2) -> None:
    """One committed request that records ``entries`` entries (unsealed until a sealer runs)."""
    with audit_scope(AuditContext(actor=actor, actor_kind="person", roles=("staff",), office_code="330106")):
        async with probe_db.uow() as uow:
            for k in range(entries):
                uow.audit.record("intake.complaint.step", object_id=f"{actor}-{n}", details={"k": k})
            await uow.commit()


async def counts(probe_db: ProbeDb, audit: AuditTables) -> tuple[int, int]:
    """(sealed, pending) entries."""
    async with probe_db.sessions() as session:
        sealed = await session.scalar(select(func.count()).select_from(audit.log))
        pending = await session.scalar(select(func.count()).select_from(audit.pending))
    return int(sealed or 0), int(pending or 0)


async def verify(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey, *, seal_first: bool = True
) -> Report:
    async with probe_db.sessions() as session:
        return await verify_trail(session, audit, [], key.public, seal_first=seal_first)


async def test_a_request_writes_its_entries_unsealed_and_the_sealer_chains_them(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey
) -> None:
    await transaction(probe_db, "staff-1", 1, entries=3)
    assert await counts(probe_db, audit) == (0, 3)

    assert await seal(probe_db.sessions, audit) == 3
    assert await counts(probe_db, audit) == (3, 0)
    async with probe_db.sessions() as session:
        rows = (await session.execute(select(audit.log).order_by(audit.log.c.seq))).mappings().all()
    assert [(r["seq"], r["details"]["k"]) for r in rows] == [(1, 0), (2, 1), (3, 2)]  # in recorded order
    assert (await verify(probe_db, audit, key)).intact


async def test_many_concurrent_requests_and_a_running_sealer_make_one_gap_free_chain(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey
) -> None:
    stop = asyncio.Event()
    sealer = AuditSealer(
        sessions=probe_db.sessions, tables=audit, interval=dt.timedelta(milliseconds=20), batch_size=7
    )
    running = asyncio.create_task(sealer.run(stop, Pulse("audit-sealer")))

    async def client(actor: str) -> None:
        for n in range(6):
            await transaction(probe_db, actor, n)

    await asyncio.gather(*(client(f"staff-{c}") for c in range(12)))
    stop.set()
    await running
    await seal(probe_db.sessions, audit)

    report = await verify(probe_db, audit, key)
    assert report.intact and report.entries == 12 * 6 * 2, report
    async with probe_db.sessions() as session:
        rows = (await session.execute(select(audit.log).order_by(audit.log.c.seq))).mappings().all()
    assert [r["seq"] for r in rows] == list(range(1, 145))
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(rows))
    by_request = {
        key: [r["details"]["k"] for r in group]
        for key, group in itertools.groupby(
            sorted(rows, key=lambda r: (r["object_id"], r["seq"])), lambda r: r["object_id"]
        )
    }
    assert len(by_request) == 72 and all(ks == [0, 1] for ks in by_request.values())


async def test_a_rolled_back_request_leaves_nothing_to_seal(probe_db: ProbeDb, audit: AuditTables) -> None:
    async with probe_db.uow() as uow:
        uow.audit.record("x.y", object_type="complaint", object_id="abandoned")
        await uow.rollback()
    with pytest.raises(RuntimeError, match="boom"):
        async with probe_db.uow() as uow:
            uow.audit.record("x.y", object_type="complaint", object_id="failed")
            await uow.audit.flush(uow.session)  # written into the transaction, which then fails
            raise RuntimeError("boom")
    assert await counts(probe_db, audit) == (0, 0)
    assert await seal(probe_db.sessions, audit) == 0


async def test_two_sealers_at_once_neither_duplicate_nor_skip_an_entry(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey
) -> None:
    for n in range(30):
        await transaction(probe_db, "staff-1", n)
    sealers = [seal(probe_db.sessions, audit, batch_size=4) for _ in range(4)]
    workers = [
        AuditSealer(sessions=probe_db.sessions, tables=audit, interval=dt.timedelta(seconds=1), batch_size=3)
        for _ in range(2)
    ]
    sealed = await asyncio.gather(*sealers, *(w.seal_once() for w in workers))

    assert sum(sealed) + (await counts(probe_db, audit))[1] == 60  # every entry sealed once, or waits
    await seal(probe_db.sessions, audit)
    report = await verify(probe_db, audit, key)
    assert report.intact and report.entries == 60, report


async def test_the_worker_sealer_skips_while_another_holds_the_head(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey
) -> None:
    await transaction(probe_db, "staff-1", 1)
    worker = AuditSealer(sessions=probe_db.sessions, tables=audit, interval=dt.timedelta(seconds=1))
    async with probe_db.sessions() as session, session.begin():
        assert await seal_batch(session, audit, limit=1, wait=True) == 1  # holds the head until commit
        async with asyncio.timeout(10):
            assert await worker.seal_once() == 0  # skipped, not blocked
    assert await worker.seal_once() == 1
    assert (await verify(probe_db, audit, key)).entries == 2


async def test_verify_reports_what_waits_unsealed_and_seals_it_unless_told_not_to(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey
) -> None:
    await transaction(probe_db, "staff-1", 1)
    await seal(probe_db.sessions, audit)
    await transaction(probe_db, "staff-1", 2, entries=3)

    looked = await verify(probe_db, audit, key, seal_first=False)
    assert (looked.entries, looked.unsealed, looked.sealed_now) == (2, 3, False)
    assert looked.oldest_unsealed is not None and looked.intact
    async with probe_db.sessions() as session:
        assert (await backlog(session, audit)).entries == 3

    sealed = await verify(probe_db, audit, key)
    assert (sealed.entries, sealed.unsealed, sealed.sealed_now, sealed.intact) == (5, 3, True, True)
    again = await verify(probe_db, audit, key)
    assert (again.entries, again.unsealed, again.oldest_unsealed) == (5, 0, None)


async def test_an_entry_edited_after_sealing_is_still_found(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey
) -> None:
    for n in range(3):
        await transaction(probe_db, "staff-1", n)
    await seal(probe_db.sessions, audit)
    dsn = asyncpg_dsn(probe_db.engine.url.render_as_string(hide_password=False))
    connection = await asyncpg.connect(dsn)
    try:
        async with connection.transaction():  # only a superuser can switch the guard off
            await connection.execute(f'ALTER TABLE "{probe_db.schema}".audit_log DISABLE TRIGGER USER')
            await connection.execute(f"UPDATE \"{probe_db.schema}\".audit_log SET actor = 'x' WHERE seq = 4")
            await connection.execute(f'ALTER TABLE "{probe_db.schema}".audit_log ENABLE TRIGGER USER')
    finally:
        await connection.close()
    report = await verify(probe_db, audit, key)
    assert report.first is not None and (report.first.seq, report.first.kind) == (4, "edited")


async def test_an_unsealed_entry_cannot_be_changed_even_by_its_owner(
    probe_db: ProbeDb, audit: AuditTables
) -> None:
    await transaction(probe_db, "staff-1", 1)
    dsn = asyncpg_dsn(probe_db.engine.url.render_as_string(hide_password=False))
    connection = await asyncpg.connect(dsn)
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="cannot be changed"):
            await connection.execute(f"UPDATE \"{probe_db.schema}\".audit_pending SET actor = 'x'")
    finally:
        await connection.close()


@pytest_asyncio.fixture
async def app_role(probe_db: ProbeDb) -> AsyncIterator[str]:
    role = f"app_{uuid.uuid4().hex[:8]}"
    dsn = asyncpg_dsn(probe_db.engine.url.render_as_string(hide_password=False))
    admin = await asyncpg.connect(dsn)
    await admin.execute(f"CREATE ROLE {role} LOGIN")
    await migrations.grant_application_role(
        MigrationSource(probe_db.schema, MIGRATIONS),
        probe_db.engine.url.render_as_string(hide_password=False),
        role,
    )
    try:
        yield role
    finally:
        await admin.execute(f"DROP OWNED BY {role}; DROP ROLE {role}")
        await admin.close()


async def test_the_application_role_writes_and_seals_but_cannot_change_an_entry(
    probe_db: ProbeDb, audit: AuditTables, app_role: str
) -> None:
    from shared.db import make_engine, make_sessionmaker

    url = probe_db.engine.url.set(username=app_role).render_as_string(hide_password=False)
    engine = make_engine(url, pool_size=2)
    try:
        as_app = ProbeDb(
            probe_db.schema, engine, make_sessionmaker(engine), probe_db.tables, probe_db.effects
        )
        await transaction(as_app, "staff-1", 1)
        assert await seal(as_app.sessions, audit) == 2
        await transaction(as_app, "staff-1", 2)
        connection = await asyncpg.connect(asyncpg_dsn(url))
        try:
            with pytest.raises(asyncpg.InsufficientPrivilegeError):
                await connection.execute(f"UPDATE \"{probe_db.schema}\".audit_pending SET actor = 'x'")
        finally:
            await connection.close()
    finally:
        await engine.dispose()
    assert await counts(probe_db, audit) == (2, 2)


async def test_downgrading_refuses_while_entries_wait_to_be_sealed(
    probe_db: ProbeDb, audit: AuditTables
) -> None:
    await transaction(probe_db, "staff-1", 1)
    source = MigrationSource(probe_db.schema, MIGRATIONS)
    url = probe_db.engine.url.render_as_string(hide_password=False)
    with pytest.raises(Exception, match="waiting to be sealed"):
        await migrations.downgrade(source, url, "probe_0003")
    await seal(probe_db.sessions, audit)
    await migrations.downgrade(source, url, "probe_0003")
    await migrations.upgrade(source, url)


@pytest.mark.parametrize("count", [2, 150])  # a request with a few entries, an import with many
async def test_entries_written_with_the_events_all_land_in_order_and_roll_back_with_them(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey, count: int
) -> None:
    contract = probe_contract(f"audit.{uuid.uuid4().hex[:8]}")

    async def request(commit: bool) -> None:
        async with probe_db.uow() as uow:
            for n in range(count):
                uow.outbox.add(contract(partition_key="k", sequence=n), key="k")
                uow.audit.record("probe.step", object_id=f"o-{n}", details={"n": n})
            if commit:
                await uow.commit()

    await request(commit=False)
    await request(commit=True)
    async with probe_db.sessions() as session:
        outbox = probe_db.tables.outbox
        events = (await session.scalars(select(outbox.c.payload).order_by(outbox.c.id))).all()
        pending = (await session.scalars(select(audit.pending.c.details).order_by(audit.pending.c.id))).all()
    assert [e["sequence"] for e in events] == list(range(count))
    assert [d["n"] for d in pending] == list(range(count))
    await seal(probe_db.sessions, audit)
    report = await verify(probe_db, audit, key)
    assert report.intact and report.entries == count
