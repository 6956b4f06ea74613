"""Mediation's tables, all in the ``mediation`` schema.

A case row holds the case's scalar facts and its small value lists (parties, tracked deadlines,
extensions, objections) as JSONB; the entities other rows point at or that are queried on their own
(assignments for a mediator's load, agreements, confirmation applications for court answers)
have tables of their own. ``case_record`` (``shared.case_record``) is the append-only record of
every event of every case; the ``audit_*`` tables (``shared.audit``) the hash-chained audit trail of
every step, roster change, refusal and sensitive read. A case belongs to an office
(``office_code``), which office scope filters on by division prefix.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Table,
    Text,
    func,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from shared.case_record import case_record_table
from shared.db import service_metadata
from shared.messaging.tables import messaging_tables
from shared.numbering import counter_table

metadata = service_metadata("mediation")
messaging = messaging_tables(metadata, audit=True)
number_counters = counter_table(metadata)
case_record = case_record_table(metadata)

mediation_cases = Table(
    "mediation_cases",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("case_no", Text, nullable=False, unique=True),
    Column("complaint_id", UUID(as_uuid=True), unique=True),
    Column("kind", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("origin_id", Text, nullable=False),
    Column("court_assignment_id", Text, unique=True),
    Column("court", JSONB),
    Column("ip_type", Text, nullable=False),
    Column("right_number", Text, nullable=False),
    Column("right_numbers", JSONB, nullable=False),
    Column("parties", JSONB, nullable=False),
    Column("dispute_summary", Text, nullable=False),
    Column("damages_only", Boolean, nullable=False),
    Column("office_region_code", Text),
    Column("office_code", Text, nullable=False),
    Column("state", Text, nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("state_changed_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("started_at", DateTime(timezone=True)),
    Column("concluded_at", DateTime(timezone=True)),
    Column("deadlines", JSONB, nullable=False),
    Column("consents", JSONB, nullable=False),
    Column("extensions", JSONB, nullable=False),
    Column("termination", JSONB),
    Column("objections", JSONB, nullable=False),
    Column("ruling_receipts", JSONB, nullable=False),
    Column("enforcement", JSONB),
    Column("correlation_id", Text),
    Index("ix_mediation_cases_state", "state"),
    Index("ix_mediation_cases_origin", "origin", "origin_id"),
    Index("ix_mediation_cases_updated_at", "updated_at", "id"),
    Index("ix_mediation_cases_office_code", "office_code"),
)

mediator_assignments = Table(
    "mediator_assignments",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), ForeignKey("mediation_cases.id"), nullable=False, index=True),
    Column("mediator_id", UUID(as_uuid=True), ForeignKey("mediators.id"), nullable=False),
    Column("organisation_id", UUID(as_uuid=True), ForeignKey("mediation_organisations.id"), nullable=False),
    Column("mediator_name", Text, nullable=False),
    Column("organisation_name", Text, nullable=False),
    Column("mediator_account", Text),
    Column("status", Text, nullable=False),
    Column("assigned_at", DateTime(timezone=True), nullable=False),
    Column("assigned_by", JSONB, nullable=False),
    Column("respond_by", Date),
    Column("responded_at", DateTime(timezone=True)),
    Column("reason", Text),
    Index("ix_mediator_assignments_mediator_status", "mediator_id", "status"),
)

agreements = Table(
    "agreements",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), ForeignKey("mediation_cases.id"), nullable=False, index=True),
    Column("number", Text, nullable=False, unique=True),
    Column("version", Integer, nullable=False),
    Column("status", Text, nullable=False),
    Column("content", JSONB, nullable=False),
    Column("eligibility", JSONB, nullable=False),
    Column("signatures", JSONB, nullable=False),
    Column("performance", JSONB, nullable=False),
    Column("drafted_at", DateTime(timezone=True), nullable=False),
    Column("drafted_by", JSONB, nullable=False),
    Column("effective_at", DateTime(timezone=True)),
    Column("performed_on", Date),
)

confirmation_applications = Table(
    "confirmation_applications",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("case_id", UUID(as_uuid=True), ForeignKey("mediation_cases.id"), nullable=False, index=True),
    Column("agreement_id", UUID(as_uuid=True), ForeignKey("agreements.id"), nullable=False),
    Column("court_code", Text, nullable=False),
    Column("court_name", Text, nullable=False),
    Column("competence", JSONB, nullable=False),
    Column("applicants", JSONB, nullable=False),
    Column("materials", JSONB, nullable=False),
    Column("warnings", JSONB, nullable=False),
    Column("status", Text, nullable=False),
    Column("filed_at", DateTime(timezone=True), nullable=False),
    Column("docket_no", Text),
    Column("accepted_at", DateTime(timezone=True)),
    Column("ruling_no", Text),
    Column("ruled_at", DateTime(timezone=True)),
    Column("reasons", Text),
    Column("withdrawn_at", DateTime(timezone=True)),
)

mediation_organisations = Table(
    "mediation_organisations",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("kind", Text, nullable=False),
    Column("seat_region_code", Text, nullable=False),
    Column("registered_on_court_platform", Boolean, nullable=False),
    Column("court_platform_code", Text),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # set by a trigger on every update (migration mediation_h6_roster_updated_at)
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_mediation_organisations_updated_at", "updated_at", "id"),
)

mediators = Table(
    "mediators",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column(
        "organisation_id",
        UUID(as_uuid=True),
        ForeignKey("mediation_organisations.id"),
        nullable=False,
        index=True,
    ),
    Column("name", Text, nullable=False),
    Column("account", Text, unique=True),
    Column("specialties", JSONB, nullable=False),
    Column("regions", JSONB, nullable=False),
    Column("registered_on_court_platform", Boolean, nullable=False),
    Column("max_active_cases", Integer, nullable=False),
    Column("conflicts", JSONB, nullable=False),
    Column("active", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # set by a trigger on every update (migration mediation_h6_roster_updated_at)
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_mediators_updated_at", "updated_at", "id"),
)
