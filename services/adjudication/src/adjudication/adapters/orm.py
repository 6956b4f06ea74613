"""Adjudication's tables, all in the ``adjudication`` schema.

A case is stored as one row: the columns that queries filter and sort on, plus ``file`` (JSONB), the
whole aggregate as the repository serialises it. Projections kept in step with it on every save:
``case_assignments`` (work queues), ``hearing_bookings`` (an exclusion constraint refuses double
bookings of rooms and people). A case belongs to an office (``office_code``), which office scope
filters on by division prefix. ``case_record`` (``shared.case_record``) is the timeline of both case
types. ``docket_registry`` and ``findings`` hold this and other offices' dockets and effective
findings (first-to-accept, repeat infringement). The ``audit_*`` tables (``shared.audit``) hold the
hash-chained audit trail of every step, room, refusal and sensitive read.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Identity,
    Index,
    Integer,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, TSTZRANGE, UUID, ExcludeConstraint

from shared.case_record import case_record_table
from shared.db import service_metadata
from shared.messaging.tables import messaging_tables
from shared.numbering import counter_table

metadata = service_metadata("adjudication")
messaging = messaging_tables(metadata, audit=True)
number_counters = counter_table(metadata)
case_record = case_record_table(metadata)

cases = Table(
    "cases",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("case_no", Text, nullable=False, unique=True),
    Column("complaint_id", UUID(as_uuid=True), nullable=False, unique=True),
    Column("complaint_reference", Text, nullable=False),
    Column("ip_type", Text, nullable=False),
    Column("patent_number", Text, nullable=False),
    Column("requester", JSONB, nullable=False),
    Column("respondents", JSONB, nullable=False),
    Column("state", Text, nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("correlation_id", Text),
    Column("docket_no", Text, unique=True),
    Column("procedure", Text, nullable=False, server_default=text("'ordinary'")),
    Column("outcome", Text),
    Column("received_at", DateTime(timezone=True)),
    Column("docketed_on", Date),
    Column("decided_on", Date),
    Column("effective_on", Date),
    Column("next_due", Date),
    Column("duty_due", Date),
    Column("search_text", Text, nullable=False, server_default=text("''")),
    Column("version", Integer, nullable=False, server_default=text("0")),
    Column("file", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("office_code", Text, nullable=False),
    Index("ix_cases_state_next_due", "state", "next_due"),
    Index("ix_cases_patent_number", "patent_number"),
    Index(
        "ix_cases_search_text",
        "search_text",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    ),
    Index("ix_cases_office_code", "office_code"),
)

case_assignments = Table(
    "case_assignments",
    metadata,
    Column("case_id", UUID(as_uuid=True), primary_key=True),
    Column("participant_id", Text, primary_key=True),
    Column("person_id", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("active", Boolean, nullable=False),
    Index("ix_case_assignments_person_id", "person_id", postgresql_where=text("active")),
)

hearing_rooms = Table(
    "hearing_rooms",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("mode", Text, nullable=False),
    Column("location", Text, nullable=False),
    Column("active", Boolean, nullable=False, server_default=text("true")),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

hearing_bookings = Table(
    "hearing_bookings",
    metadata,
    Column("hearing_id", Text, primary_key=True),
    Column("resource", Text, primary_key=True),
    Column("case_id", UUID(as_uuid=True), nullable=False),
    Column("case_no", Text, nullable=False),
    Column("during", TSTZRANGE, nullable=False),
    ExcludeConstraint(
        ("resource", "="), ("during", "&&"), name="ex_hearing_bookings_no_overlap", using="gist"
    ),
    Index("ix_hearing_bookings_case_id", "case_id"),
)

findings = Table(
    "findings",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("source_event_id", Text, unique=True),
    Column("case_id", UUID(as_uuid=True)),
    Column("office_code", Text, nullable=False),
    Column("decision_no", Text, nullable=False),
    Column("patent_number", Text, nullable=False),
    Column("subject_key", Text, nullable=False),
    Column("subject_name", Text, nullable=False),
    Column("effective_on", Date, nullable=False),
    UniqueConstraint("decision_no", "office_code", "subject_key", name="uq_findings_decision_subject"),
    Index("ix_findings_patent_subject", "patent_number", "subject_key"),
)

docket_registry = Table(
    "docket_registry",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("office_code", Text, nullable=False),
    Column("case_ref", Text, nullable=False),
    Column("docket_no", Text, nullable=False),
    Column("patent_number", Text, nullable=False),
    Column("requester_key", Text, nullable=False),
    Column("respondent_key", Text, nullable=False),
    Column("docketed_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("office_code", "case_ref", "respondent_key", name="uq_docket_registry_case_respondent"),
    Index("ix_docket_registry_dispute", "patent_number", "respondent_key", "requester_key"),
)

penalty_cases = Table(
    "penalty_cases",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("case_no", Text, nullable=False, unique=True),
    Column("state", Text, nullable=False),
    Column("subject_name", Text, nullable=False),
    Column("subject_credit_code", Text),
    Column("filed_on", Date, nullable=False),
    Column("decision_no", Text, unique=True),
    Column("next_due", Date),
    Column("version", Integer, nullable=False, server_default=text("0")),
    Column("file", JSONB, nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("correlation_id", Text),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("office_code", Text, nullable=False),
    Column("law", Text, nullable=False, server_default=text("'counterfeit_patent'")),
    Column("subject_key", Text, nullable=False),
    Column("decided_on", Date),
    Index("ix_penalty_cases_office_code", "office_code"),
    Index("ix_penalty_cases_subject_key", "subject_key", "decided_on"),
)
