"""When a commitment or a parked input last changed (``updated_at``): their lists sort by it and
partners poll with ``updated_since`` (issues 14 and 17).

A ``BEFORE UPDATE`` trigger sets it on every change, whoever writes the row (handlers, the timers
marking a commitment overdue, the resolution of a parked input), so no code path can forget it.
Existing commitments start from their latest recorded event (else their creation), parked inputs
from their settlement (else their arrival). Each gets an ``(updated_at, id)`` index for the sort and
the poll. The downgrade drops triggers, function, indexes and columns.

Revision ID: credit_h6_lists_updated_at
Revises: credit_audit_pending
Create Date: 2026-12-24 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from shared.migration_ops import drop_keep_updated_at_v1, keep_updated_at_v1

revision: str = "credit_h6_lists_updated_at"
down_revision: str | None = "credit_audit_pending"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "credit"
TABLES = ("commitments", "unmatched_inputs")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(
            table,
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
            schema=SCHEMA,
        )
    op.execute(
        "UPDATE credit.commitments AS c SET updated_at = greatest(c.created_at, "
        "(SELECT max(r.occurred_at) FROM credit.case_record AS r "
        "WHERE r.aggregate_type = 'credit_commitment' AND r.aggregate_id = c.id))"
    )
    op.execute("UPDATE credit.unmatched_inputs SET updated_at = coalesce(settled_at, received_at)")
    keep_updated_at_v1(SCHEMA, TABLES)


def downgrade() -> None:
    drop_keep_updated_at_v1(SCHEMA, TABLES)
    for table in TABLES:
        op.drop_column(table, "updated_at", schema=SCHEMA)
