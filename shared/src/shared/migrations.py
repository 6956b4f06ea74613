"""Run a service's Alembic migrations: its own history, with its version table in its own schema.

Every service calls :func:`run_migrations` from its ``migrations/env.py``. Programmatic callers use
:func:`upgrade` / :func:`downgrade`, which pass an open connection to Alembic (so they work from
inside a running event loop); ``ipcase migrate`` wraps them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from alembic import command, context
from alembic.config import Config
from sqlalchemy import Connection, MetaData, pool, text
from sqlalchemy.ext.asyncio import async_engine_from_config, create_async_engine


class MigrationSource(Protocol):
    """A migration history and the schema it owns (a :class:`~shared.service.ServiceSpec` is one)."""

    @property
    def name(self) -> str: ...

    @property
    def migrations_dir(self) -> Path: ...


def alembic_config(spec: MigrationSource, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(spec.migrations_dir))
    config.set_main_option("sqlalchemy.url", database_url.replace("%", "%%"))
    config.set_main_option(
        "file_template", "%%(year)d_%%(month).2d_%%(day).2d_%%(hour).2d%%(minute).2d_%%(slug)s"
    )
    return config


async def upgrade(spec: MigrationSource, database_url: str, revision: str = "head") -> None:
    await _run(spec, database_url, lambda config: command.upgrade(config, revision))


async def downgrade(spec: MigrationSource, database_url: str, revision: str) -> None:
    await _run(spec, database_url, lambda config: command.downgrade(config, revision))


async def current_revision(spec: MigrationSource, database_url: str) -> str | None:
    engine = create_async_engine(database_url, poolclass=pool.NullPool)
    try:
        async with engine.connect() as connection:
            revision = await connection.scalar(text(f'SELECT version_num FROM "{spec.name}".alembic_version'))
            return None if revision is None else str(revision)
    finally:
        await engine.dispose()


async def _run(spec: MigrationSource, database_url: str, action: Callable[[Config], None]) -> None:
    engine = create_async_engine(database_url, poolclass=pool.NullPool)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(_with_connection, spec, database_url, action)
    finally:
        await engine.dispose()


def _with_connection(
    connection: Connection, spec: MigrationSource, database_url: str, action: Callable[[Config], None]
) -> None:
    config = alembic_config(spec, database_url)
    config.attributes["connection"] = connection
    config.attributes["schema"] = spec.name
    action(config)


def run_migrations(target_metadata: MetaData) -> None:
    """The body of every service's ``env.py``: migrate ``target_metadata.schema`` only."""
    schema = target_metadata.schema
    if not schema:
        raise ValueError("service metadata must name its schema")
    if context.is_offline_mode():
        context.configure(
            url=context.config.get_main_option("sqlalchemy.url"),
            target_metadata=target_metadata,
            version_table_schema=schema,
            literal_binds=True,
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _migrate(connection, target_metadata, schema)
    else:
        asyncio.run(_migrate_from_url(target_metadata, schema))


async def _migrate_from_url(target_metadata: MetaData, schema: str) -> None:
    engine = async_engine_from_config(
        context.config.get_section(context.config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    async with engine.begin() as connection:
        await connection.run_sync(_migrate, target_metadata, schema)
    await engine.dispose()


def _migrate(connection: Connection, target_metadata: MetaData, schema: str) -> None:
    # Replicas starting together must not run the same migration twice.
    connection.execute(
        text("SELECT pg_advisory_xact_lock(hashtext(:name))"), {"name": f"ipcase.migrate.{schema}"}
    )
    connection.execute(text(f'CREATE SCHEMA IF NOT EXISTS "{schema}"'))
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        version_table_schema=schema,
        include_schemas=True,
        include_name=lambda name, type_, _: type_ != "schema" or name == schema,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def migrations_dir(package_file: str) -> Path:
    """``migrations/`` next to a service's ``service.py`` (they ship inside the package)."""
    return Path(package_file).parent / "migrations"


async def grant_application_role(spec: MigrationSource, database_url: str, role: str) -> None:
    """Give the role the services connect as what it needs in ``spec``'s schema — and no way to
    rewrite the audit trail (no UPDATE, DELETE or TRUNCATE on it). Idempotent; ``ipcase migrate``
    runs it after every upgrade when ``DATABASE_APP_ROLE`` is set."""
    schema = spec.name
    statements = [
        f'GRANT USAGE ON SCHEMA "{schema}" TO "{role}"',
        f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO "{role}"',
        f'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO "{role}"',
        f'REVOKE TRUNCATE ON ALL TABLES IN SCHEMA "{schema}" FROM "{role}"',
    ]
    engine = create_async_engine(database_url, poolclass=pool.NullPool)
    try:
        async with engine.begin() as connection:
            for statement in statements:
                await connection.execute(text(statement))
            audited = await connection.scalar(
                text("SELECT to_regclass(:name) IS NOT NULL"), {"name": f'"{schema}".audit_log'}
            )
            if audited:
                for table in ("audit_log", "audit_checkpoints"):
                    await connection.execute(
                        text(f'REVOKE UPDATE, DELETE ON "{schema}".{table} FROM "{role}"')
                    )
            pending = await connection.scalar(
                text("SELECT to_regclass(:name) IS NOT NULL"), {"name": f'"{schema}".audit_pending'}
            )
            if pending:  # written by requests, deleted by the sealer as it chains them; never changed
                await connection.execute(text(f'REVOKE UPDATE ON "{schema}".audit_pending FROM "{role}"'))
    finally:
        await engine.dispose()
