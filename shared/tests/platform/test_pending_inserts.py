"""Rows queued for the commit: written by the commit's one statement with the outbox, in the order
queued, or not at all when the unit of work rolls back."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import asyncpg
import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import DBAPIError

from shared.pending_inserts import rows_json
from shared.testing.probe import ProbeDb, probe_contract


def rows(partition_key: str, *sequences: int) -> list[dict[str, object]]:
    return [{"event_id": str(uuid.uuid4()), "partition_key": partition_key, "sequence": n} for n in sequences]


async def test_queued_rows_and_events_are_written_by_one_statement_in_queued_order(probe_db: ProbeDb) -> None:
    contract = probe_contract(f"probe-{uuid.uuid4().hex[:8]}")
    statements: list[str] = []

    def seen(*args: object) -> None:
        statements.append(str(args[2]))

    engine = probe_db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        async with probe_db.uow() as uow:
            uow.inserts.add(probe_db.effects, rows("a", 3, 1))
            uow.inserts.add(probe_db.effects, rows("b", 2))
            uow.outbox.add(contract(partition_key="a", sequence=1), key="a")
            await uow.commit()
    finally:
        event.remove(engine, "before_cursor_execute", seen)

    assert len(statements) == 1, statements
    assert await probe_db.effects_for() == [3, 1, 2]
    assert await probe_db.count(probe_db.tables.outbox) == 1


async def _count_begins(probe_db: ProbeDb, monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Every ``BEGIN`` the asyncpg driver is asked for, counted (from after the engine's first
    connection, whose dialect setup runs in a transaction of its own)."""
    async with probe_db.sessions() as session:
        await session.execute(select(1))
    begun: list[int] = []
    original = asyncpg.Connection.transaction

    def counted(self: asyncpg.Connection, **kwargs: object) -> object:
        begun.append(1)
        return original(self, **kwargs)

    monkeypatch.setattr(asyncpg.Connection, "transaction", counted)
    return begun


async def test_a_unit_of_work_that_only_writes_at_commit_is_one_statement_without_begin_or_commit(
    probe_db: ProbeDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    contract = probe_contract(f"probe-{uuid.uuid4().hex[:8]}")
    begun = await _count_begins(probe_db, monkeypatch)
    async with probe_db.uow() as uow:
        uow.inserts.add(probe_db.effects, rows("a", 1, 2))
        uow.outbox.add(contract(partition_key="a", sequence=1), key="a")
        await uow.commit()
    during = len(begun)

    assert during == 0, "the commit's one statement was its own transaction"
    assert await probe_db.effects_for() == [1, 2]
    assert await probe_db.count(probe_db.tables.outbox) == 1


async def test_after_another_statement_the_commit_statement_is_in_the_transaction(
    probe_db: ProbeDb, monkeypatch: pytest.MonkeyPatch
) -> None:
    begun = await _count_begins(probe_db, monkeypatch)
    async with probe_db.uow() as uow:
        await uow.session.execute(select(1))
        uow.inserts.add(probe_db.effects, rows("a", 3))
        await uow.commit()
    during = len(begun)

    assert during == 1
    assert await probe_db.effects_for() == [3]


async def test_a_commit_statement_that_fails_writes_nothing(probe_db: ProbeDb) -> None:
    async with probe_db.uow() as uow:
        uow.inserts.add(probe_db.effects, rows("a", 4))
        uow.inserts.add(
            probe_db.effects, [{"event_id": str(uuid.uuid4()), "partition_key": "a", "sequence": "x"}]
        )
        with pytest.raises(DBAPIError):
            await uow.commit()
    async with probe_db.uow() as uow:
        uow.inserts.add(probe_db.effects, rows("a", 5))
        await uow.commit()

    assert await probe_db.effects_for() == [5], "the failed statement's first insert was undone with it"


async def test_a_rolled_back_unit_of_work_writes_none_of_its_queued_rows(probe_db: ProbeDb) -> None:
    async with probe_db.uow() as uow:
        uow.inserts.add(probe_db.effects, rows("a", 1))
        await uow.session.execute(select(1))
    async with probe_db.uow() as uow:
        uow.inserts.add(probe_db.effects, rows("a", 2))
        await uow.commit()

    assert await probe_db.effects_for() == [2], "the first unit of work ended without a commit"


async def test_a_column_no_row_names_keeps_its_default(probe_db: ProbeDb) -> None:
    async with probe_db.uow() as uow:
        uow.inserts.add(probe_db.effects, rows("a", 7))  # no "id": the identity numbers it
        await uow.commit()
    async with probe_db.sessions() as session:
        ids = (await session.scalars(select(probe_db.effects.c.id))).all()
    assert len(ids) == 1 and ids[0] is not None


def test_instants_keep_their_offset_and_a_naive_one_is_taken_as_utc() -> None:
    shanghai = dt.timezone(dt.timedelta(hours=8))
    encoded = json.loads(
        rows_json(
            [{"at": dt.datetime(2026, 12, 6, 8, tzinfo=shanghai), "naive": dt.datetime(2026, 12, 6, 0)}]
        )
    )
    assert encoded == [{"at": "2026-12-06T08:00:00+08:00", "naive": "2026-12-06T00:00:00+00:00"}]
