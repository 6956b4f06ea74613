"""Credit's tables, all in the ``credit`` schema."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB

from shared.db import service_metadata
from shared.messaging.tables import messaging_tables

metadata = service_metadata("credit")
messaging = messaging_tables(metadata)

subjects = Table(
    "subjects",
    metadata,
    Column("credit_code", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_history", JSONB, nullable=False),
    Column("first_seen_at", DateTime(timezone=True), nullable=False),
    Column("last_seen_at", DateTime(timezone=True), nullable=False),
)

sightings = Table(
    "sightings",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("credit_code", Text, ForeignKey("credit.subjects.credit_code"), nullable=False),
    Column("source_type", Text, nullable=False),
    Column("source_id", Text, nullable=False),
    Column("name_seen", Text, nullable=False),
    Column("seen_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("credit_code", "source_type", "source_id"),
    Index("ix_sightings_credit_code", "credit_code"),
)
