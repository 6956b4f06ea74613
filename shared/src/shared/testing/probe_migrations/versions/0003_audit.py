"""The audit trail, for testing its chain, its database protections and its verification.

Revision ID: probe_0003
Revises: probe_0002
"""

from alembic import context

from shared.migration_ops import create_audit_tables_v1, drop_audit_tables_v1

revision = "probe_0003"
down_revision = "probe_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_audit_tables_v1(context.config.attributes["schema"])


def downgrade() -> None:
    drop_audit_tables_v1(context.config.attributes["schema"])
