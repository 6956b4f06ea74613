"""Evaluation reports recorded for rights in the registry (issue 15, §H.2 ``evaluation_report.issued``).

A utility model's or design's patent right evaluation report (Impl. Regs art. 63), as staff record it
from CNIPA: one row per report, published as ``intake.ip_right.evaluation_reported``.

Revision ID: intake_evaluation_reports_h9
Revises: intake_customs_links_h8
Create Date: 2026-12-06 23:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_evaluation_reports_h9"
down_revision: str | None = "intake_customs_links_h8"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"


def upgrade() -> None:
    op.create_table(
        "right_evaluation_reports",
        sa.Column("ip_type", sa.Text, primary_key=True),
        sa.Column("number_key", sa.Text, primary_key=True),
        sa.Column("report_no", sa.Text, primary_key=True),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("conclusion", sa.Text, nullable=False),
        sa.Column("issued_on", sa.Date, nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("right_evaluation_reports", schema=SCHEMA)
