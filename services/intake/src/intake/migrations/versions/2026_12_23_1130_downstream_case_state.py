"""Downstream cases' current state (issue 15 links): the last state adjudication announced for a case.

A customs detention linked to a complaint shows the case the complaint became with its state now;
``adjudication.case.transitioned`` keeps it here (the map of cases to complaints), so the complaint
itself is not rewritten for every step of a case in another service.

Revision ID: intake_customs_links_h8
Revises: intake_customs_h7
Create Date: 2026-12-06 23:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_customs_links_h8"
down_revision: str | None = "intake_customs_h7"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"


def upgrade() -> None:
    op.add_column("downstream_cases", sa.Column("state", sa.Text), schema=SCHEMA)
    op.add_column("downstream_cases", sa.Column("state_at", sa.DateTime(timezone=True)), schema=SCHEMA)


def downgrade() -> None:
    op.drop_column("downstream_cases", "state_at", schema=SCHEMA)
    op.drop_column("downstream_cases", "state", schema=SCHEMA)
