"""Adjudication's tables, all in the ``adjudication`` schema."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID

from shared.db import service_metadata
from shared.messaging.tables import messaging_tables
from shared.numbering import counter_table

metadata = service_metadata("adjudication")
messaging = messaging_tables(metadata)
number_counters = counter_table(metadata)

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
)
