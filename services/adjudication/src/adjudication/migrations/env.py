"""Alembic environment of the adjudication service (its own history, in the ``adjudication`` schema)."""

from adjudication.adapters.orm import metadata
from shared.migrations import run_migrations

run_migrations(metadata)
