"""The case-record migration (credit_0004) with rows in the old tables: up, read, down, nothing lost.

Old history rows (a person and the system acting, notes, documents, provisions tagged [U] and [P],
ids with gaps) and a commitment's history are written at credit_0003, migrated up, read through
the views exactly as the old code rendered them, then migrated down again and compared with what
was written, column by column.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, async_sessionmaker, create_async_engine

from credit.adapters.orm import messaging
from credit.rules import load_credit_rules
from credit.views.commitments import CommitmentViews
from credit.views.records import RecordViews
from shared import migrations
from shared.identity.principals import Principal, Role
from shared.local_time import local_iso
from shared.service import discover_services

SPEC = discover_services()["credit"]
BEFORE = "credit_0003"
AT = dt.datetime(2026, 9, 1, 1, 30, tzinfo=dt.UTC)
RECORD, SUBJECT, COMMITMENT = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
PROVISIONS = [
    {
        "instrument": "市场监督管理严重违法失信名单管理办法 (SAMR Order 44)",
        "article": "art. 9 (believed) [U]",
    },
    {"instrument": "国家知识产权局知识产权信用管理规定", "article": "dishonest behaviour item 6 [P]"},
    {"instrument": "专利法", "article": "68"},
]
DOCUMENT = {"title": "拟列入告知书", "doc_no": "浙知信告〔2026〕1号", "uri": None, "sha256": None}
OFFICER = {"id": "officer-1", "roles": ["credit_officer"]}
TIMER = {"id": "system:timer", "roles": []}
JSONB = {
    "underlying_decision",
    "origin",
    "legal_basis",
    "actor",
    "documents",
    "details",
    "history",
    "payload",
    "rule",
}
HISTORY = [  # id, event, from, to, actor, at, legal basis, documents, note, details
    (3, "CandidateRegistered", None, "CANDIDATE", {"id": "system:/ipcase/330100/adjudication", "roles": []},
     AT, PROVISIONS, [], None, {"source": "adjudication.performance_refused", "reference": "case-1"}),
    (7, "NoticeIssued", "CANDIDATE", "NOTICE_OF_PROPOSED_LISTING", OFFICER, AT + dt.timedelta(days=1),
     PROVISIONS[:1], [DOCUMENT], "served by post", {"served_on": "2026-09-02", "reasons": "拒不履行"}),
    (8, "StatementFiled", "NOTICE_OF_PROPOSED_LISTING", "NOTICE_OF_PROPOSED_LISTING", OFFICER,
     AT + dt.timedelta(days=3, microseconds=250), [], [], None, {"kind": "defence", "late": False}),
    (12, "NoticeWindowClosed", "NOTICE_OF_PROPOSED_LISTING", "NOTICE_OF_PROPOSED_LISTING", TIMER,
     AT + dt.timedelta(days=9), [], [], None, {"hearing_pending": False}),
]  # fmt: skip
COMMITMENT_HISTORY: list[dict[str, Any]] = [
    {"event": "CommitmentMade", "actor": OFFICER, "at": "2026-08-01T02:00:00+00:00",
     "details": {"made_on": "2026-08-01", "verification_due": "2026-09-01"}, "documents": [DOCUMENT]},
    {"event": "VerificationDueSoon", "actor": TIMER, "at": "2026-08-27T16:00:00.123456+00:00",
     "details": {"verification_due": "2026-09-01"}, "documents": []},
    {"event": "CommitmentFulfilled", "actor": OFFICER, "at": "2026-08-31T03:04:05+00:00",
     "details": {"verified_on": "2026-08-31", "findings": "属实"}, "documents": []},
]  # fmt: skip


@pytest_asyncio.fixture
async def engine(private_database: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(private_database)
    yield engine
    await engine.dispose()


async def test_history_rows_survive_the_case_record_up_and_down(
    private_database: str, engine: AsyncEngine
) -> None:
    await migrations.downgrade(SPEC, private_database, BEFORE)
    await _write_old_rows(engine)
    written = await _old_rows(engine)

    await migrations.upgrade(SPEC, private_database)
    rows = await _case_record(engine)
    assert [(r["id"], r["action"]) for r in rows if r["aggregate_type"] == "credit_record"] == [
        (h[0], h[1]) for h in HISTORY
    ]
    assert [r["action"] for r in rows if r["aggregate_type"] == "credit_commitment"] == [
        e["event"] for e in COMMITMENT_HISTORY
    ]
    first, notice = rows[0], rows[1]
    assert (first["actor_kind"], first["transition"], notice["actor_kind"], notice["transition"]) == (
        "system", None, "person", "notify"
    )  # fmt: skip
    assert [p["confidence"] for p in first["legal_basis"]] == ["U", "P", "V"]
    assert notice["details"]["note"] == "served by post"
    await _read_as_before(engine)

    await migrations.downgrade(SPEC, private_database, BEFORE)
    assert await _old_rows(engine) == written
    await migrations.upgrade(SPEC, private_database)


async def test_armed_timers_and_missed_duties_become_tracked_deadlines(
    private_database: str, engine: AsyncEngine
) -> None:
    await migrations.downgrade(SPEC, private_database, BEFORE)
    await _write_old_rows(engine, overdue=["withdrawal"])
    async with engine.begin() as connection:
        for name, status in (
            ("publication", "scheduled"),
            ("publication.warning", "fired"),
            ("withdrawal", "fired"),
        ):
            due_at = dt.datetime(2026, 10, 9, 16, tzinfo=dt.UTC)  # 24:00 on 9 October in Beijing
            await _insert(
                connection,
                "timers",
                aggregate_id=str(RECORD),
                name=name,
                kind="credit.publication_due",
                due_at=due_at,
                status=status,
                payload={},
                explanation="due: 2026-10-09",
                rule=_rule(),
            )

    await migrations.upgrade(SPEC, private_database)
    async with engine.connect() as connection:
        deadlines = await connection.scalar(
            text("SELECT deadlines FROM credit.records WHERE id = :id"), {"id": RECORD}
        )

    assert set(deadlines) == {"publication", "withdrawal"}  # the warning is not a deadline of its own
    publication = deadlines["publication"]
    assert (publication["status"], publication["kind"], publication["due"], publication["start"]) == (
        "running", "office_duty", "2026-10-09", "2026-09-10"
    )  # fmt: skip
    assert publication["basis"] and publication["confidence"] in {"V", "P", "U"}
    assert deadlines["withdrawal"]["status"] == "missed"


async def _read_as_before(engine: AsyncEngine) -> None:
    """The views render the migrated rows as the old code rendered record_history and the JSON history."""
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    national = Principal("reader", frozenset({Role.CREDIT_OFFICER}), office_code="000000")
    record = await RecordViews(sessions, load_credit_rules(), messaging.timers).record(RECORD, national)
    assert [h.model_dump(mode="json") for h in record.history] == [_as_before(h) for h in HISTORY]
    commitment = await CommitmentViews(sessions).commitment(COMMITMENT, national)
    # Issue 17: the same instants, shown in the office's zone (+08:00).
    shown = [{**e, "at": local_iso(dt.datetime.fromisoformat(e["at"]))} for e in COMMITMENT_HISTORY]
    assert commitment.history == shown


def _as_before(entry: tuple[Any, ...]) -> dict[str, Any]:
    _, event, from_state, to_state, actor, at, basis, documents, note, details = entry
    return {
        "event": event,
        "from_state": from_state,
        "to_state": to_state,
        "actor": actor["id"],
        "actor_roles": actor["roles"],
        "at": local_iso(at),  # issue 17: shown in the office's zone (+08:00), stored in UTC
        "legal_basis": basis,
        "documents": documents,
        "note": note,
        "details": details,
    }


def _rule() -> dict[str, Any]:
    return {"period": "credit.listing_publication_cnipa", "start": "2026-09-10", "province": "330000"}


async def _write_old_rows(engine: AsyncEngine, *, overdue: list[str] | None = None) -> None:
    decision = {"authority": "杭州", "doc_no": "杭市监裁〔2026〕1号", "date": "2026-08-03", "type": "x"}
    async with engine.begin() as connection:
        await _insert(
            connection,
            "subjects",
            id=SUBJECT,
            kind="organisation",
            credit_code="91330100MA27XXXX0X",
            name="杭州某某公司",
            name_normalised="杭州某某公司",
            first_seen_at=AT,
            last_seen_at=AT,
        )
        await _insert(
            connection,
            "records",
            id=RECORD,
            record_no="CR2026-000001",
            subject_id=SUBJECT,
            list_type="cnipa_dishonest",
            behaviour="refusal_to_perform",
            state="NOTICE_OF_PROPOSED_LISTING",
            underlying_decision=decision,
            basis_doc_nos=[decision["doc_no"]],
            finding="refused",
            origin={"source": "test", "reference": "1"},
            dedup_key="dedup",
            requires_notice=True,
            repair_available=True,
            legal_basis=PROVISIONS,
            overdue=overdue or [],
            created_at=AT,
            updated_at=AT,
        )
        for entry_id, event, from_state, to_state, actor, at, basis, documents, note, details in HISTORY:
            await _insert(
                connection,
                "record_history",
                id=entry_id,
                record_id=RECORD,
                event=event,
                from_state=from_state,
                to_state=to_state,
                actor=actor,
                at=at,
                legal_basis=basis,
                documents=documents,
                note=note,
                details=details,
            )
        await _insert(connection, "commitments", id=COMMITMENT, subject_id=SUBJECT, scope="专利费用减缴",
                      text="属实", made_on=dt.date(2026, 8, 1), verification_due=dt.date(2026, 9, 1),
                      status="fulfilled", verified_on=dt.date(2026, 8, 31), findings="属实", overdue=False,
                      history=COMMITMENT_HISTORY, created_at=AT)  # fmt: skip


async def _insert(connection: AsyncConnection, table: str, **values: Any) -> None:
    """A row as the old code wrote it."""
    places = [f"CAST(:{k} AS jsonb)" if k in JSONB else f":{k}" for k in values]
    params = {k: json.dumps(v) if k in JSONB else v for k, v in values.items()}
    sql = f"INSERT INTO credit.{table} ({', '.join(values)}) VALUES ({', '.join(places)})"
    await connection.execute(text(sql), params)


async def _old_rows(engine: AsyncEngine) -> dict[str, list[tuple[Any, ...]]]:
    async with engine.connect() as connection:
        history = await connection.execute(text("SELECT * FROM credit.record_history ORDER BY id"))
        commitments = await connection.execute(text("SELECT id, history FROM credit.commitments ORDER BY id"))
        return {"record_history": [tuple(r) for r in history], "commitments": [tuple(r) for r in commitments]}


async def _case_record(engine: AsyncEngine) -> list[dict[str, Any]]:
    async with engine.connect() as connection:
        rows = await connection.execute(text("SELECT * FROM credit.case_record ORDER BY id"))
        return [dict(r) for r in rows.mappings()]
