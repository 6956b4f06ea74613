"""Customs IP protection: detention cases (with the centre's task columns) and recordations.

Revision ID: intake_customs_h7
Revises: intake_h6_staff_read_indexes
Create Date: 2026-12-06 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "intake_customs_h7"
down_revision: str | None = "intake_h6_staff_read_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
UUID = postgresql.UUID(as_uuid=True)
TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "customs_detentions",
        sa.Column("id", UUID, nullable=False),
        sa.Column("port_code", sa.Text, nullable=False),
        sa.Column("customs_ref", sa.Text, nullable=False),
        sa.Column("office_code", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("route", sa.Text, nullable=False),
        sa.Column("ip_type", sa.Text, nullable=False),
        sa.Column("ip_reg_no", sa.Text, nullable=False),
        sa.Column("task_status", sa.Text),
        sa.Column("task_due_at", TZ),
        sa.Column("body", postgresql.JSONB, nullable=False),
        sa.Column("created_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_customs_detentions"),
        sa.UniqueConstraint("port_code", "customs_ref", name="uq_customs_detentions_port_ref"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_customs_detentions_tasks",
        "customs_detentions",
        ["office_code", "task_due_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("task_status = 'open'"),
    )
    op.create_table(
        "customs_recordations",
        sa.Column("id", UUID, nullable=False),
        sa.Column("record_no", sa.Text, nullable=False),
        sa.Column("ip_type", sa.Text, nullable=False),
        sa.Column("ip_reg_no", sa.Text, nullable=False),
        sa.Column("holder_credit_code", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("expires_on", sa.Date, nullable=False),
        sa.Column("body", postgresql.JSONB, nullable=False),
        sa.Column("updated_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_customs_recordations"),
        sa.UniqueConstraint("record_no", name="uq_customs_recordations_record_no"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_customs_recordations_right", "customs_recordations", ["ip_type", "ip_reg_no"], schema=SCHEMA
    )


def downgrade() -> None:
    op.drop_table("customs_recordations", schema=SCHEMA)
    op.drop_table("customs_detentions", schema=SCHEMA)
