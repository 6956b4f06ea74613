"""Credit's migrations: the schema they build is the one the code declares, and they run down and up."""

from __future__ import annotations

import datetime as dt
import uuid

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from credit.adapters.orm import metadata
from shared import migrations
from shared.service import discover_services

SPEC = discover_services()["credit"]


def _differences(connection: object) -> list[object]:
    context = MigrationContext.configure(
        connection,  # type: ignore[arg-type]
        opts={
            "include_schemas": True,
            "include_name": lambda name, kind, _: kind != "schema" or name == "credit",
        },
    )
    differences = compare_metadata(context, metadata)
    return [d for d in differences if "alembic_version" not in repr(d)]


async def test_the_migrated_schema_matches_the_tables_the_code_declares(private_database: str) -> None:
    engine = create_async_engine(private_database)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(_differences)
    finally:
        await engine.dispose()
    assert differences == []


async def test_subjects_survive_a_downgrade_and_upgrade_with_their_names(private_database: str) -> None:
    await migrations.downgrade(SPEC, private_database, "credit_0002")
    engine = create_async_engine(private_database)
    at = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    history = '[{"name": "杭州 某某公司", "first_seen_at": "2026-03-01T00:00:00+00:00"}]'
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO credit.subjects "
                    "(credit_code, name, name_history, first_seen_at, last_seen_at) "
                    "VALUES ('91330100MA27XXXX0X', '杭州 某某公司', CAST(:history AS jsonb), :at, :at)"
                ),
                {"history": history, "at": at},
            )
            await connection.execute(
                text(
                    "INSERT INTO credit.sightings (credit_code, source_type, source_id, name_seen, seen_at) "
                    "VALUES ('91330100MA27XXXX0X', 'complaint_respondent', :id, '杭州 某某公司', :at)"
                ),
                {"id": str(uuid.uuid4()), "at": at},
            )
        await migrations.upgrade(SPEC, private_database)
        async with engine.connect() as connection:
            subject = (
                await connection.execute(text("SELECT id, name_normalised FROM credit.subjects"))
            ).one()
            names = (
                await connection.execute(text("SELECT name, name_normalised FROM credit.subject_names"))
            ).all()
            sightings = await connection.scalar(
                text("SELECT count(*) FROM credit.sightings WHERE subject_id = :id"), {"id": subject.id}
            )
        assert subject.name_normalised == "杭州某某公司"
        assert [tuple(n) for n in names] == [("杭州 某某公司", "杭州某某公司")]
        assert sightings == 1

        await migrations.downgrade(SPEC, private_database, "credit_0002")
        async with engine.connect() as connection:
            row = (
                await connection.execute(text("SELECT credit_code, name_history FROM credit.subjects"))
            ).one()
        assert row.credit_code == "91330100MA27XXXX0X"
        assert [n["name"] for n in row.name_history] == ["杭州 某某公司"]
    finally:
        await engine.dispose()
