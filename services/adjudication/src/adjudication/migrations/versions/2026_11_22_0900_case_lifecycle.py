"""The full case lifecycle: case file and projections, timeline, hearings, registries, penalty cases.

Revision ID: adjudication_0003
Revises: adjudication_0002
Create Date: 2026-11-22 09:00:00
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "adjudication_0003"
down_revision: str | None = "adjudication_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "adjudication"


def upgrade() -> None:
    _extend_cases()
    _create_projections()
    _create_hearing_tables()
    _create_registries()
    _create_penalty_cases()


def downgrade() -> None:
    # btree_gist stays installed: it is database-wide and harmless, and other schemas may use it.
    for table in (
        "penalty_cases",
        "docket_registry",
        "findings",
        "hearing_bookings",
        "hearing_rooms",
        "case_events",
        "case_assignments",
    ):
        op.drop_table(table, schema=SCHEMA)
    op.drop_index("ix_cases_patent_number", table_name="cases", schema=SCHEMA)
    op.drop_index("ix_cases_state_next_due", table_name="cases", schema=SCHEMA)
    op.drop_constraint("uq_cases_docket_no", "cases", schema=SCHEMA)
    for column in (
        "docket_no",
        "procedure",
        "outcome",
        "received_at",
        "docketed_on",
        "decided_on",
        "effective_on",
        "next_due",
        "duty_due",
        "search_text",
        "version",
        "file",
        "updated_at",
    ):
        op.drop_column("cases", column, schema=SCHEMA)


def _extend_cases() -> None:
    columns: list[sa.Column[Any]] = [
        sa.Column("docket_no", sa.Text),
        sa.Column("procedure", sa.Text, nullable=False, server_default=sa.text("'ordinary'")),
        sa.Column("outcome", sa.Text),
        sa.Column("received_at", sa.DateTime(timezone=True)),
        sa.Column("docketed_on", sa.Date),
        sa.Column("decided_on", sa.Date),
        sa.Column("effective_on", sa.Date),
        sa.Column("next_due", sa.Date),
        sa.Column("duty_due", sa.Date),
        sa.Column("search_text", sa.Text, nullable=False, server_default=sa.text("''")),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("file", postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
    ]
    for column in columns:
        op.add_column("cases", column, schema=SCHEMA)
    # Cases opened before this revision keep an empty file; the repository rebuilds them from columns.
    op.execute(f'UPDATE "{SCHEMA}".cases SET received_at = opened_at WHERE received_at IS NULL')
    op.create_unique_constraint("uq_cases_docket_no", "cases", ["docket_no"], schema=SCHEMA)
    op.create_index("ix_cases_state_next_due", "cases", ["state", "next_due"], schema=SCHEMA)
    op.create_index("ix_cases_patent_number", "cases", ["patent_number"], schema=SCHEMA)


def _create_projections() -> None:
    op.create_table(
        "case_assignments",
        sa.Column("case_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("participant_id", sa.Text, nullable=False),
        sa.Column("person_id", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("case_id", "participant_id", name="pk_case_assignments"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_case_assignments_person_id",
        "case_assignments",
        ["person_id"],
        schema=SCHEMA,
        postgresql_where=sa.text("active"),
    )
    op.create_table(
        "case_events",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("case_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("case_kind", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("transition", sa.Text),
        sa.Column("from_state", sa.Text),
        sa.Column("to_state", sa.Text),
        sa.Column("actor_kind", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.Text),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("basis", postgresql.JSONB, nullable=False),
        sa.Column("details", postgresql.JSONB, nullable=False),
        sa.Column("advisories", postgresql.JSONB, nullable=False),
        sa.Column("correlation_id", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_case_events"),
        schema=SCHEMA,
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id", "id"], schema=SCHEMA)


def _create_hearing_tables() -> None:
    op.create_table(
        "hearing_rooms",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("mode", sa.Text, nullable=False),
        sa.Column("location", sa.Text, nullable=False),
        sa.Column("active", sa.Boolean, nullable=False, server_default=sa.text("true")),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_hearing_rooms"),
        sa.UniqueConstraint("name", name="uq_hearing_rooms_name"),
        schema=SCHEMA,
    )
    # The exclusion constraint compares text with "=" inside a GiST index: that needs btree_gist.
    op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
    op.create_table(
        "hearing_bookings",
        sa.Column("hearing_id", sa.Text, nullable=False),
        sa.Column("resource", sa.Text, nullable=False),
        sa.Column("case_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("case_no", sa.Text, nullable=False),
        sa.Column("during", postgresql.TSTZRANGE, nullable=False),
        sa.PrimaryKeyConstraint("hearing_id", "resource", name="pk_hearing_bookings"),
        postgresql.ExcludeConstraint(
            ("resource", "="), ("during", "&&"), name="ex_hearing_bookings_no_overlap", using="gist"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_hearing_bookings_case_id", "hearing_bookings", ["case_id"], schema=SCHEMA)


def _create_registries() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("source_event_id", sa.Text),
        sa.Column("case_id", postgresql.UUID(as_uuid=True)),
        sa.Column("office_code", sa.Text, nullable=False),
        sa.Column("decision_no", sa.Text, nullable=False),
        sa.Column("patent_number", sa.Text, nullable=False),
        sa.Column("subject_key", sa.Text, nullable=False),
        sa.Column("subject_name", sa.Text, nullable=False),
        sa.Column("effective_on", sa.Date, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_findings"),
        sa.UniqueConstraint("source_event_id", name="uq_findings_source_event_id"),
        sa.UniqueConstraint("decision_no", "office_code", "subject_key", name="uq_findings_decision_subject"),
        schema=SCHEMA,
    )
    op.create_index("ix_findings_patent_subject", "findings", ["patent_number", "subject_key"], schema=SCHEMA)
    op.create_table(
        "docket_registry",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("office_code", sa.Text, nullable=False),
        sa.Column("case_ref", sa.Text, nullable=False),
        sa.Column("docket_no", sa.Text, nullable=False),
        sa.Column("patent_number", sa.Text, nullable=False),
        sa.Column("requester_key", sa.Text, nullable=False),
        sa.Column("respondent_key", sa.Text, nullable=False),
        sa.Column("docketed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_docket_registry"),
        sa.UniqueConstraint(
            "office_code", "case_ref", "respondent_key", name="uq_docket_registry_case_respondent"
        ),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_docket_registry_dispute",
        "docket_registry",
        ["patent_number", "respondent_key", "requester_key"],
        schema=SCHEMA,
    )


def _create_penalty_cases() -> None:
    op.create_table(
        "penalty_cases",
        sa.Column("id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("case_no", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("subject_name", sa.Text, nullable=False),
        sa.Column("subject_credit_code", sa.Text),
        sa.Column("filed_on", sa.Date, nullable=False),
        sa.Column("decision_no", sa.Text),
        sa.Column("next_due", sa.Date),
        sa.Column("version", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("file", postgresql.JSONB, nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("correlation_id", sa.Text),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_penalty_cases"),
        sa.UniqueConstraint("case_no", name="uq_penalty_cases_case_no"),
        sa.UniqueConstraint("decision_no", name="uq_penalty_cases_decision_no"),
        schema=SCHEMA,
    )
