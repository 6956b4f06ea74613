"""The partners service's unsealed audit queue (issue 12), as the four case services have.

The partners service was built in parallel with issue 12: its trail gets the same ``audit_pending``
queue. A request's transaction inserts its entries into
``audit_pending`` (no lock on the chain head); the worker's sealer hashes them onto the chain in
order shortly after. The downgrade refuses while entries wait to be sealed
(``ipcase audit seal --service partners`` first).

Revision ID: partners_audit_pending
Revises: partners_0001
Create Date: 2026-12-23 09:00:00
"""

from collections.abc import Sequence

from shared.migration_ops import create_audit_pending_v1, drop_audit_pending_v1

revision: str = "partners_audit_pending"
down_revision: str | None = "partners_0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "partners"


def upgrade() -> None:
    create_audit_pending_v1(SCHEMA)


def downgrade() -> None:
    drop_audit_pending_v1(SCHEMA)
