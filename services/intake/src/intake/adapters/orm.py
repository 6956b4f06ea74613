"""Intake's tables, all in the ``intake`` schema.

Aggregates are stored whole in a ``body`` JSONB column (mapped by :mod:`intake.adapters.codec`),
with the columns that queries filter, sort or join on kept alongside; ``case_record`` holds what
happened to them, ``deadlines`` the work queue.
"""

from __future__ import annotations

from typing import Any

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
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from shared.case_record import case_record_table
from shared.db import service_metadata
from shared.messaging.tables import messaging_tables
from shared.web.idempotency import idempotency_table

metadata = service_metadata("intake")
messaging = messaging_tables(metadata, audit=True)
idempotency_keys = idempotency_table(metadata)


def _now() -> Column[Any]:
    return Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now())


complaints = Table(
    "complaints",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("sequence", BigInteger, Identity(), nullable=False, unique=True),
    Column("ip_type", Text, nullable=False),
    Column("right_number", Text, nullable=False),
    Column("complainant", JSONB, nullable=False),
    Column("respondents", JSONB, nullable=False),
    Column("facts", Text, nullable=False),
    Column("requested_procedure", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("received_at", DateTime(timezone=True), nullable=False),
    Column("correlation_id", Text),
    Column("channel", Text, nullable=False, server_default="online"),
    Column("centre", Text, nullable=False, server_default=""),
    Column("office_code", Text, nullable=False),
    Column("track", Text),
    Column("examiner_id", Text),
    Column("linked_complaint_id", UUID(as_uuid=True)),
    Column("body", JSONB),
    Column("version", Integer, nullable=False, server_default="0"),
    _now(),
    Column("search_text", Text, nullable=False, server_default=""),
    Index("ix_complaints_received_at", "received_at", "sequence"),
    Index(
        "ix_complaints_search_text",
        "search_text",
        postgresql_using="gin",
        postgresql_ops={"search_text": "gin_trgm_ops"},
    ),
    Index("ix_complaints_status", "status"),
    Index("ix_complaints_office_code", "office_code"),
    Index(
        "ix_complaints_status_received",
        "status",
        "received_at",
        "sequence",
        postgresql_include=["office_code"],
    ),
)

complaint_keys = Table(
    "complaint_keys",
    metadata,
    Column("complaint_id", UUID(as_uuid=True), primary_key=True),
    Column("kind", Text, primary_key=True),
    Column("value", Text, primary_key=True),
    Index("ix_complaint_keys_value", "value"),
)

case_record = case_record_table(metadata)
"""Every event of every complaint and of its workflow records (``shared.case_record``)."""

evidence = Table(
    "evidence",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("complaint_id", UUID(as_uuid=True), nullable=False),
    Column("file_name", Text, nullable=False),
    Column("media_type", Text, nullable=False),
    Column("size_bytes", BigInteger, nullable=False),
    Column("sha256", Text, nullable=False),
    Column("storage_key", Text, nullable=False),
    Column("source", Text),
    Column("notarisation_ref", Text),
    Column("description", Text),
    Column("uploaded_by", Text, nullable=False),
    Column("uploaded_at", DateTime(timezone=True), nullable=False),
    Column("scan_status", Text, nullable=False, server_default="not_scanned"),
    Index("ix_evidence_complaint_sha", "complaint_id", "sha256", unique=True),
)

deadlines = Table(  # the work queue: a projection of the tracked deadlines (adapters/deadlines.py)
    "deadlines",
    metadata,
    Column("subject_id", UUID(as_uuid=True), primary_key=True),
    Column("step", Text, primary_key=True),
    Column("complaint_id", UUID(as_uuid=True), nullable=False),
    Column("subject", Text, nullable=False),
    Column("period", Text, nullable=False),
    Column("due_at", DateTime(timezone=True)),
    Column("warn_at", DateTime(timezone=True)),
    Column("status", Text, nullable=False),
    Column("provisional", Boolean, nullable=False, server_default="false"),
    Column("note", Text),
    Column("explanation", Text),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("closed_at", DateTime(timezone=True)),
    Index(
        "ix_deadlines_open_order",
        text("due_at ASC NULLS LAST"),
        "created_at",
        postgresql_where="status = 'open'",
    ),
)

rights = Table(
    "rights",
    metadata,
    Column("ip_type", Text, primary_key=True),
    Column("number_key", Text, primary_key=True),
    Column("number", Text, nullable=False),
    Column("holder_name", Text, nullable=False),
    Column("holder_credit_code", Text),
    Column("status", Text, nullable=False),
    Column("valid_until", Date),
    Column("title", Text),
    Column("licensees", JSONB, nullable=False),
    Column("source", Text, nullable=False),
    _now(),
)

right_evaluation_reports = Table(
    "right_evaluation_reports",
    metadata,
    Column("ip_type", Text, primary_key=True),
    Column("number_key", Text, primary_key=True),
    Column("report_no", Text, primary_key=True),
    Column("number", Text, nullable=False),
    Column("conclusion", Text, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
)

import_jobs = Table(
    "import_jobs",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("storage_key", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("total_rows", Integer),
    Column("processed_rows", Integer, nullable=False, server_default="0"),
    Column("inserted", Integer, nullable=False, server_default="0"),
    Column("updated", Integer, nullable=False, server_default="0"),
    Column("failed_rows", Integer, nullable=False, server_default="0"),
    Column("status_changes", Integer, nullable=False, server_default="0"),
    Column("error", Text),
    Column("created_by", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
)

import_errors = Table(
    "import_errors",
    metadata,
    Column("job_id", UUID(as_uuid=True), primary_key=True),
    Column("row_number", Integer, primary_key=True),
    Column("field", Text, primary_key=True),
    Column("message", Text, nullable=False),
)

complaint_imports = Table(
    "complaint_imports",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("format", Text, nullable=False),
    Column("storage_key", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("total_rows", Integer),
    Column("processed_rows", Integer, nullable=False, server_default="0"),
    Column("imported", Integer, nullable=False, server_default="0"),
    Column("skipped", Integer, nullable=False, server_default="0"),
    Column("failed_rows", Integer, nullable=False, server_default="0"),
    Column("error", Text),
    Column("created_by", Text, nullable=False),
    Column("importer", JSONB, nullable=False),
    Column("office_code", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("started_at", DateTime(timezone=True)),
    Column("finished_at", DateTime(timezone=True)),
    Index(
        "ix_complaint_imports_claimable", "created_at", postgresql_where="status IN ('pending', 'running')"
    ),
)

complaint_import_errors = Table(
    "complaint_import_errors",
    metadata,
    Column("job_id", UUID(as_uuid=True), primary_key=True),
    Column("row_number", Integer, primary_key=True),
    Column("field", Text, primary_key=True),
    Column("message", Text, nullable=False),
)

complaint_import_rows = Table(
    "complaint_import_rows",
    metadata,
    Column("row_key", Text, primary_key=True),
    Column("complaint_id", UUID(as_uuid=True), nullable=False),
    Column("job_id", UUID(as_uuid=True), nullable=False),
)

examiners = Table(
    "examiners",
    metadata,
    Column("id", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("centre", Text, nullable=False),
    Column("interests", JSONB, nullable=False),
    _now(),
)


def _workflow_table(name: str) -> Table:
    return Table(
        name,
        metadata,
        Column("id", UUID(as_uuid=True), primary_key=True),
        Column("complaint_id", UUID(as_uuid=True), nullable=False, index=True),
        Column("status", Text, nullable=False),
        Column("body", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        _now(),
    )


centre_cases = _workflow_table("centre_cases")
trade_fair_cases = _workflow_table("trade_fair_cases")
ecommerce_notices = _workflow_table("ecommerce_notices")

downstream_cases = Table(
    "downstream_cases",
    metadata,
    Column("case_id", UUID(as_uuid=True), primary_key=True),
    Column("service", Text, nullable=False),
    Column("complaint_id", UUID(as_uuid=True), nullable=False),
    Column("state", Text),  # the last state the service announced (adjudication.case.transitioned)
    Column("state_at", DateTime(timezone=True)),
)
