"""Every service's migration history: upgrades, downgrades, and matches its table definitions."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection, MetaData, pool, text
from sqlalchemy.ext.asyncio import create_async_engine

from shared import migrations
from shared.service import ServiceSpec, discover_services
from shared.testing.plugin import PostgresHandle, create_database

SERVICES = list(discover_services().values())


@pytest.fixture
async def scratch_database(postgres: PostgresHandle) -> str:
    name = f"ipcase_migrations_{uuid.uuid4().hex[:8]}"
    await create_database(postgres, name)
    return postgres.url(name)


def service_metadata_of(spec: ServiceSpec) -> MetaData:
    module = __import__(f"{spec.name}.adapters.orm", fromlist=["metadata"])
    metadata: MetaData = module.metadata
    return metadata


@pytest.mark.parametrize("spec", SERVICES, ids=[s.name for s in SERVICES])
async def test_migrations_go_up_down_and_up_again_in_the_services_own_schema(
    spec: ServiceSpec, scratch_database: str
) -> None:
    await migrations.upgrade(spec, scratch_database)
    head = await migrations.current_revision(spec, scratch_database)
    await migrations.downgrade(spec, scratch_database, "base")
    assert await tables_in(scratch_database, spec.name) == ["alembic_version"]
    await migrations.upgrade(spec, scratch_database)

    assert head is not None
    assert await migrations.current_revision(spec, scratch_database) == head


@pytest.mark.parametrize("spec", SERVICES, ids=[s.name for s in SERVICES])
async def test_the_migrated_schema_matches_the_table_definitions(
    spec: ServiceSpec, database_url: str
) -> None:
    engine = create_async_engine(database_url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            differences = await connection.run_sync(_compare, service_metadata_of(spec))
    finally:
        await engine.dispose()

    assert differences == [], f"{spec.name}: tables and migrations disagree; add a migration"


def _compare(connection: Connection, metadata: MetaData) -> list[Any]:
    context = MigrationContext.configure(
        connection,
        opts={
            "include_schemas": True,
            "include_name": lambda name, type_, _: type_ != "schema" or name == metadata.schema,
            "compare_type": True,
        },
    )
    return [diff for diff in compare_metadata(context, metadata) if not _is_alembic_table(diff)]


def _is_alembic_table(diff: Any) -> bool:
    return isinstance(diff, tuple) and diff[0] == "remove_table" and diff[1].name == "alembic_version"


async def tables_in(database_url: str, schema: str) -> list[str]:
    engine = create_async_engine(database_url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT table_name FROM information_schema.tables WHERE table_schema = :s ORDER BY 1"),
                {"s": schema},
            )
            return [row[0] for row in rows]
    finally:
        await engine.dispose()
