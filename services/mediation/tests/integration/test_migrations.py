"""The history and the deadlines of existing cases survive the move to the shared pieces, up and down.

A database at revision 0004 gets cases with history rows (ids with gaps, every actor kind, nested
details, transitions and facts) and deadlines with their timers; migrating to head must keep every
row and render the same history through the API's view; migrating back must give back exactly
the rows there were.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlalchemy import BigInteger, Column, DateTime, MetaData, Table, Text, insert, pool, select
from sqlalchemy.dialects.postgresql import JSONB, UUID
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine

from mediation.adapters.case_mapping import case_row
from mediation.adapters.orm import case_record, mediation_cases, messaging
from mediation.adapters.repository import MediationCaseRepository
from mediation.domain.kinds import MediationKind
from mediation.rules import MediationRules, load_confirmation_rules, load_court_directory
from mediation.testing import T0, new_case
from mediation.views import MediationViews
from mediation.views.case_models import History, HistoryEntry
from shared import migrations
from shared.case_record import CaseRecord
from shared.domain.actors import Actor
from shared.domain.events import DomainEvent
from shared.identity.principals import NATIONAL_OFFICE, Principal, Role
from shared.service import discover_services
from shared.testing.plugin import PostgresHandle, create_database

SPEC = discover_services()["mediation"]
NATIONAL_STAFF = Principal("staff-1", frozenset({Role.STAFF}), office_code=NATIONAL_OFFICE)
BEFORE = "mediation_0004"
LEGACY = MetaData(schema="mediation")
HISTORY = Table(
    "mediation_history",
    LEGACY,
    Column("id", BigInteger, primary_key=True),
    Column("case_id", UUID(as_uuid=True)),
    Column("event", Text),
    Column("occurred_at", DateTime(timezone=True)),
    Column("actor", JSONB),
    Column("from_state", Text),
    Column("to_state", Text),
    Column("details", JSONB),
    Column("correlation_id", Text),
)
TIMERS = messaging.timers


@pytest.fixture
async def database(postgres: PostgresHandle) -> AsyncIterator[AsyncEngine]:
    name = f"mediation_migration_{uuid.uuid4().hex[:8]}"
    await create_database(postgres, name)
    url = postgres.url(name)
    await migrations.upgrade(SPEC, url, BEFORE)
    engine = create_async_engine(url, poolclass=pool.NullPool)
    try:
        yield engine
    finally:
        await engine.dispose()


def history_rows(first: uuid.UUID, second: uuid.UUID) -> list[dict[str, Any]]:
    at = T0
    return [
        _row(3, first, "case_opened", at, {"kind": "court", "id": "ZJ-HZ-XH"}, None, "REQUESTED", {}),
        _row(7, second, "case_opened", at, {"kind": "service", "id": "intake"}, None, "REQUESTED", {}),
        _row(
            8,
            first,
            "mediator_assigned",
            at + dt.timedelta(hours=1),
            {"kind": "staff", "id": "staff-1"},
            None,
            None,
            {"assignment_id": str(uuid.uuid4()), "mediator_id": str(uuid.uuid4())},
            correlation_id="req-8",
        ),
        _row(
            12,
            first,
            "case_accepted",
            at + dt.timedelta(hours=2),
            {"kind": "mediator", "id": "mediator-wang"},
            "REQUESTED",
            "ACCEPTED",
            {"basis": "the organisation accepted the court's assignment (Online Rules art. 12)"},
        ),
        _row(
            13,
            first,
            "period_extended",
            at + dt.timedelta(days=3),
            {"kind": "staff", "id": "staff-2"},
            None,
            None,
            {"days": 10, "consenting_party_ids": ["a", "b"], "nested": {"list": [1, {"x": None}]}},
            correlation_id="req-13",
        ),
        _row(
            20,
            first,
            "deadline_missed",
            at + dt.timedelta(days=40),
            {"kind": "system", "id": "timer"},
            None,
            None,
            {"deadline": "court_review", "due_on": "2026-04-11"},
        ),
    ]


def _row(
    id: int,
    case_id: uuid.UUID,
    event: str,
    at: dt.datetime,
    actor: dict[str, str],
    from_state: str | None,
    to_state: str | None,
    details: dict[str, Any],
    correlation_id: str | None = None,
) -> dict[str, Any]:
    return {
        "id": id,
        "case_id": case_id,
        "event": event,
        "occurred_at": at,
        "actor": actor,
        "from_state": from_state,
        "to_state": to_state,
        "details": details,
        "correlation_id": correlation_id,
    }


LEGACY_DEADLINES = {
    "court_assignment_confirm": "2026-03-05",
    "mediation_period": "2026-04-01",
    "opinion_statement": "2026-03-17",
    "assignment.6f1c": "2026-03-05",
    "instalment.9a.1": "2026-05-06",
}


def timer_rows(case_id: uuid.UUID) -> list[dict[str, Any]]:
    def timer(name: str, kind: str, status: str, period: str, start: str) -> dict[str, Any]:
        return {
            "aggregate_id": str(case_id),
            "name": name,
            "kind": kind,
            "due_at": dt.datetime.fromisoformat(f"{LEGACY_DEADLINES[name]}T16:00:00+00:00"),
            "status": status,
            "payload": {},
            "provisional": name == "mediation_period",
            "explanation": f"due: {LEGACY_DEADLINES[name]}\n{period}",
            "rule": {"period": period, "start": start, "province": "330000", "warn_working_days": None},
        }

    return [
        timer(
            "court_assignment_confirm",
            "mediation.court_assignment_confirm",
            "cancelled",
            "mediation.mediator_confirm",
            "2026-03-02",
        ),
        timer(
            "mediation_period",
            "mediation.mediation_period",
            "scheduled",
            "mediation.court_assigned_prefiling",
            "2026-03-02",
        ),
        timer(
            "opinion_statement",
            "mediation.deadline_monitor",
            "fired",
            "mediation.patent_opinion_statement",
            "2026-03-02",
        ),
        timer(
            "assignment.6f1c",
            "mediation.assignment_answer",
            "failed",
            "mediation.mediator_confirm",
            "2026-03-02",
        ),
    ]


async def seed(engine: AsyncEngine) -> tuple[uuid.UUID, uuid.UUID, list[dict[str, Any]]]:
    cases = [new_case(MediationKind.COURT_ASSIGNED), new_case(MediationKind.PEOPLE)]
    rows = []
    for case, number in zip(cases, ("MD2026-000101", "MD2026-000102"), strict=True):
        row = case_row(case)
        row.pop("office_code")  # not a column yet at this revision (0008 adds it)
        row.pop("ruling_receipts")  # nor this one (0009 adds it)
        row.update(case_no=number, deadlines={})
        rows.append(row)
    rows[1]["office_region_code"] = "330106"  # the complaint's receiving office
    rows[0]["deadlines"] = LEGACY_DEADLINES
    history = history_rows(cases[0].id, cases[1].id)
    async with engine.begin() as connection:
        await connection.execute(insert(mediation_cases), rows)
        await connection.execute(insert(HISTORY), history)
        await connection.execute(insert(TIMERS), timer_rows(cases[0].id))
    return cases[0].id, cases[1].id, history


async def test_history_moves_into_the_case_record_and_back_without_loss(database: AsyncEngine) -> None:
    first, second, history = await seed(database)
    url = database.url.render_as_string(hide_password=False)
    views = MediationViews(async_sessionmaker(database), _rules())
    rendered = {case_id: await _rendered_by_the_old_view(database, case_id) for case_id in (first, second)}

    await migrations.upgrade(SPEC, url)

    async with database.connect() as connection:
        moved = (await connection.execute(select(case_record).order_by(case_record.c.id))).mappings().all()
    assert [r["id"] for r in moved] == [r["id"] for r in history]
    for row, old in zip(moved, history, strict=True):
        assert (row["aggregate_type"], row["aggregate_id"], row["action"]) == (
            "mediation_case",
            old["case_id"],
            old["event"],
        )
        assert {"kind": row["actor_kind"], "id": row["actor_id"]} == old["actor"]
        assert (row["actor_roles"], row["recorded_by"]) == ([], None)
        assert (row["occurred_at"], row["from_state"], row["to_state"]) == (
            old["occurred_at"],
            old["from_state"],
            old["to_state"],
        )
        assert (row["details"], row["correlation_id"]) == (old["details"], old["correlation_id"])
    for case_id in (first, second):
        assert (await views.history(case_id, NATIONAL_STAFF)).model_dump_json() == rendered[case_id]

    await _record_one_more(database, second)
    await migrations.downgrade(SPEC, url, BEFORE)

    async with database.connect() as connection:
        back = (await connection.execute(select(HISTORY).order_by(HISTORY.c.id))).mappings().all()
    assert [dict(r) for r in back[:-1]] == history
    assert back[-1]["id"] > history[-1]["id"] and back[-1]["event"] == "consent_recorded"


async def test_deadlines_become_tracked_from_their_timers_and_back(database: AsyncEngine) -> None:
    first, second, _ = await seed(database)
    url = database.url.render_as_string(hide_password=False)

    await migrations.upgrade(SPEC, url)

    async with database.connect() as connection:
        tracked = await _deadlines(connection, first)
        assert await _deadlines(connection, second) == {}
    assert {key: d["due"] for key, d in tracked.items()} == LEGACY_DEADLINES
    assert {key: d["status"] for key, d in tracked.items()} == {
        "court_assignment_confirm": "cancelled",
        "mediation_period": "running",
        "opinion_statement": "lapsed",
        "assignment.6f1c": "running",
        "instalment.9a.1": "running",  # no timer: kept open, so stopping it still disarms
    }
    assert {key: d["kind"] for key, d in tracked.items()} == {
        "court_assignment_confirm": "office_duty",
        "mediation_period": "time_limit",
        "opinion_statement": "party_period",
        "assignment.6f1c": "office_duty",
        "instalment.9a.1": "party_period",
    }
    period = tracked["mediation_period"]
    assert (period["period"], period["start"], period["provisional"]) == (
        "mediation.court_assigned_prefiling",
        "2026-03-02",
        True,
    )
    assert period["explanation"].startswith("due: 2026-04-01")
    assert tracked["instalment.9a.1"]["period"] == "" and tracked["instalment.9a.1"]["start"] == "2026-05-06"
    async with async_sessionmaker(database)() as session:
        case = await MediationCaseRepository(session).get(first, lock=False)
    assert case is not None and case.due("mediation_period") == dt.date(2026, 4, 1)

    await migrations.downgrade(SPEC, url, BEFORE)

    async with database.connect() as connection:
        assert await _deadlines(connection, first) == LEGACY_DEADLINES
        assert await _deadlines(connection, second) == {}


async def test_every_case_gets_the_office_that_opened_it(
    database: AsyncEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """0008: the complaint's receiving office where it names one, else the deployment's OFFICE_CODE."""
    first, second, _ = await seed(database)
    url = database.url.render_as_string(hide_password=False)
    monkeypatch.setenv("OFFICE_CODE", "330100")

    await migrations.upgrade(SPEC, url)

    query = select(mediation_cases.c.id, mediation_cases.c.office_code)
    async with database.connect() as connection:
        offices = {row[0]: row[1] for row in (await connection.execute(query)).all()}
    assert offices == {first: "330100", second: "330106"}
    await migrations.downgrade(SPEC, url, BEFORE)


async def test_ruling_receipts_start_empty_and_the_downgrade_drops_them(database: AsyncEngine) -> None:
    """0009: each party's receipt of the ruling (Interp. art. 372); none is invented for existing cases."""
    first, second, _ = await seed(database)
    url = database.url.render_as_string(hide_password=False)

    await migrations.upgrade(SPEC, url)

    query = select(mediation_cases.c.id, mediation_cases.c.ruling_receipts)
    async with database.connect() as connection:
        receipts = {row[0]: row[1] for row in (await connection.execute(query)).all()}
    assert receipts == {first: {}, second: {}}
    party = str(uuid.uuid4())
    async with database.begin() as connection:
        await connection.execute(
            mediation_cases.update()
            .where(mediation_cases.c.id == first)
            .values(ruling_receipts={party: "2026-03-20"})
        )
    async with async_sessionmaker(database)() as session:
        loaded = await MediationCaseRepository(session).get(first, lock=False)
    assert loaded is not None and loaded.ruling_receipts == {uuid.UUID(party): dt.date(2026, 3, 20)}

    await migrations.downgrade(SPEC, url, "mediation_0008")

    columns = "SELECT column_name FROM information_schema.columns WHERE table_schema = 'mediation'"
    async with database.connect() as connection:
        names = {
            r[0] for r in (await connection.exec_driver_sql(f"{columns} AND table_name = 'mediation_cases'"))
        }
    assert "ruling_receipts" not in names and "office_code" in names
    await migrations.downgrade(SPEC, url, BEFORE)


