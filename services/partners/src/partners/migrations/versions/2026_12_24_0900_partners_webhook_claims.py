"""Each partner's pending webhook deliveries in order, for the dispatcher's claims; its failed ones;
the deliveries of one feed entry, for the retention purge.

A dispatcher step claims each partner's oldest pending deliveries (``partners.adapters.deliveries``,
``Deliveries.claim``); this partial index reads them without walking the partner's delivered
history. The index on the pending deliveries' due time served the round dispatcher's read, which
is gone; it is dropped (one index less to write per delivery). The failed deliveries per partner
are counted at every metrics scrape (``partners.adapters.webhook_backlog``), through their own
partial index. The feed's retention purge deletes an entry's deliveries with it, found by
(partner, seq). The table is small next to the feed, so the indexes are built in the migration's
transaction.

Revision ID: partners_webhook_claims
Revises: partners_audit_pending
Create Date: 2026-12-24 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "partners_webhook_claims"
down_revision: str | None = "partners_audit_pending"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "partners"


def upgrade() -> None:
    op.create_index(
        "ix_webhook_deliveries_pending_by_partner",
        "webhook_deliveries",
        ["partner_code", "id"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.create_index(
        "ix_webhook_deliveries_failed_by_partner",
        "webhook_deliveries",
        ["partner_code"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'failed'"),
    )
    op.create_index(
        "ix_webhook_deliveries_entry", "webhook_deliveries", ["partner_code", "seq"], schema=SCHEMA
    )
    op.drop_index("ix_webhook_deliveries_due", "webhook_deliveries", schema=SCHEMA)


def downgrade() -> None:
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["next_attempt_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'pending'"),
    )
    op.drop_index("ix_webhook_deliveries_entry", "webhook_deliveries", schema=SCHEMA)
    op.drop_index("ix_webhook_deliveries_failed_by_partner", "webhook_deliveries", schema=SCHEMA)
    op.drop_index("ix_webhook_deliveries_pending_by_partner", "webhook_deliveries", schema=SCHEMA)
