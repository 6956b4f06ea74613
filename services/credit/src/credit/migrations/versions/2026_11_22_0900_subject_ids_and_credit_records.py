"""Subjects get their own ids (individuals have no credit code); credit records and their history.

Subjects were keyed by credit code; individuals are keyed by masked id and name, so every
subject now has a UUID, with the credit code unique where present. The name history moves from
a JSON column to ``subject_names`` so that inputs naming only a company can be matched by name.
New: credit records with their history, infringement findings and repeat flags, commitments,
grades, inputs waiting for a subject match, idempotency keys and record-number counters.

Revision ID: credit_0003
Revises: credit_0002
Create Date: 2026-11-22 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.migration_ops import (
    create_counter_table_v1,
    create_idempotency_table_v1,
    drop_counter_table_v1,
    drop_idempotency_table_v1,
)

revision: str = "credit_0003"
down_revision: str | None = "credit_0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "credit"
IN_FORCE = "state IN ('LISTED', 'PUBLISHED', 'REPAIR_REQUESTED', 'REPAIR_DENIED')"
# The SQL twin of shared.identifiers.normalise_name (NFKC, no whitespace, upper case).
NORMALISED = "upper(regexp_replace(normalize({column}, NFKC), '\\s', '', 'g'))"
UUID = postgresql.UUID(as_uuid=True)
JSONB = postgresql.JSONB


def upgrade() -> None:
    _subjects_get_ids()
    _sightings_point_at_ids()
    _subject_names_from_history()
    _create_records()
    _create_findings_and_flags()
    _create_commitments_and_grades()
    _create_unmatched_inputs()
    create_idempotency_table_v1(SCHEMA)
    create_counter_table_v1(SCHEMA)


def _subjects_get_ids() -> None:
    op.add_column(
        "subjects",
        sa.Column("id", UUID, nullable=False, server_default=sa.text("gen_random_uuid()")),
        schema=SCHEMA,
    )
    op.alter_column("subjects", "id", server_default=None, schema=SCHEMA)
    op.add_column(
        "subjects",
        sa.Column("kind", sa.Text, nullable=False, server_default="organisation"),
        schema=SCHEMA,
    )
    op.alter_column("subjects", "kind", server_default=None, schema=SCHEMA)
    op.add_column("subjects", sa.Column("id_number_masked", sa.Text), schema=SCHEMA)
    op.add_column("subjects", sa.Column("legal_representative", sa.Text), schema=SCHEMA)
    op.add_column("subjects", sa.Column("name_normalised", sa.Text), schema=SCHEMA)
    op.execute(f"UPDATE {SCHEMA}.subjects SET name_normalised = {NORMALISED.format(column='name')}")
    op.alter_column("subjects", "name_normalised", nullable=False, schema=SCHEMA)


def _sightings_point_at_ids() -> None:
    op.add_column("sightings", sa.Column("subject_id", UUID), schema=SCHEMA)
    op.execute(
        f"UPDATE {SCHEMA}.sightings t SET subject_id = s.id "
        f"FROM {SCHEMA}.subjects s WHERE s.credit_code = t.credit_code"
    )
    op.alter_column("sightings", "subject_id", nullable=False, schema=SCHEMA)
    op.drop_constraint("fk_sightings_credit_code_subjects", "sightings", schema=SCHEMA)
    op.drop_constraint("uq_sightings_credit_code_source_type_source_id", "sightings", schema=SCHEMA)
    op.drop_index("ix_sightings_credit_code", "sightings", schema=SCHEMA)
    op.drop_column("sightings", "credit_code", schema=SCHEMA)
    op.drop_constraint("pk_subjects", "subjects", schema=SCHEMA)
    op.create_primary_key("pk_subjects", "subjects", ["id"], schema=SCHEMA)
    op.alter_column("subjects", "credit_code", nullable=True, schema=SCHEMA)
    op.create_unique_constraint("uq_subjects_credit_code", "subjects", ["credit_code"], schema=SCHEMA)
    op.create_index(
        "uq_subjects_individual",
        "subjects",
        ["id_number_masked", "name_normalised"],
        unique=True,
        schema=SCHEMA,
        postgresql_where=sa.text("credit_code IS NULL"),
    )
    op.create_foreign_key(
        "fk_sightings_subject_id_subjects",
        "sightings",
        "subjects",
        ["subject_id"],
        ["id"],
        source_schema=SCHEMA,
        referent_schema=SCHEMA,
    )
    op.create_unique_constraint(
        "uq_sightings_subject_id_source_type_source_id",
        "sightings",
        ["subject_id", "source_type", "source_id"],
        schema=SCHEMA,
    )
    op.create_index("ix_sightings_subject_id", "sightings", ["subject_id"], schema=SCHEMA)


def _subject_names_from_history() -> None:
    op.create_table(
        "subject_names",
        sa.Column("subject_id", UUID, nullable=False),
        sa.Column("name_normalised", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("subject_id", "name_normalised", name="pk_subject_names"),
        sa.ForeignKeyConstraint(
            ["subject_id"], [f"{SCHEMA}.subjects.id"], name="fk_subject_names_subject_id_subjects"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_subject_names_name_normalised", "subject_names", ["name_normalised"], schema=SCHEMA)
    normalised = NORMALISED.format(column="e->>'name'")
    op.execute(
        f"INSERT INTO {SCHEMA}.subject_names (subject_id, name_normalised, name, first_seen_at) "
        f"SELECT s.id, {normalised}, e->>'name', "
        "min((e->>'first_seen_at')::timestamptz) "
        f"FROM {SCHEMA}.subjects s, jsonb_array_elements(s.name_history) e "
        "GROUP BY 1, 2, 3 ON CONFLICT DO NOTHING"
    )
    op.drop_column("subjects", "name_history", schema=SCHEMA)


def _create_records() -> None:
    op.create_table(
        "records",
        sa.Column("id", UUID, nullable=False),
        sa.Column("record_no", sa.Text, nullable=False),
        sa.Column("subject_id", UUID, nullable=False),
        sa.Column("list_type", sa.Text, nullable=False),
        sa.Column("behaviour", sa.Text, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("underlying_decision", JSONB, nullable=False),
        sa.Column("basis_doc_nos", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("finding", sa.Text, nullable=False),
        sa.Column("origin", JSONB, nullable=False),
        sa.Column("dedup_key", sa.Text, nullable=False),
        sa.Column("requires_notice", sa.Boolean, nullable=False),
        sa.Column("repair_available", sa.Boolean, nullable=False),
        sa.Column("penalty_class", sa.Text),
        sa.Column("legal_basis", JSONB, nullable=False),
        sa.Column("notice", JSONB),
        sa.Column("hearing_requested_on", sa.Date),
        sa.Column("hearing_held_on", sa.Date),
        sa.Column("terms", JSONB),
        sa.Column("decided_on", sa.Date),
        sa.Column("period_end", sa.Date),
        sa.Column("published_on", sa.Date),
        sa.Column("publication_channel", sa.Text),
        sa.Column("repair_requested_on", sa.Date),
        sa.Column("repaired_on", sa.Date),
        sa.Column("expired_on", sa.Date),
        sa.Column("revoked_on", sa.Date),
        sa.Column("revocation_reason", sa.Text),
        sa.Column("withdrawal_due", sa.Date),
        sa.Column("withdrawn_on", sa.Date),
        sa.Column("overdue", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_records"),
        sa.UniqueConstraint("record_no", name="uq_records_record_no"),
        sa.UniqueConstraint("dedup_key", name="uq_records_dedup_key"),
        sa.ForeignKeyConstraint(
            ["subject_id"], [f"{SCHEMA}.subjects.id"], name="fk_records_subject_id_subjects"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_records_subject_id", "records", ["subject_id"], schema=SCHEMA)
    op.create_index(
        "ix_records_in_force", "records", ["subject_id"], schema=SCHEMA, postgresql_where=sa.text(IN_FORCE)
    )
    op.create_index(
        "ix_records_basis_doc_nos", "records", ["basis_doc_nos"], schema=SCHEMA, postgresql_using="gin"
    )
    op.create_index("ix_records_state", "records", ["state"], schema=SCHEMA)
    op.create_table(
        "record_history",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("record_id", UUID, nullable=False),
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("from_state", sa.Text),
        sa.Column("to_state", sa.Text, nullable=False),
        sa.Column("actor", JSONB, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("legal_basis", JSONB, nullable=False),
        sa.Column("documents", JSONB, nullable=False),
        sa.Column("note", sa.Text),
        sa.Column("details", JSONB, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_record_history"),
        sa.ForeignKeyConstraint(
            ["record_id"], [f"{SCHEMA}.records.id"], name="fk_record_history_record_id_records"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_record_history_record_id", "record_history", ["record_id", "id"], schema=SCHEMA)


def _create_findings_and_flags() -> None:
    op.create_table(
        "findings",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("subject_id", UUID, nullable=False),
        sa.Column("ip_type", sa.Text, nullable=False),
        sa.Column("right_number", sa.Text, nullable=False),
        sa.Column("right_key", sa.Text, nullable=False),
        sa.Column("case_id", UUID),
        sa.Column("decision_no", sa.Text, nullable=False),
        sa.Column("effective_on", sa.Date, nullable=False),
        sa.Column("revoked_on", sa.Date),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_findings"),
        sa.UniqueConstraint(
            "subject_id", "right_key", "decision_no", name="uq_findings_subject_id_right_key_decision_no"
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], [f"{SCHEMA}.subjects.id"], name="fk_findings_subject_id_subjects"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_findings_decision_no", "findings", ["decision_no"], schema=SCHEMA)
    op.create_table(
        "repeat_flags",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("subject_id", UUID, nullable=False),
        sa.Column("ip_type", sa.Text, nullable=False),
        sa.Column("right_number", sa.Text, nullable=False),
        sa.Column("decision_no", sa.Text, nullable=False),
        sa.Column("effective_on", sa.Date, nullable=False),
        sa.Column("prior_decisions", JSONB, nullable=False),
        sa.Column("record_id", UUID),
        sa.Column("flagged_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_repeat_flags"),
        sa.UniqueConstraint(
            "subject_id",
            "right_number",
            "decision_no",
            name="uq_repeat_flags_subject_id_right_number_decision_no",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], [f"{SCHEMA}.subjects.id"], name="fk_repeat_flags_subject_id_subjects"
        ),
        sa.ForeignKeyConstraint(
            ["record_id"], [f"{SCHEMA}.records.id"], name="fk_repeat_flags_record_id_records"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_repeat_flags_subject_id", "repeat_flags", ["subject_id"], schema=SCHEMA)


def _create_commitments_and_grades() -> None:
    op.create_table(
        "commitments",
        sa.Column("id", UUID, nullable=False),
        sa.Column("subject_id", UUID, nullable=False),
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("made_on", sa.Date, nullable=False),
        sa.Column("verification_due", sa.Date, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("verified_on", sa.Date),
        sa.Column("findings", sa.Text),
        sa.Column("breach_record_id", UUID),
        sa.Column("overdue", sa.Boolean, nullable=False),
        sa.Column("history", JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_commitments"),
        sa.ForeignKeyConstraint(
            ["subject_id"], [f"{SCHEMA}.subjects.id"], name="fk_commitments_subject_id_subjects"
        ),
        sa.ForeignKeyConstraint(
            ["breach_record_id"], [f"{SCHEMA}.records.id"], name="fk_commitments_breach_record_id_records"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_commitments_subject_id", "commitments", ["subject_id"], schema=SCHEMA)
    op.create_table(
        "grades",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("subject_id", UUID, nullable=False),
        sa.Column("grade", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("as_of", sa.Date, nullable=False),
        sa.Column("valid_until", sa.Date),
        sa.Column("reference", sa.Text),
        sa.Column("rule_id", sa.Text),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_grades"),
        sa.UniqueConstraint("subject_id", "source", "as_of", name="uq_grades_subject_id_source_as_of"),
        sa.ForeignKeyConstraint(
            ["subject_id"], [f"{SCHEMA}.subjects.id"], name="fk_grades_subject_id_subjects"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_grades_subject_id_as_of", "grades", ["subject_id", "as_of"], schema=SCHEMA)


def _create_unmatched_inputs() -> None:
    op.create_table(
        "unmatched_inputs",
        sa.Column("id", UUID, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("subject", JSONB, nullable=False),
        sa.Column("payload", JSONB, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_by", sa.Text),
        sa.Column("settled_at", sa.DateTime(timezone=True)),
        sa.Column("settlement", JSONB),
        sa.PrimaryKeyConstraint("id", name="pk_unmatched_inputs"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_unmatched_inputs_open",
        "unmatched_inputs",
        ["received_at"],
        schema=SCHEMA,
        postgresql_where=sa.text("status = 'open'"),
    )


def downgrade() -> None:
    """Back to subjects keyed by credit code. Individuals (no code) and everything new are dropped."""
    drop_counter_table_v1(SCHEMA)
    drop_idempotency_table_v1(SCHEMA)
    for table in ("unmatched_inputs", "grades", "commitments", "repeat_flags", "findings", "record_history"):
        op.drop_table(table, schema=SCHEMA)
    op.drop_table("records", schema=SCHEMA)
    op.execute(
        f"DELETE FROM {SCHEMA}.sightings WHERE subject_id IN "
        f"(SELECT id FROM {SCHEMA}.subjects WHERE credit_code IS NULL)"
    )
    op.execute(
        f"DELETE FROM {SCHEMA}.subject_names WHERE subject_id IN "
        f"(SELECT id FROM {SCHEMA}.subjects WHERE credit_code IS NULL)"
    )
    op.execute(f"DELETE FROM {SCHEMA}.subjects WHERE credit_code IS NULL")
    op.add_column("subjects", sa.Column("name_history", JSONB), schema=SCHEMA)
    op.execute(
        f"UPDATE {SCHEMA}.subjects s SET name_history = coalesce(("
        "SELECT jsonb_agg(jsonb_build_object('name', n.name, 'first_seen_at', n.first_seen_at) "
        "ORDER BY n.first_seen_at) "
        f"FROM {SCHEMA}.subject_names n WHERE n.subject_id = s.id), '[]'::jsonb)"
    )
    op.alter_column("subjects", "name_history", nullable=False, schema=SCHEMA)
    op.drop_table("subject_names", schema=SCHEMA)
    op.add_column("sightings", sa.Column("credit_code", sa.Text), schema=SCHEMA)
    op.execute(
        f"UPDATE {SCHEMA}.sightings t SET credit_code = s.credit_code "
        f"FROM {SCHEMA}.subjects s WHERE s.id = t.subject_id"
    )
    op.alter_column("sightings", "credit_code", nullable=False, schema=SCHEMA)
    op.drop_index("ix_sightings_subject_id", "sightings", schema=SCHEMA)
    op.drop_constraint("uq_sightings_subject_id_source_type_source_id", "sightings", schema=SCHEMA)
    op.drop_constraint("fk_sightings_subject_id_subjects", "sightings", schema=SCHEMA)
    op.drop_column("sightings", "subject_id", schema=SCHEMA)
    op.drop_index("uq_subjects_individual", "subjects", schema=SCHEMA)
    op.drop_constraint("uq_subjects_credit_code", "subjects", schema=SCHEMA)
    op.drop_constraint("pk_subjects", "subjects", schema=SCHEMA)
    op.alter_column("subjects", "credit_code", nullable=False, schema=SCHEMA)
    op.create_primary_key("pk_subjects", "subjects", ["credit_code"], schema=SCHEMA)
    for column in ("name_normalised", "legal_representative", "id_number_masked", "kind", "id"):
        op.drop_column("subjects", column, schema=SCHEMA)
    op.create_foreign_key(
        "fk_sightings_credit_code_subjects",
        "sightings",
        "subjects",
        ["credit_code"],
        ["credit_code"],
        source_schema=SCHEMA,
        referent_schema=SCHEMA,
    )
    op.create_unique_constraint(
        "uq_sightings_credit_code_source_type_source_id",
        "sightings",
        ["credit_code", "source_type", "source_id"],
        schema=SCHEMA,
    )
    op.create_index("ix_sightings_credit_code", "sightings", ["credit_code"], schema=SCHEMA)
