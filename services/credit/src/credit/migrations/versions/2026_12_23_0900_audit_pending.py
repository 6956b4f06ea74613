"""Audit entries are written unsealed and chained by the service's sealer (issue 12's cost target).

A request's transaction inserts its entries into ``audit_pending`` (no lock on the chain head);
the worker's sealer hashes them onto the chain in order shortly after. The downgrade refuses while
entries wait to be sealed (``ipcase audit seal --service credit`` first).

Revision ID: credit_audit_pending
Revises: credit_0007
Create Date: 2026-12-23 09:00:00
"""

from collections.abc import Sequence

from shared.migration_ops import create_audit_pending_v1, drop_audit_pending_v1

revision: str = "credit_audit_pending"
down_revision: str | None = "credit_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "credit"


def upgrade() -> None:
    create_audit_pending_v1(SCHEMA)


def downgrade() -> None:
    drop_audit_pending_v1(SCHEMA)
