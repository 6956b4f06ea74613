"""Create complaints, idempotency keys and the messaging tables.

Revision ID: intake_0001
Revises:
Create Date: 2026-11-21 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.migration_ops import (
    create_idempotency_table_v1,
    create_messaging_tables_v1,
    drop_idempotency_table_v1,
    drop_messaging_tables_v1,
)

revision: str = "intake_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"


def upgrade() -> None:
    create_messaging_tables_v1(SCHEMA)
    create_idempotency_table_v1(SCHEMA)
    op.create_table(
        "complaints",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("sequence", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("ip_type", sa.Text, nullable=False),
        sa.Column("right_number", sa.Text, nullable=False),
        sa.Column("complainant", postgresql.JSONB, nullable=False),
        sa.Column("respondents", postgresql.JSONB, nullable=False),
        sa.Column("facts", sa.Text, nullable=False),
        sa.Column("requested_procedure", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("correlation_id", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_complaints"),
        sa.UniqueConstraint("sequence", name="uq_complaints_sequence"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("complaints", schema=SCHEMA)
    drop_idempotency_table_v1(SCHEMA)
    drop_messaging_tables_v1(SCHEMA)
