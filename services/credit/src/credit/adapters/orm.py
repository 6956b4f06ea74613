"""Credit's tables, all in the ``credit`` schema."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from shared.case_record import case_record_table
from shared.db import service_metadata
from shared.messaging.tables import messaging_tables
from shared.numbering import counter_table
from shared.web.idempotency import idempotency_table

metadata = service_metadata("credit")
messaging = messaging_tables(metadata, audit=True)
idempotency_keys = idempotency_table(metadata)
number_counters = counter_table(metadata)
case_record = case_record_table(metadata)
"""Every event of every credit aggregate (records, commitments, subjects), in the order it happened."""

IN_FORCE_SQL = "state IN ('LISTED', 'PUBLISHED', 'REPAIR_REQUESTED', 'REPAIR_DENIED')"

subjects = Table(
    "subjects",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("kind", Text, nullable=False),
    Column("credit_code", Text, unique=True),
    Column("id_number_masked", Text),
    Column("name", Text, nullable=False),
    Column("name_normalised", Text, nullable=False),
    Column("legal_representative", Text),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
    Index(
        "uq_subjects_individual",
        "id_number_masked",
        "name_normalised",
        unique=True,
        postgresql_where=text("credit_code IS NULL"),
    ),
)

subject_names = Table(
    "subject_names",
    metadata,
    Column("subject_id", UUID(as_uuid=True), ForeignKey("credit.subjects.id"), primary_key=True),
    Column("name_normalised", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Index("ix_subject_names_name_normalised", "name_normalised"),
)

sightings = Table(
    "sightings",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("subject_id", UUID(as_uuid=True), ForeignKey("credit.subjects.id"), nullable=False),
    Column("source_type", Text, nullable=False),
    Column("source_id", Text, nullable=False),
    Column("name_seen", Text, nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("subject_id", "source_type", "source_id"),
    Index("ix_sightings_subject_id", "subject_id"),
)

records = Table(
    "records",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("record_no", Text, nullable=False, unique=True),
    Column("subject_id", UUID(as_uuid=True), ForeignKey("credit.subjects.id"), nullable=False),
    Column("office_code", Text, nullable=False),
    Column("list_type", Text, nullable=False),
    Column("behaviour", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("underlying_decision", JSONB, nullable=False),
    Column("basis_doc_nos", ARRAY(Text), nullable=False),
    Column("finding", Text, nullable=False),
    Column("origin", JSONB, nullable=False),
    Column("dedup_key", Text, nullable=False, unique=True),
    Column("requires_notice", Boolean, nullable=False),
    Column("repair_available", Boolean, nullable=False),
    Column("penalty_class", Text),
    Column("legal_basis", JSONB, nullable=False),
    Column("notice", JSONB),
    Column("hearing_requested_on", Date),
    Column("hearing_held_on", Date),
    Column("terms", JSONB),
    Column("decided_on", Date),
    Column("period_end", Date),
    Column("published_on", Date),
    Column("publication_channel", Text),
    Column("repair_requested_on", Date),
    Column("repaired_on", Date),
    Column("expired_on", Date),
    Column("revoked_on", Date),
    Column("revocation_reason", Text),
    Column("withdrawal_due", Date),
    Column("withdrawn_on", Date),
    Column("proposal", JSONB),
    Column("overdue", ARRAY(Text), nullable=False),
    Column("deadlines", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_records_subject_id", "subject_id"),
    Index("ix_records_in_force", "subject_id", postgresql_where=text(IN_FORCE_SQL)),
    Index("ix_records_basis_doc_nos", "basis_doc_nos", postgresql_using="gin"),
    Index("ix_records_state", "state"),
    Index("ix_records_office_code", "office_code"),
)

findings = Table(
    "findings",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("subject_id", UUID(as_uuid=True), ForeignKey("credit.subjects.id"), nullable=False),
    Column("ip_type", Text, nullable=False),
    Column("right_number", Text, nullable=False),
    Column("right_key", Text, nullable=False),
    Column("case_id", UUID(as_uuid=True)),
    Column("decision_no", Text, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("revoked_on", Date),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("subject_id", "right_key", "decision_no"),
    Index("ix_findings_decision_no", "decision_no"),
)

repeat_flags = Table(
    "repeat_flags",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("subject_id", UUID(as_uuid=True), ForeignKey("credit.subjects.id"), nullable=False),
    Column("ip_type", Text, nullable=False),
    Column("right_number", Text, nullable=False),
    Column("decision_no", Text, nullable=False),
    Column("effective_on", Date, nullable=False),
    Column("prior_decisions", JSONB, nullable=False),
    Column("record_id", UUID(as_uuid=True), ForeignKey("credit.records.id")),
    Column("flagged_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("subject_id", "right_number", "decision_no"),
    Index("ix_repeat_flags_subject_id", "subject_id"),
)

commitments = Table(
    "commitments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("subject_id", UUID(as_uuid=True), ForeignKey("credit.subjects.id"), nullable=False),
    Column("office_code", Text, nullable=False),
    Column("scope", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("made_on", Date, nullable=False),
    Column("verification_due", Date, nullable=False),
    Column("status", Text, nullable=False),
    Column("verified_on", Date),
    Column("findings", Text),
    Column("breach_record_id", UUID(as_uuid=True), ForeignKey("credit.records.id")),
    Column("overdue", Boolean, nullable=False),
    Column("deadlines", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # set by a trigger on every update (migration credit_h6_lists_updated_at)
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_commitments_subject_id", "subject_id"),
    Index("ix_commitments_office_code", "office_code"),
    Index("ix_commitments_updated_at", "updated_at", "id"),
)

grades = Table(
    "grades",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("subject_id", UUID(as_uuid=True), ForeignKey("credit.subjects.id"), nullable=False),
    Column("grade", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("as_of", Date, nullable=False),
    Column("valid_until", Date),
    Column("reference", Text),
    Column("rule_id", Text),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("subject_id", "source", "as_of"),
    Index("ix_grades_subject_id_as_of", "subject_id", "as_of"),
)

unmatched_inputs = Table(
    "unmatched_inputs",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("kind", Text, nullable=False),
    Column("subject", JSONB, nullable=False),
    Column("payload", JSONB, nullable=False),
    Column("reason", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("settled_by", Text),
    Column("settled_at", DateTime(timezone=True)),
    Column("settlement", JSONB),
    # set by a trigger on every update (migration credit_h6_lists_updated_at)
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_unmatched_inputs_open", "received_at", postgresql_where=text("status = 'open'")),
    Index("ix_unmatched_inputs_updated_at", "updated_at", "id"),
)
