"""When a mediation case last changed (``mediation_cases.updated_at``): lists sort by it and partners
poll with ``updated_since`` (issues 14 and 17). Existing cases start from their last state change, the
latest change the table recorded. The downgrade drops the column.

Revision ID: mediation_h4_updated_at
Revises: mediation_0009
Create Date: 2026-12-23 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "mediation_h4_updated_at"
down_revision: str | None = "mediation_audit_pending"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"


def upgrade() -> None:
    op.add_column(
        "mediation_cases",
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        schema=SCHEMA,
    )
    op.execute(f"UPDATE {SCHEMA}.mediation_cases SET updated_at = state_changed_at")
    op.create_index("ix_mediation_cases_updated_at", "mediation_cases", ["updated_at", "id"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_mediation_cases_updated_at", "mediation_cases", schema=SCHEMA)
    op.drop_column("mediation_cases", "updated_at", schema=SCHEMA)
