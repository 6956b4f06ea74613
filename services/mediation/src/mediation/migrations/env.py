"""Alembic environment of the mediation service (its own history, in the ``mediation`` schema)."""

from mediation.adapters.orm import metadata
from shared.migrations import run_migrations

run_migrations(metadata)
