"""Intake's tables, all in the ``intake`` schema."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Identity, Table, Text
from sqlalchemy.dialects.postgresql import JSONB, UUID

from shared.db import service_metadata
from shared.messaging.tables import messaging_tables
from shared.web.idempotency import idempotency_table

metadata = service_metadata("intake")
messaging = messaging_tables(metadata)
idempotency_keys = idempotency_table(metadata)

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
)
