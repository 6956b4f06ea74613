"""Bulk complaint imports: the job, its per-row error report, and the keys of the rows imported.

``complaint_imports`` is a job as the worker runs it (pending → running → completed | failed, the
importer's identity and office kept so the rows are registered as that person, in that office);
``complaint_import_errors`` the rows refused, field by field; ``complaint_import_rows`` one key per
imported row (a hash of the importing office and the row's content) with the complaint it became,
so that importing the same file again — or a file that repeats rows — registers nothing twice.
The downgrade drops the three tables.

Revision ID: intake_h6_complaint_imports
Revises: intake_h4_search_text
Create Date: 2026-12-21 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB, UUID

revision: str = "intake_h6_complaint_imports"
down_revision: str | None = "intake_h4_search_text"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"


def upgrade() -> None:
    op.create_table(
        "complaint_imports",
        sa.Column("id", UUID(as_uuid=True), primary_key=True),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("format", sa.Text, nullable=False),
        sa.Column("storage_key", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("total_rows", sa.Integer),
        sa.Column("processed_rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("imported", sa.Integer, nullable=False, server_default="0"),
        sa.Column("skipped", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed_rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("importer", JSONB, nullable=False),
        sa.Column("office_code", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True)),
        sa.Column("finished_at", sa.DateTime(timezone=True)),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_complaint_imports_claimable",
        "complaint_imports",
        ["created_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("status IN ('pending', 'running')"),
    )
    op.create_table(
        "complaint_import_errors",
        sa.Column("job_id", UUID(as_uuid=True), primary_key=True),
        sa.Column("row_number", sa.Integer, primary_key=True),
        sa.Column("field", sa.Text, primary_key=True),
        sa.Column("message", sa.Text, nullable=False),
        schema=SCHEMA,
    )
    op.create_table(
        "complaint_import_rows",
        sa.Column("row_key", sa.Text, primary_key=True),
        sa.Column("complaint_id", UUID(as_uuid=True), nullable=False),
        sa.Column("job_id", UUID(as_uuid=True), nullable=False),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_table("complaint_import_rows", schema=SCHEMA)
    op.drop_table("complaint_import_errors", schema=SCHEMA)
    op.drop_index("ix_complaint_imports_claimable", table_name="complaint_imports", schema=SCHEMA)
    op.drop_table("complaint_imports", schema=SCHEMA)
