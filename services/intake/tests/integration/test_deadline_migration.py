"""Deadlines the work queue showed before the records tracked them (intake_0005) are tracked after it.

The records are made through the API at the head revision; going down to intake_0004 leaves the
bodies as the old code wrote them (no tracked deadlines) and the queue rows in place. Going up
again tracks each row's deadline on its record, close to what the code itself tracked, and a step
taken afterwards meets it: its queue row closes and its timer is cancelled.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from intake.testing import complaint_body, seal_audit_trail
from shared import migrations
from shared.service import discover_services
from shared.testing.refs import random_name
from shared.web.auth import Role

SPEC = discover_services()["intake"]
BODIES = "SELECT id, body FROM {table} ORDER BY id"
RECORDS = ("intake.complaints", "intake.centre_cases")
EXACT = ("key", "period", "kind", "due", "status", "explanation", "provisional", "party_id", "met_on")


async def _bodies(url: str) -> dict[str, dict[str, Any]]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            found: dict[str, dict[str, Any]] = {}
            for table in RECORDS:
                rows = await connection.execute(text(BODIES.format(table=table)))
                found.update({str(row.id): row.body for row in rows if row.body is not None})
            return found
    finally:
        await engine.dispose()


async def _scalar(url: str, sql: str, **params: Any) -> Any:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            return await connection.scalar(text(sql), params)
    finally:
        await engine.dispose()


async def test_deadlines_in_the_queue_are_tracked_on_their_records_after_the_upgrade(
    database_url: str, start_intake: Any
) -> None:
    # Zhejiang: the opinion period has no figure there (a deadline with no due day), while the correction
    # period has its bundled default (a dated one): both kinds must survive the migration.
    intake = await start_intake(office_code="330100")
    client = intake.client(Role.STAFF)
    held = await client.post(
        "/v1/complaints",
        json=complaint_body(
            ip_type="utility_model", complainant={"kind": "organisation", "name": random_name()}
        ),
    )
    platform = (await client.post("/v1/complaints", json=complaint_body(channel="ecommerce_platform"))).json()
    (case_id,) = (await client.get(f"/v1/complaints/{platform['id']}/workflows")).json()["centre_cases"]
    queue = (await client.get("/v1/queue")).json()
    await intake.stop()
    tracked = {r: body["deadlines"] for r, body in (await _bodies(database_url)).items() if body["deadlines"]}
    assert tracked[held.json()["id"]]["correction"]["due"] is not None
    assert tracked[case_id]["opinion"]["due"] is None

    await seal_audit_trail(database_url)  # audit_pending must be empty (issue 12)

    await migrations.downgrade(SPEC, database_url, "intake_0004")
    as_the_old_code_wrote_them = await _bodies(database_url)
    assert not any("deadlines" in body for body in as_the_old_code_wrote_them.values())

    await migrations.upgrade(SPEC, database_url)
    migrated = {
        r: body["deadlines"] for r, body in (await _bodies(database_url)).items() if "deadlines" in body
    }
    assert migrated.keys() == tracked.keys()
    for record, deadlines in tracked.items():
        assert deadlines.keys() == migrated[record].keys()
        for key, deadline in deadlines.items():
            assert {f: migrated[record][key][f] for f in EXACT} == {f: deadline[f] for f in EXACT}
    await seal_audit_trail(database_url)  # audit_pending must be empty (issue 12)
    await migrations.downgrade(SPEC, database_url, "intake_0004")
    assert await _bodies(database_url) == as_the_old_code_wrote_them
    await migrations.upgrade(SPEC, database_url)

    intake = await start_intake(office_code="330100")
    client = intake.client(Role.STAFF)
    assert (await client.get("/v1/queue")).json()["items"] == queue["items"]
    await client.put("/v1/examiners/ex-1", json={"name": "赵审查", "centre": "330100", "interests": []})
    await client.post(f"/v1/centre-cases/{case_id}/assignment", json={"examiner_id": "ex-1"})
    examiner = intake.client(Role.STAFF, subject="ex-1")  # the opinion is the assigned examiner's
    issued = await examiner.post(
        f"/v1/centre-cases/{case_id}/opinion", json={"conclusion": "infringing", "reasons": "近似"}
    )
    assert issued.status_code == 200, issued.text
    remaining = (await client.get("/v1/queue")).json()["items"]
    assert [i["step"] for i in remaining if i["complaint_id"] == platform["id"]] == []
    armed = "SELECT count(*) FROM intake.timers WHERE aggregate_id = :id AND status = 'scheduled'"
    assert await _scalar(database_url, armed, id=case_id) == 0
