"""Messaging and timer tables plus a table where probe handlers record their effects.

Revision ID: probe_0001
Revises:
"""

import sqlalchemy as sa
from alembic import context, op

from shared.migration_ops import (
    create_messaging_tables_v1,
    create_timers_table_v1,
    drop_messaging_tables_v1,
    drop_timers_table_v1,
)

revision = "probe_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    schema = context.config.attributes["schema"]
    create_messaging_tables_v1(schema)
    create_timers_table_v1(schema)
    op.create_table(
        "effects",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("partition_key", sa.Text, nullable=False),
        sa.Column("sequence", sa.Integer, nullable=False),
        schema=schema,
    )


def downgrade() -> None:
    schema = context.config.attributes["schema"]
    op.drop_table("effects", schema=schema)
    drop_timers_table_v1(schema)
    drop_messaging_tables_v1(schema)
