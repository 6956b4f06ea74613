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

revision: str = "credit_h6_lists_updated_at"
down_revision: str | None = "credit_audit_pending"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "credit"
TABLES = ("commitments", "unmatched_inputs")

TOUCH = """
CREATE FUNCTION credit.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$$
"""


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
    op.execute(TOUCH)
    for table in TABLES:
        op.execute(
            f"CREATE TRIGGER {table}_updated_at BEFORE UPDATE ON credit.{table} "
            "FOR EACH ROW EXECUTE FUNCTION credit.touch_updated_at()"
        )
        op.create_index(f"ix_{table}_updated_at", table, ["updated_at", "id"], schema=SCHEMA)


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_updated_at", table, schema=SCHEMA)
        op.execute(f"DROP TRIGGER {table}_updated_at ON credit.{table}")
        op.drop_column(table, "updated_at", schema=SCHEMA)
    op.execute("DROP FUNCTION credit.touch_updated_at()")
