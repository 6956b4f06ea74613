"""The audit trail against PostgreSQL: chained, append-only, and every kind of tampering detected."""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
import pytest_asyncio
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from shared import migrations
from shared.audit import trail
from shared.audit.checkpoints import Checkpointer, SigningKey, exported_checkpoints
from shared.audit.retention import RetentionPurge
from shared.audit.sealer import seal
from shared.audit.tables import AuditTables
from shared.audit.trail import AuditContext, AuditEntry, Outcome, append_entries, audit_scope
from shared.audit.verify import verify_trail
from shared.db import asyncpg_dsn
from shared.testing.probe import MIGRATIONS, MigrationSource, ProbeDb

NOW = dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def audit(probe_db: ProbeDb) -> AuditTables:
    assert probe_db.tables.audit is not None
    return probe_db.tables.audit


@pytest.fixture
def key(tmp_path: Path) -> SigningKey:
    return SigningKey.load(tmp_path / "audit.pem", create=True)


async def write_entries(probe_db: ProbeDb, count: int, *, actor: str = "staff-1") -> list[str]:
    """``count`` committed transactions, each recording one mutation, as a handler would; then the
    sealer chains them, as the worker's does shortly after."""
    object_ids = []
    for n in range(count):
        object_id = str(uuid.uuid4())
        with audit_scope(
            AuditContext(
                actor=actor,
                actor_kind="person",
                roles=("staff",),
                office_code="330106",
                action="intake.complaint.register",
                client_address="10.0.0.7",
            )
        ):
            async with probe_db.uow() as uow:
                uow.audit.record(
                    "intake.complaint.register",
                    object_type="complaint",
                    object_id=object_id,
                    details={"n": n},
                )
                await uow.commit()
        object_ids.append(object_id)
    assert probe_db.tables.audit is not None
    await seal(probe_db.sessions, probe_db.tables.audit)
    return object_ids


async def verify(probe_db: ProbeDb, audit: AuditTables, key: SigningKey, checkpoints_dir: Path | None = None):  # type: ignore[no-untyped-def]
    exported = exported_checkpoints(checkpoints_dir, audit.schema) if checkpoints_dir else []
    async with probe_db.sessions() as session:
        return await verify_trail(session, audit, exported, key.public)


async def superuser(probe_db: ProbeDb, *statements: str) -> None:
    """What someone with database superuser rights could do: switch the guard off and rewrite."""
    dsn = asyncpg_dsn(probe_db.engine.url.render_as_string(hide_password=False))
    connection = await asyncpg.connect(dsn)
    try:
        async with connection.transaction():
            await connection.execute(f'ALTER TABLE "{probe_db.schema}".audit_log DISABLE TRIGGER USER')
            for statement in statements:
                await connection.execute(statement.format(log=f'"{probe_db.schema}".audit_log'))
            await connection.execute(f'ALTER TABLE "{probe_db.schema}".audit_log ENABLE TRIGGER USER')
    finally:
        await connection.close()


async def test_entries_are_numbered_without_gaps_and_chained(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey
) -> None:
    await write_entries(probe_db, 5)
    async with probe_db.sessions() as session:
        rows = (await session.execute(select(audit.log).order_by(audit.log.c.seq))).mappings().all()

    assert [r["seq"] for r in rows] == [1, 2, 3, 4, 5]
    assert all(b["prev_hash"] == a["hash"] for a, b in itertools.pairwise(rows))
    first = rows[0]
    assert (first["actor"], first["office_code"], first["client_address"]) == (
        "staff-1",
        "330106",
        "10.0.0.7",
    )
    assert first["roles"] == ["staff"] and first["outcome"] == "succeeded"
    assert (await verify(probe_db, audit, key)).intact


async def test_concurrent_transactions_still_make_one_gap_free_chain(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey
) -> None:
    await asyncio.gather(*(write_entries(probe_db, 3, actor=f"staff-{n}") for n in range(8)))
    report = await verify(probe_db, audit, key)
    assert report.entries == 24 and report.intact


