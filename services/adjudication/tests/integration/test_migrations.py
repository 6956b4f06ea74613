"""The service's migrations on a fresh database: upgrade, a case from before 0003, downgrade, upgrade."""

from __future__ import annotations

import datetime as dt
import json
import os
import uuid
from typing import Any

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from adjudication.adapters.repository import CaseRepository
from shared import migrations
from shared.db import make_engine, make_sessionmaker
from shared.service import discover_services
from shared.testing.plugin import create_database


async def test_migrations_upgrade_keep_older_cases_and_downgrade_cleanly(postgres: Any) -> None:
    name = f"ipcase_migrations_{uuid.uuid4().hex[:8]}"
    await create_database(postgres, name)
    url = postgres.url(name)
    spec = discover_services()["adjudication"]

    await migrations.upgrade(spec, url, "adjudication_0002")
    case_id = await _insert_skeleton_case(url)
    await migrations.upgrade(spec, url)
    assert await migrations.current_revision(spec, url) == "adjudication_h6_search_text"

    engine = make_engine(url, pool_size=1)
    try:
        async with make_sessionmaker(engine)() as session:
            case = await CaseRepository(session).get(case_id)
        assert (case.state.value, case.respondents[0].party_id) == ("SUBMITTED", "respondent-1")
        assert case.office_code == _deployment_office()  # backfilled: the office the service runs for
    finally:
        await engine.dispose()
    assert {"audit_log", "audit_head"} <= await _tables(url)

    # 0006 and 0005 down: the office columns and the audit trail go, the cases stay.
    await migrations.downgrade(spec, url, "adjudication_0004")
    assert not await _tables(url) & {"audit_log", "audit_head"}
    assert "office_code" not in await _columns(url, "cases")
    assert "office_code" not in await _columns(url, "penalty_cases")
    await migrations.upgrade(spec, url)
    assert "office_code" in await _columns(url, "cases")

    await migrations.downgrade(spec, url, "adjudication_0002")
    assert await _tables(url) >= {"cases", "timers"}
    assert not await _tables(url) & {"case_events", "case_record", "hearing_bookings", "penalty_cases"}
    await migrations.upgrade(spec, url)
    assert {"case_record", "hearing_bookings", "penalty_cases"} <= await _tables(url)


async def test_the_search_text_migration_adds_facts_places_and_products_of_existing_cases(
    postgres: Any,
) -> None:
    name = f"ipcase_migrations_{uuid.uuid4().hex[:8]}"
    await create_database(postgres, name)
    url = postgres.url(name)
    spec = discover_services()["adjudication"]
    await migrations.upgrade(spec, url, "adjudication_0002")
    case_id = await _insert_skeleton_case(url)
    await migrations.upgrade(spec, url, "adjudication_h5_penalty_laws")
    file = {
        "facts": "在 杭州 销售Ｘ１电动牙刷",
        "infringement_locations": ["杭州某商场"],
        "decision": {"stop_order": {"products": ["X1型 牙刷"]}},
    }
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            before = await connection.scalar(
                text(
                    "UPDATE adjudication.cases SET file = CAST(:file AS jsonb) WHERE id = :id "
                    "RETURNING search_text"
                ),
                {"file": json.dumps(file), "id": case_id},
            )
        await migrations.upgrade(spec, url)
        async with engine.connect() as connection:
            after = await connection.scalar(
                text("SELECT search_text FROM adjudication.cases WHERE id = :id"), {"id": case_id}
            )
            indexes = await connection.scalar(
                text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_cases_search_text'")
            )
        assert after == f"{before} 在杭州销售X1电动牙刷 杭州某商场 X1型牙刷".strip() and indexes == 1
        await migrations.downgrade(spec, url, "adjudication_h5_penalty_laws")
        async with engine.connect() as connection:
            indexes = await connection.scalar(
                text("SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_cases_search_text'")
            )
        assert indexes == 0
    finally:
        await engine.dispose()


async def _insert_skeleton_case(url: str) -> uuid.UUID:
    case_id = uuid.uuid4()
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO adjudication.cases (id, case_no, complaint_id, complaint_reference, ip_type,"
                    " patent_number, requester, respondents, state, opened_at)"
                    " VALUES (:id, 'AD2026-000001', :complaint, 'TS1', 'invention_patent', 'ZL1',"
                    " :requester, :respondents, 'SUBMITTED', :at)"
                ),
                {
                    "id": case_id,
                    "complaint": uuid.uuid4(),
                    "requester": '{"kind": "organisation", "name": "甲公司", "credit_code": null}',
                    "respondents": '[{"kind": "organisation", "name": "乙公司", "credit_code": null}]',
                    "at": dt.datetime.now(dt.UTC),
                },
            )
    finally:
        await engine.dispose()
    return case_id


def _deployment_office() -> str:
    configured = (v.strip() for k, v in os.environ.items() if k.upper() == "OFFICE_CODE" and v.strip())
    return next(configured, "000000")


async def _columns(url: str, table: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text(
                    "SELECT column_name FROM information_schema.columns"
                    " WHERE table_schema = 'adjudication' AND table_name = :table"
                ),
                {"table": table},
            )
            return {row.column_name for row in rows}
    finally:
        await engine.dispose()


async def _tables(url: str) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = 'adjudication'")
            )
            return {row.tablename for row in rows}
    finally:
        await engine.dispose()
