"""Create mediation cases, number counters and the messaging tables.

Revision ID: mediation_0001
Revises:
Create Date: 2026-11-21 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.migration_ops import (
    create_counter_table_v1,
    create_messaging_tables_v1,
    drop_counter_table_v1,
    drop_messaging_tables_v1,
)

revision: str = "mediation_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"


def upgrade() -> None:
    create_messaging_tables_v1(SCHEMA)
    create_counter_table_v1(SCHEMA)
    op.create_table(
        "mediation_cases",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("case_no", sa.Text, nullable=False),
        sa.Column("complaint_id", postgresql.UUID(as_uuid=True)),
        sa.Column("ip_type", sa.Text, nullable=False),
        sa.Column("right_number", sa.Text, nullable=False),
        sa.Column("applicant", postgresql.JSONB, nullable=False),
        sa.Column("other_parties", postgresql.JSONB, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("correlation_id", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_mediation_cases"),
        sa.UniqueConstraint("case_no", name="uq_mediation_cases_case_no"),
        sa.UniqueConstraint("complaint_id", name="uq_mediation_cases_complaint_id"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("mediation_cases", schema=SCHEMA)
    drop_counter_table_v1(SCHEMA)
    drop_messaging_tables_v1(SCHEMA)
