"""Indexes for the staff read paths at a million complaints (bench/staff_reads.py, EXPLAIN in bench/README).

* ``ix_complaints_status_received`` (office code included): a list filtered by status, newest
  first, reads the newest rows of that status in index order and stops at the page (was: every
  row of that status, sorted); its total counts from the index alone, office scope included.
* ``ix_deadlines_open_order``: the work queue (open deadlines, soonest first, unconfigured last,
  ties by creation) reads in index order and stops at its limit (was: the open rows by due time,
  each group of equal due times sorted again, in parallel workers). It replaces
  ``ix_deadlines_open`` (due time only), which it contains.

The downgrade drops both and puts ``ix_deadlines_open`` back.

Revision ID: intake_h6_staff_read_indexes
Revises: intake_h6_complaint_imports
Create Date: 2026-12-21 09:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_h6_staff_read_indexes"
down_revision: str | None = "intake_h6_complaint_imports"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"


def upgrade() -> None:
    op.create_index(
        "ix_complaints_status_received",
        "complaints",
        ["status", "received_at", "sequence"],
        schema=SCHEMA,
        postgresql_include=["office_code"],
    )
    op.create_index(
        "ix_deadlines_open_order",
        "deadlines",
        [sa.text("due_at ASC NULLS LAST"), "created_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'open'"),
    )
    op.drop_index("ix_deadlines_open", table_name="deadlines", schema=SCHEMA)


def downgrade() -> None:
    op.create_index(
        "ix_deadlines_open",
        "deadlines",
        ["due_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'open'"),
    )
    op.drop_index("ix_deadlines_open_order", table_name="deadlines", schema=SCHEMA)
    op.drop_index("ix_complaints_status_received", table_name="complaints", schema=SCHEMA)