async def test_a_rolled_back_transaction_leaves_no_entry_and_no_gap(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey
) -> None:
    await write_entries(probe_db, 1)
    async with probe_db.uow() as uow:
        uow.audit.record("x.y", object_type="complaint", object_id="abandoned")
        await uow.rollback()
    await write_entries(probe_db, 1)
    report = await verify(probe_db, audit, key)
    assert report.entries == 2 and report.intact


@pytest.mark.parametrize(
    ("statement", "kind", "seq"),
    [
        ("UPDATE {log} SET actor = 'someone-else' WHERE seq = 3", "edited", 3),
        ("UPDATE {log} SET details = '{{\"n\": 99}}' WHERE seq = 4", "edited", 4),
        ("DELETE FROM {log} WHERE seq = 3", "deleted", 3),
        ("DELETE FROM {log} WHERE seq = 6", "rebuilt", 6),  # the newest entry, sealed by a checkpoint
    ],
)
async def test_editing_or_deleting_an_entry_is_found_at_that_entry(
    probe_db: ProbeDb,
    audit: AuditTables,
    key: SigningKey,
    tmp_path: Path,
    statement: str,
    kind: str,
    seq: int,
) -> None:
    await write_entries(probe_db, 6)
    await Checkpointer(
        service=audit.schema,
        sessions=probe_db.sessions,
        tables=audit,
        key=lambda: key,
        directory=tmp_path,
        interval=dt.timedelta(hours=1),
    ).checkpoint()
    await superuser(probe_db, statement)

    report = await verify(probe_db, audit, key, tmp_path)
    assert not report.intact
    assert report.first is not None and (report.first.seq, report.first.kind) == (seq, kind)


async def test_reordering_entries_is_found(probe_db: ProbeDb, audit: AuditTables, key: SigningKey) -> None:
    await write_entries(probe_db, 5)
    # Swap entries 2 and 3 whole (hashes included): each is intact alone, the chain is not.
    swap = (
        "UPDATE {log} SET seq = -2 WHERE seq = 2",
        "UPDATE {log} SET seq = 2 WHERE seq = 3",
        "UPDATE {log} SET seq = 3 WHERE seq = -2",
    )
    await superuser(probe_db, *swap)

    report = await verify(probe_db, audit, key)
    assert report.first is not None and report.first.seq == 2 and report.first.kind in {"reordered", "edited"}


async def test_a_truncated_and_rebuilt_chain_is_caught_by_the_exported_checkpoints(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey, tmp_path: Path
) -> None:
    await write_entries(probe_db, 4)
    checkpointer = Checkpointer(
        service=audit.schema,
        sessions=probe_db.sessions,
        tables=audit,
        key=lambda: key,
        directory=tmp_path,
        interval=dt.timedelta(hours=1),
    )
    assert await checkpointer.checkpoint() is not None
    # The forger wipes everything, resets the head and writes a clean-looking history of their own.
    await superuser(
        probe_db,
        "TRUNCATE {log}",
        f'DELETE FROM "{probe_db.schema}".audit_checkpoints',
        f"UPDATE \"{probe_db.schema}\".audit_head SET seq = 0, hash = '{'0' * 64}'",
    )
    await write_entries(probe_db, 4, actor="forger")

    assert (await verify(probe_db, audit, key)).intact, "without the exported checkpoints it looks fine"
    report = await verify(probe_db, audit, key, tmp_path)
    assert report.first is not None and (report.first.seq, report.first.kind) == (4, "rebuilt")


async def test_a_checkpoint_signed_by_another_key_is_reported(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey, tmp_path: Path
) -> None:
    await write_entries(probe_db, 2)
    other = SigningKey.load(tmp_path / "other.pem", create=True)
    await Checkpointer(
        service=audit.schema,
        sessions=probe_db.sessions,
        tables=audit,
        key=lambda: other,
        directory=tmp_path,
        interval=dt.timedelta(hours=1),
    ).checkpoint()
    report = await verify(probe_db, audit, key, tmp_path)
    assert report.first is not None and report.first.kind == "forged_checkpoint"