async def _rendered_by_the_old_view(engine: AsyncEngine, case_id: uuid.UUID) -> str:
    """What ``GET /v1/cases/{id}/history`` answered before: the history rows as the old view read them."""
    query = select(HISTORY).where(HISTORY.c.case_id == case_id).order_by(HISTORY.c.id)
    async with engine.connect() as connection:
        rows = (await connection.execute(query)).mappings().all()
    entries = [
        HistoryEntry(
            event=r["event"],
            occurred_at=r["occurred_at"],
            actor=r["actor"],
            from_state=r["from_state"],
            to_state=r["to_state"],
            details=r["details"],
        )
        for r in rows
    ]
    return History(items=entries).model_dump_json()


async def _record_one_more(engine: AsyncEngine, case_id: uuid.UUID) -> None:
    """A step after the upgrade: its row must come after every copied one."""
    async with async_sessionmaker(engine)() as session:
        event = DomainEvent(name="consent_recorded", at=T0, actor=Actor("staff", "staff-1"))
        await CaseRecord(session, case_record).append("mediation_case", case_id, [event])
        await session.commit()


async def _deadlines(connection: Any, case_id: uuid.UUID) -> dict[str, Any]:
    query = select(mediation_cases.c.deadlines).where(mediation_cases.c.id == case_id)
    found: dict[str, Any] = (await connection.execute(query)).scalar_one()
    return found


def _rules() -> MediationRules:
    return MediationRules(courts=load_court_directory(), confirmation=load_confirmation_rules())
