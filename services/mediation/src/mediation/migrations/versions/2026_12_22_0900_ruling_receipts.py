"""Each party's receipt of the confirmation ruling (``mediation_cases.ruling_receipts``, Interp. art. 372).

A party's 15-CD objection window runs from its own receipt of the ruling, so the case keeps one
receipt date per party (``{party_id: "YYYY-MM-DD"}``). Existing cases get none recorded: their
receipts were never captured, and inventing them from the ruling date is what the rule forbids. The
downgrade drops the column (the receipts are lost; the windows they armed stay in ``deadlines``).

Revision ID: mediation_0009
Revises: mediation_0008
Create Date: 2026-12-22 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision: str = "mediation_0009"
down_revision: str | None = "mediation_0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"


def upgrade() -> None:
    op.add_column(
        "mediation_cases",
        sa.Column("ruling_receipts", JSONB(), nullable=False, server_default=sa.text("'{}'::jsonb")),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_column("mediation_cases", "ruling_receipts", schema=SCHEMA)
