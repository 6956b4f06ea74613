"""Mediation's tables, all in the ``mediation`` schema."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID

from shared.db import service_metadata
from shared.messaging.tables import messaging_tables
from shared.numbering import counter_table

metadata = service_metadata("mediation")
messaging = messaging_tables(metadata)
number_counters = counter_table(metadata)

mediation_cases = Table(
    "mediation_cases",
    metadata,
    Column("id", UUID(as_uuid=True), primary_key=True),
    Column("case_no", Text, nullable=False, unique=True),
    Column("complaint_id", UUID(as_uuid=True), unique=True),
    Column("ip_type", Text, nullable=False),
    Column("right_number", Text, nullable=False),
    Column("applicant", JSONB, nullable=False),
    Column("other_parties", JSONB, nullable=False),
    Column("state", Text, nullable=False),
    Column("opened_at", DateTime(timezone=True), nullable=False),
    Column("correlation_id", Text),
)
