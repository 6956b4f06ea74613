"""Alembic environment of the credit service (its own history, in the ``credit`` schema)."""

from credit.adapters.orm import metadata
from shared.migrations import run_migrations

run_migrations(metadata)
