"""Migrations credit_0006 and credit_0007: records and commitments kept so far belong to the
deployment's office; up, down, up."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from shared import migrations
from shared.service import discover_services

SPEC = discover_services()["credit"]
AT = dt.datetime(2026, 9, 1, 2, tzinfo=dt.UTC)


async def _columns(engine: AsyncEngine, table: str = "records") -> set[str]:
    async with engine.connect() as connection:
        rows = await connection.execute(
            text(
                "SELECT column_name FROM information_schema.columns "
                "WHERE table_schema = 'credit' AND table_name = :table"
            ),
            {"table": table},
        )
        return set(rows.scalars())


async def _insert_record(engine: AsyncEngine) -> uuid.UUID:
    subject, record = uuid.uuid4(), uuid.uuid4()
    decision = {"authority": "杭州", "doc_no": "杭市监裁〔2026〕1号", "date": "2026-08-03", "type": "x"}
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO credit.subjects (id, kind, credit_code, name, name_normalised, first_seen_at, "
                "last_seen_at) VALUES (:id, 'organisation', '91330100MA27XXXX0X', '杭州某某公司', "
                "'杭州某某公司', :at, :at)"
            ),
            {"id": subject, "at": AT},
        )
        await connection.execute(
            text(
                "INSERT INTO credit.records (id, record_no, subject_id, list_type, behaviour, state, "
                "underlying_decision, basis_doc_nos, finding, origin, dedup_key, requires_notice, "
                "repair_available, legal_basis, overdue, created_at, updated_at) "
                "VALUES (:id, 'CR2026-000001', :subject, 'cnipa_dishonest', 'refusal_to_perform', "
                "'CANDIDATE', CAST(:decision AS jsonb), "
                "ARRAY[:doc_no], 'refused', CAST(:origin AS jsonb), 'dedup', true, true, '[]'::jsonb, "
                "ARRAY[]::text[], :at, :at)"
            ),
            {
                "id": record,
                "subject": subject,
                "decision": json.dumps(decision),
                "doc_no": decision["doc_no"],
                "origin": json.dumps({"source": "test", "reference": "1"}),
                "at": AT,
            },
        )
        await connection.execute(
            text(
                "INSERT INTO credit.commitments (id, subject_id, scope, text, made_on, verification_due, "
                "status, overdue, created_at) VALUES (:id, :subject, 's', 't', '2026-09-01', '2026-10-01', "
                "'pending', false, :at)"
            ),
            {"id": record, "subject": subject, "at": AT},
        )
    return record


async def test_records_kept_so_far_belong_to_the_deployments_office_and_the_columns_go_down_and_up(
    private_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await migrations.downgrade(SPEC, private_database, "credit_0005")
    engine = create_async_engine(private_database)
    try:
        assert not {"office_code", "proposal"} & await _columns(engine)
        record = await _insert_record(engine)
        monkeypatch.setenv("OFFICE_CODE", "330100")
        await migrations.upgrade(SPEC, private_database)
        async with engine.connect() as connection:
            row = (
                await connection.execute(
                    text("SELECT office_code, proposal, state FROM credit.records WHERE id = :id"),
                    {"id": record},
                )
            ).one()
            commitment_office = await connection.scalar(
                text("SELECT office_code FROM credit.commitments WHERE id = :id"), {"id": record}
            )
        assert tuple(row) == ("330100", None, "CANDIDATE") and commitment_office == "330100"

        await migrations.downgrade(SPEC, private_database, "credit_0005")
        assert not {"office_code", "proposal"} & await _columns(engine)
        assert "office_code" not in await _columns(engine, "commitments")
        async with engine.connect() as connection:
            state = await connection.scalar(
                text("SELECT state FROM credit.records WHERE id = :id"), {"id": record}
            )
        assert state == "CANDIDATE"  # the record itself is untouched

        monkeypatch.delenv("OFFICE_CODE")
        monkeypatch.delenv("office_code", raising=False)
        await migrations.upgrade(SPEC, private_database)
        async with engine.connect() as connection:
            office = await connection.scalar(
                text("SELECT office_code FROM credit.records WHERE id = :id"), {"id": record}
            )
        assert office == "000000"  # no OFFICE_CODE: the national office
    finally:
        await engine.dispose()
