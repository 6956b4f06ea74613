"""Alembic environment of the intake service (its own history, in the ``intake`` schema)."""

from intake.adapters.orm import metadata
from shared.migrations import run_migrations

run_migrations(metadata)
