"""Alembic environment of the partners service (its own history, in the ``partners`` schema)."""

from partners.adapters.orm import metadata
from shared.migrations import run_migrations

run_migrations(metadata)
