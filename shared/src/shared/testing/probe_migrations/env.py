"""Alembic environment for the platform tests: messaging tables in a schema named by the caller."""

from alembic import context

from shared.db import service_metadata
from shared.messaging.tables import messaging_tables
from shared.migrations import run_migrations

metadata = service_metadata(context.config.attributes["schema"])
messaging_tables(metadata, audit=True)
run_migrations(metadata)
