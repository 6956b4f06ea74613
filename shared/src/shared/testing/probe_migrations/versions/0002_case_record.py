"""The case record, for testing the shared effects runner and record against PostgreSQL.

Revision ID: probe_0002
Revises: probe_0001
"""

from alembic import context

from shared.migration_ops import create_case_record_table_v1, drop_case_record_table_v1

revision = "probe_0002"
down_revision = "probe_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_case_record_table_v1(context.config.attributes["schema"])


def downgrade() -> None:
    drop_case_record_table_v1(context.config.attributes["schema"])