@pytest.mark.parametrize("statement", ["UPDATE {log} SET actor = 'x'", "DELETE FROM {log}", "TRUNCATE {log}"])
async def test_the_log_refuses_changes_even_from_its_owner(probe_db: ProbeDb, statement: str) -> None:
    await write_entries(probe_db, 1)
    dsn = asyncpg_dsn(probe_db.engine.url.render_as_string(hide_password=False))
    connection = await asyncpg.connect(dsn)
    try:
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="append-only"):
            await connection.execute(statement.format(log=f'"{probe_db.schema}".audit_log'))
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


@pytest.mark.parametrize("statement", ["UPDATE {log} SET actor = 'x'", "DELETE FROM {log}", "TRUNCATE {log}"])
async def test_the_application_role_cannot_rewrite_the_log(
    probe_db: ProbeDb, app_role: str, statement: str
) -> None:
    await write_entries(probe_db, 1)
    url = probe_db.engine.url.set(username=app_role)
    connection = await asyncpg.connect(asyncpg_dsn(url.render_as_string(hide_password=False)))
    try:
        assert await connection.fetchval(f'SELECT count(*) FROM "{probe_db.schema}".audit_log') == 1
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await connection.execute(statement.format(log=f'"{probe_db.schema}".audit_log'))
        with pytest.raises(asyncpg.InsufficientPrivilegeError):
            await connection.fetchval(f"SELECT \"{probe_db.schema}\".audit_purge(now() - interval '1 year')")
    finally:
        await connection.close()


async def test_retention_keeps_180_days_and_what_remains_still_verifies(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey, tmp_path: Path
) -> None:
    long_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    async with probe_db.sessions() as session, session.begin():
        old = [AuditEntry(action="a.b", outcome=Outcome.SUCCEEDED, occurred_at=long_ago) for _ in range(3)]
        await append_entries(session, audit, old)
    checkpointer = Checkpointer(
        service=audit.schema,
        sessions=probe_db.sessions,
        tables=audit,
        key=lambda: key,
        directory=tmp_path,
        interval=dt.timedelta(hours=1),
    )
    await checkpointer.checkpoint()
    await write_entries(probe_db, 2)

    assert (
        await RetentionPurge(
            sessions=probe_db.sessions, tables=audit, retention=dt.timedelta(days=500)
        ).purge()
        == 0
    )
    assert (
        await RetentionPurge(
            sessions=probe_db.sessions, tables=audit, retention=dt.timedelta(days=180)
        ).purge()
        == 3
    )
    report = await verify(probe_db, audit, key, tmp_path)
    assert report.entries == 2 and report.intact, report.problems
    with pytest.raises(DBAPIError, match="at least 180 days"):
        async with probe_db.sessions() as session, session.begin():
            await session.execute(text(f"SELECT \"{audit.schema}\".audit_purge(now() - interval '10 days')"))


@pytest.fixture
def sm3() -> Iterator[None]:
    trail.configure("sm3")
    yield
    trail.configure("sha256")


async def test_the_chain_can_use_sm3(
    probe_db: ProbeDb, audit: AuditTables, key: SigningKey, sm3: None
) -> None:
    await write_entries(probe_db, 3)
    async with probe_db.sessions() as session:
        algorithms = set((await session.scalars(select(audit.log.c.hash_alg))).all())
    assert algorithms == {"sm3"}
    assert (await verify(probe_db, audit, key)).intact


async def test_a_refusal_is_recorded_as_denied(probe_db: ProbeDb, audit: AuditTables) -> None:
    async with probe_db.uow() as uow:
        uow.audit.record(
            "adjudication.case.decide", outcome=Outcome.DENIED, object_type="case", object_id="c1"
        )
        await uow.commit()
    await seal(probe_db.sessions, audit)
    async with probe_db.sessions() as session:
        assert await session.scalar(select(audit.log.c.outcome)) == "denied"
