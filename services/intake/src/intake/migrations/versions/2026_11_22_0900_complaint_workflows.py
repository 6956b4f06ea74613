"""Complaints for every channel, rights registry, evidence, dedup keys, timeline, deadlines, workflows.

Revision ID: intake_0003
Revises: intake_0002
Create Date: 2026-11-22 09:00:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "intake_0003"
down_revision: str | None = "intake_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
UUID = postgresql.UUID(as_uuid=True)
JSONB = postgresql.JSONB
TZ = sa.DateTime(timezone=True)
WORKFLOWS = ("centre_cases", "trade_fair_cases", "ecommerce_notices")


def _updated_at() -> sa.Column[Any]:
    return sa.Column("updated_at", TZ, nullable=False, server_default=sa.func.now())


def upgrade() -> None:
    _extend_complaints()
    op.create_table(
        "complaint_keys",
        sa.Column("complaint_id", UUID, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("complaint_id", "kind", "value", name="pk_complaint_keys"),
        schema=SCHEMA,
    )
    op.create_index("ix_complaint_keys_value", "complaint_keys", ["value"], schema=SCHEMA)
    _create_timeline()
    _create_evidence()
    _create_deadlines()
    _create_registry()
    op.create_table(
        "examiners",
        sa.Column("id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("centre", sa.Text, nullable=False),
        sa.Column("interests", JSONB, nullable=False),
        _updated_at(),
        sa.PrimaryKeyConstraint("id", name="pk_examiners"),
        schema=SCHEMA,
    )
    for name in WORKFLOWS:
        op.create_table(
            name,
            sa.Column("id", UUID, nullable=False),
            sa.Column("complaint_id", UUID, nullable=False),
            sa.Column("status", sa.Text, nullable=False),
            sa.Column("body", JSONB, nullable=False),
            sa.Column("created_at", TZ, nullable=False, server_default=sa.func.now()),
            _updated_at(),
            sa.PrimaryKeyConstraint("id", name=f"pk_{name}"),
            schema=SCHEMA,
        )
        op.create_index(f"ix_{name}_complaint_id", name, ["complaint_id"], schema=SCHEMA)
    op.create_table(
        "downstream_cases",
        sa.Column("case_id", UUID, nullable=False),
        sa.Column("service", sa.Text, nullable=False),
        sa.Column("complaint_id", UUID, nullable=False),
        sa.PrimaryKeyConstraint("case_id", name="pk_downstream_cases"),
        schema=SCHEMA,
    )


def _extend_complaints() -> None:
    columns: list[sa.Column[Any]] = [
        sa.Column("channel", sa.Text, nullable=False, server_default="online"),
        sa.Column("centre", sa.Text, nullable=False, server_default=""),
        sa.Column("track", sa.Text),
        sa.Column("examiner_id", sa.Text),
        sa.Column("linked_complaint_id", UUID),
        sa.Column("body", JSONB),
        sa.Column("version", sa.Integer, nullable=False, server_default="0"),
        _updated_at(),
    ]
    for column in columns:
        op.add_column("complaints", column, schema=SCHEMA)
    op.create_index("ix_complaints_received_at", "complaints", ["received_at", "sequence"], schema=SCHEMA)
    op.create_index("ix_complaints_status", "complaints", ["status"], schema=SCHEMA)


def _create_timeline() -> None:
    op.create_table(
        "timeline",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("complaint_id", UUID, nullable=False),
        sa.Column("at", TZ, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("subject_id", UUID),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("summary_zh", sa.Text, nullable=False),
        sa.Column("data", JSONB, nullable=False),
        sa.Column("recorded_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_timeline"),
        schema=SCHEMA,
    )
    op.create_index("ix_timeline_complaint", "timeline", ["complaint_id", "id"], schema=SCHEMA)


def _create_evidence() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", UUID, nullable=False),
        sa.Column("complaint_id", UUID, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("media_type", sa.Text, nullable=False),
        sa.Column("size_bytes", sa.BigInteger, nullable=False),
        sa.Column("sha256", sa.Text, nullable=False),
        sa.Column("storage_key", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("notarisation_ref", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("uploaded_by", sa.Text, nullable=False),
        sa.Column("uploaded_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_evidence"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_evidence_complaint_sha", "evidence", ["complaint_id", "sha256"], unique=True, schema=SCHEMA
    )


def _create_deadlines() -> None:
    op.create_table(
        "deadlines",
        sa.Column("subject_id", UUID, nullable=False),
        sa.Column("step", sa.Text, nullable=False),
        sa.Column("complaint_id", UUID, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("period", sa.Text, nullable=False),
        sa.Column("due_at", TZ),
        sa.Column("warn_at", TZ),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("provisional", sa.Boolean, nullable=False, server_default="false"),
        sa.Column("note", sa.Text),
        sa.Column("explanation", sa.Text),
        sa.Column("created_at", TZ, nullable=False, server_default=sa.func.now()),
        sa.Column("closed_at", TZ),
        sa.PrimaryKeyConstraint("subject_id", "step", name="pk_deadlines"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_deadlines_open",
        "deadlines",
        ["due_at"],
        postgresql_where=sa.text("status = 'open'"),
        schema=SCHEMA,
    )


def _create_registry() -> None:
    op.create_table(
        "rights",
        sa.Column("ip_type", sa.Text, nullable=False),
        sa.Column("number_key", sa.Text, nullable=False),
        sa.Column("number", sa.Text, nullable=False),
        sa.Column("holder_name", sa.Text, nullable=False),
        sa.Column("holder_credit_code", sa.Text),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("valid_until", sa.Date),
        sa.Column("title", sa.Text),
        sa.Column("licensees", JSONB, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        _updated_at(),
        sa.PrimaryKeyConstraint("ip_type", "number_key", name="pk_rights"),
        schema=SCHEMA,
    )
    op.create_table(
        "import_jobs",
        sa.Column("id", UUID, nullable=False),
        sa.Column("file_name", sa.Text, nullable=False),
        sa.Column("format", sa.Text, nullable=False),
        sa.Column("storage_key", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("total_rows", sa.Integer),
        sa.Column("processed_rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("inserted", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated", sa.Integer, nullable=False, server_default="0"),
        sa.Column("failed_rows", sa.Integer, nullable=False, server_default="0"),
        sa.Column("status_changes", sa.Integer, nullable=False, server_default="0"),
        sa.Column("error", sa.Text),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.Column("started_at", TZ),
        sa.Column("finished_at", TZ),
        sa.PrimaryKeyConstraint("id", name="pk_import_jobs"),
        schema=SCHEMA,
    )
    op.create_table(
        "import_errors",
        sa.Column("job_id", UUID, nullable=False),
        sa.Column("row_number", sa.Integer, nullable=False),
        sa.Column("field", sa.Text, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("job_id", "row_number", "field", name="pk_import_errors"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    for name in ("downstream_cases", *WORKFLOWS, "examiners", "import_errors", "import_jobs", "rights"):
        op.drop_table(name, schema=SCHEMA)
    for name in ("deadlines", "evidence", "timeline", "complaint_keys"):
        op.drop_table(name, schema=SCHEMA)
    op.drop_index("ix_complaints_status", "complaints", schema=SCHEMA)
    op.drop_index("ix_complaints_received_at", "complaints", schema=SCHEMA)
    for column in (
        "updated_at",
        "version",
        "body",
        "linked_complaint_id",
        "examiner_id",
        "track",
        "centre",
        "channel",
    ):
        op.drop_column("complaints", column, schema=SCHEMA)
