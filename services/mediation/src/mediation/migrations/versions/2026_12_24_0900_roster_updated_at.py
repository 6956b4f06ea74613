"""When a roster entry last changed (``updated_at`` on organisations and mediators): the roster lists
sort by it and partners poll with ``updated_since`` (issue 17).

A ``BEFORE UPDATE`` trigger sets it on every change, whoever writes the row, so no code path can
forget it. Existing entries start from their registration (the roster kept no change time before).
Each table gets an ``(updated_at, id)`` index for the sort and the poll. The downgrade drops
triggers, function, indexes and columns.

Revision ID: mediation_h6_roster_updated_at
Revises: mediation_h4_updated_at
Create Date: 2026-12-24 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.migration_ops import drop_keep_updated_at_v1, keep_updated_at_v1

revision: str = "mediation_h6_roster_updated_at"
down_revision: str | None = "mediation_h4_updated_at"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"
TABLES = ("mediation_organisations", "mediators")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table,
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
            schema=SCHEMA,
        )
        op.execute(f"UPDATE {SCHEMA}.{table} SET updated_at = created_at")
    keep_updated_at_v1(SCHEMA, TABLES)


def downgrade() -> None:
    drop_keep_updated_at_v1(SCHEMA, TABLES)
    for table in TABLES:
        op.drop_column(table, "updated_at", schema=SCHEMA)
