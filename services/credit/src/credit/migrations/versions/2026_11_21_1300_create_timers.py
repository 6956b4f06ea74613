"""Create the durable timers table.

Revision ID: credit_0002
Revises: credit_0001
Create Date: 2026-11-21 13:00:00
"""

from collections.abc import Sequence

from shared.migration_ops import create_timers_table_v1, drop_timers_table_v1

revision: str = "credit_0002"
down_revision: str | None = "credit_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "credit"


def upgrade() -> None:
    create_timers_table_v1(SCHEMA)


def downgrade() -> None:
    drop_timers_table_v1(SCHEMA)
