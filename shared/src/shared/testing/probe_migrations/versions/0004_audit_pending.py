"""Unsealed audit entries, for testing the sealer.

Revision ID: probe_0004
Revises: probe_0003
"""

from alembic import context

from shared.migration_ops import create_audit_pending_v1, drop_audit_pending_v1

revision = "probe_0004"
down_revision = "probe_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_audit_pending_v1(context.config.attributes["schema"])


def downgrade() -> None:
    drop_audit_pending_v1(context.config.attributes["schema"])
