"""Create subjects, sightings and the messaging tables.

Revision ID: credit_0001
Revises:
Create Date: 2026-11-21 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.migration_ops import create_messaging_tables_v1, drop_messaging_tables_v1

revision: str = "credit_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "credit"


def upgrade() -> None:
    create_messaging_tables_v1(SCHEMA)
    op.create_table(
        "subjects",
        sa.Column("credit_code", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("name_history", postgresql.JSONB, nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("credit_code", name="pk_subjects"),
        schema=SCHEMA,
    )
    op.create_table(
        "sightings",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("credit_code", sa.Text, nullable=False),
        sa.Column("source_type", sa.Text, nullable=False),
        sa.Column("source_id", sa.Text, nullable=False),
        sa.Column("name_seen", sa.Text, nullable=False),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sightings"),
        sa.ForeignKeyConstraint(
            ["credit_code"], [f"{SCHEMA}.subjects.credit_code"], name="fk_sightings_credit_code_subjects"
        ),
        sa.UniqueConstraint(
            "credit_code", "source_type", "source_id", name="uq_sightings_credit_code_source_type_source_id"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_sightings_credit_code", "sightings", ["credit_code"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_table("sightings", schema=SCHEMA)
    op.drop_table("subjects", schema=SCHEMA)
    drop_messaging_tables_v1(SCHEMA)
