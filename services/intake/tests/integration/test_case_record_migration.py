"""The timeline becomes the case record (intake_0004) without losing a row, and comes back whole.

Rows are written into the old ``timeline`` table as the old code wrote them; after the upgrade the
API shows exactly what the old view rendered from them, and the downgrade restores every column of
every row, entries recorded after the upgrade included.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from intake.testing import seal_audit_trail
from intake.views.complaint_models import TimelineEntry
from shared import migrations
from shared.service import discover_services
from shared.web.auth import Role

SPEC = discover_services()["intake"]
AT = dt.datetime(2026, 9, 16, 9, 0, tzinfo=dt.UTC)
CENTRE_CASE = uuid.uuid4()


async def _execute(url: str, sql: str, rows: list[dict[str, Any]] | None = None) -> None:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(sql), rows or {})
    finally:
        await engine.dispose()


async def _fetch(url: str, sql: str) -> list[dict[str, Any]]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return [dict(row) for row in (await connection.execute(text(sql))).mappings()]
    finally:
        await engine.dispose()


async def _skeleton_complaint(url: str) -> uuid.UUID:
    complaint_id = uuid.uuid4()
    party = json.dumps({"kind": "organisation", "name": "杭州某某科技有限公司"}, ensure_ascii=False)
    await _execute(
        url,
        "INSERT INTO intake.complaints (id, ip_type, right_number, complainant, respondents, facts, "
        "requested_procedure, status, received_at) VALUES (:id, 'invention_patent', 'ZL202310000001.5', "
        "CAST(:party AS jsonb), CAST(:parties AS jsonb), '事实', 'adjudication', 'RECEIVED', :at)",
        [{"id": complaint_id, "party": party, "parties": f"[{party}]", "at": AT}],
    )
    return complaint_id


def _entry(complaint_id: uuid.UUID, minute: int, name: str, actor: str, **fields: Any) -> dict[str, Any]:
    return {
        "complaint_id": complaint_id,
        "at": AT + dt.timedelta(minutes=minute),
        "name": name,
        "actor": actor,
        "subject": fields.get("subject", "complaint"),
        "subject_id": fields.get("subject_id"),
        "summary": fields.get("summary", f"{name} happened"),
        "summary_zh": fields.get("summary_zh", f"{name}（中文）"),
        "data": json.dumps(fields.get("data", {}), ensure_ascii=False),
    }


def _old_timeline(complaint_id: uuid.UUID, other_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every shape of entry the old code wrote: actors, subjects, transitions, a deadline note."""
    return [
        _entry(complaint_id, 0, "ComplaintRegistered", "staff-7", data={"channel": "online"}),
        _entry(other_id, 0, "ComplaintRegistered", "staff-8", data={"channel": "walk_in"}),
        _entry(complaint_id, 1, "RightsVerified", "system", data={"results": ["unknown"]}),
        _entry(complaint_id, 1, "Deleted", "system"),
        _entry(
            complaint_id,
            2,
            "ComplaintAccepted",
            "system",
            data={"from": "RECEIVED", "to": "ACCEPTED", "findings": ["right_unverified"]},
        ),
        _entry(complaint_id, 3, "CentreCaseOpened", "system", subject="centre_case", subject_id=CENTRE_CASE),
        _entry(
            complaint_id,
            4,
            "ExaminerAssigned",
            "王审查",
            subject="centre_case",
            subject_id=CENTRE_CASE,
            data={"from": "TRIAGED", "to": "OPINION_DRAFTING"},
        ),
        _entry(
            complaint_id, 5, "DeadlinePassed", "system", subject_id=complaint_id, summary="Deadline passed: x"
        ),
        _entry(
            complaint_id,
            6,
            "CaseOpened",
            "system:adjudication",
            data={"service": "adjudication", "case_no": "AD2026-1", "case_id": str(uuid.uuid4())},
        ),
        _entry(complaint_id, 7, "CaseConcluded", "system:system", data={"result": "odd but kept"}),
    ]


async def test_the_timeline_moves_into_the_case_record_and_back_without_losing_a_row(
    database_url: str, start_intake: Any
) -> None:
    await migrations.downgrade(SPEC, database_url, "intake_0003")
    complaint_id, other_id = await _skeleton_complaint(database_url), await _skeleton_complaint(database_url)
    await _execute(
        database_url,
        "INSERT INTO intake.timeline (complaint_id, at, name, actor, subject, subject_id, summary,"
        " summary_zh, data) VALUES (:complaint_id, :at, :name, :actor, :subject, :subject_id, :summary,"
        " :summary_zh, CAST(:data AS jsonb))",
        _old_timeline(complaint_id, other_id),
    )
    await _execute(database_url, "DELETE FROM intake.timeline WHERE name = 'Deleted'")  # a gap in the ids
    before = await _fetch(database_url, "SELECT * FROM intake.timeline ORDER BY id")
    shown_before = [_shown(row) for row in before if row["complaint_id"] == complaint_id]

    await migrations.upgrade(SPEC, database_url)

    record = await _fetch(database_url, "SELECT * FROM intake.case_record ORDER BY id")
    assert [r["id"] for r in record] == [r["id"] for r in before]
    assert {(r["actor_kind"], r["actor_id"]) for r in record} == {
        ("staff", "staff-7"),
        ("staff", "staff-8"),
        ("system", "system"),
        ("staff", "王审查"),
        ("service", "adjudication"),
        ("service", "system"),
    }
    assert {r["aggregate_type"] for r in record} == {"complaint"}
    moved = next(r for r in record if r["action"] == "ComplaintAccepted")
    assert (moved["from_state"], moved["to_state"]) == ("RECEIVED", "ACCEPTED")

    intake = await start_intake()
    client = intake.client(Role.STAFF, subject="staff-9")
    timeline = f"/v1/complaints/{complaint_id}/timeline"
    assert (await client.get(timeline)).json()["items"] == shown_before
    withdrawn = await client.post(f"/v1/complaints/{complaint_id}/withdrawal", json={"reason": "已和解"})
    assert withdrawn.status_code == 200, withdrawn.text
    shown_after = (await client.get(timeline)).json()["items"]
    assert shown_after[:-1] == shown_before and shown_after[-1]["name"] == "ComplaintWithdrawn"
    await intake.stop()
    await seal_audit_trail(database_url)  # the downgrade refuses while entries wait (issue 12)

    await migrations.downgrade(SPEC, database_url, "intake_0003")

    restored = await _fetch(database_url, "SELECT * FROM intake.timeline ORDER BY id")
    assert restored[: len(before)] == before
    assert [_shown(row) for row in restored if row["complaint_id"] == complaint_id] == shown_after
    await migrations.upgrade(SPEC, database_url)
    again = await _fetch(database_url, "SELECT id, action FROM intake.case_record ORDER BY id")
    assert [(r["id"], r["action"]) for r in again] == [(r["id"], r["name"]) for r in restored]


def _shown(row: dict[str, Any]) -> dict[str, Any]:
    """An old timeline row as the old view showed it."""
    return TimelineEntry.model_validate(row).model_dump(mode="json")
