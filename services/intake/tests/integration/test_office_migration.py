"""Complaints registered before office scope belong to an office after intake_0007, and back.

A complaint whose centre is an office code belongs to that office; any other to the deployment's
office (``OFFICE_CODE``). The office's staff then find it, another office's do not; the downgrade
drops the column and the upgrade fills it again the same way.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from intake.testing import seal_audit_trail
from shared import migrations
from shared.service import discover_services
from shared.web.auth import Role

SPEC = discover_services()["intake"]


async def _execute(url: str, sql: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(text(sql), params or {})
            return [dict(row) for row in result.mappings()] if result.returns_rows else []
    finally:
        await engine.dispose()


async def _old_complaint(url: str, centre: str) -> uuid.UUID:
    complaint_id = uuid.uuid4()
    party = json.dumps({"kind": "organisation", "name": "杭州某某科技有限公司"}, ensure_ascii=False)
    await _execute(
        url,
        "INSERT INTO intake.complaints (id, ip_type, right_number, complainant, respondents, facts, "
        "requested_procedure, status, received_at, centre) VALUES (:id, 'invention_patent', "
        "'ZL202310000001.5', CAST(:party AS jsonb), CAST(:parties AS jsonb), '事实', 'adjudication', "
        "'RECEIVED', :at, :centre)",
        {
            "id": complaint_id,
            "party": party,
            "parties": f"[{party}]",
            "at": dt.datetime.now(dt.UTC),
            "centre": centre,
        },
    )
    return complaint_id


async def test_old_complaints_belong_to_their_centre_or_the_deployment_office(
    database_url: str, start_intake: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seal_audit_trail(database_url)  # audit_pending must be empty (issue 12)
    await migrations.downgrade(SPEC, database_url, "intake_0006")
    in_xihu = await _old_complaint(database_url, "330106-01")
    unnamed = await _old_complaint(database_url, "PC-HZ")
    monkeypatch.setenv("OFFICE_CODE", "440300")

    await migrations.upgrade(SPEC, database_url)
    offices = "SELECT id, office_code FROM intake.complaints WHERE id IN (:a, :b)"
    found = {
        r["id"]: r["office_code"] for r in await _execute(database_url, offices, {"a": in_xihu, "b": unnamed})
    }
    assert found == {in_xihu: "330106-01", unnamed: "440300"}

    intake = await start_intake()
    xihu, shenzhen = intake.client(Role.STAFF, office="330106"), intake.client(Role.STAFF, office="440300")
    assert (await xihu.get(f"/v1/complaints/{in_xihu}")).json()["office_code"] == "330106-01"
    assert (await shenzhen.get(f"/v1/complaints/{in_xihu}")).status_code == 403
    assert (await shenzhen.get(f"/v1/complaints/{unnamed}")).status_code == 200
    await intake.stop()

    await seal_audit_trail(database_url)  # audit_pending must be empty (issue 12)

    await migrations.downgrade(SPEC, database_url, "intake_0006")
    columns = (
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'intake' AND table_name = :t"
    )
    assert "office_code" not in {
        r["column_name"] for r in await _execute(database_url, columns, {"t": "complaints"})
    }
    assert "scan_status" not in {
        r["column_name"] for r in await _execute(database_url, columns, {"t": "evidence"})
    }
    await migrations.upgrade(SPEC, database_url)
    again = {
        r["id"]: r["office_code"] for r in await _execute(database_url, offices, {"a": in_xihu, "b": unnamed})
    }
    assert again == found
