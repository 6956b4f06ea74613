"""The partners service's tables, all in the ``partners`` schema.

``partners``            the registry (admin-managed, audited)
``partner_keys``        each partner's public keys (JWK), with status for rotation; ``kid`` is unique
                        across partners, so a signature's key id names its sender
``feed``                each partner's feed: a gap-free ``seq`` per partner, the signed CloudEvent;
                        kept for ``PARTNERS_FEED_RETENTION_DAYS`` (law-required keeping)
``feed_heads``          the last ``seq`` handed out per partner (the row lock that keeps seq gap-free)
``inbound_messages``    every message a partner sent: verified and forwarded, or refused and why
``webhook_deliveries``  one row per (partner, seq) to deliver by webhook: attempts, next attempt, result
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB, UUID

from shared.db import service_metadata
from shared.messaging.tables import messaging_tables

metadata = service_metadata("partners")
messaging = messaging_tables(metadata, audit=True)

partners = Table(
    "partners",
    metadata,
    Column("code", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("jurisdiction", ARRAY(Text), nullable=False),
    Column("channels", ARRAY(Text), nullable=False),
    Column("webhook_url", Text),
    Column("webhook_secret", Text),
    Column("active", Boolean, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
)

partner_keys = Table(
    "partner_keys",
    metadata,
    Column("kid", Text, primary_key=True),
    Column("partner_code", Text, ForeignKey("partners.partners.code"), nullable=False),
    Column("jwk", JSONB, nullable=False),
    Column("status", Text, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_partner_keys_partner_code", "partner_code"),
)

feed = Table(
    "feed",
    metadata,
    Column("partner_code", Text, primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
    Column("event_type", Text, nullable=False),
    Column("time", DateTime(timezone=True), nullable=False),
    Column("source_event_id", Text, nullable=False),
    Column("cloudevent", JSONB, nullable=False),
    Column("signature", Text, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_feed_partner_time", "partner_code", "time"),
    Index("ix_feed_recorded_at", "recorded_at"),
    Index("uq_feed_partner_source", "partner_code", "source_event_id", "event_type", unique=True),
)

feed_heads = Table(
    "feed_heads",
    metadata,
    Column("partner_code", Text, primary_key=True),
    Column("last_seq", BigInteger, nullable=False, server_default=text("0")),
)

inbound_messages = Table(
    "inbound_messages",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("original_id", Text, nullable=False),
    Column("original_type", Text),
    Column("partner_code", Text),
    Column("kid", Text),
    Column("channel", Text, nullable=False),
    Column("accepted", Boolean, nullable=False),
    Column("forwarded_id", UUID(as_uuid=True)),
    Column("reason_code", Text),
    Column("reason", Text),
    Column("reason_zh", Text),
    Column("received_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_inbound_messages_rejected", "received_at", postgresql_where=text("NOT accepted")),
    Index("ix_inbound_messages_forwarded_id", "forwarded_id"),
)

webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("partner_code", Text, nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("status", Text, nullable=False),  # pending | delivered | failed
    Column("attempts", Integer, nullable=False, server_default=text("0")),
    Column("next_attempt_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("last_status_code", Integer),
    Column("last_error", Text),
    Column("delivered_at", DateTime(timezone=True)),
    Column("latency_ms", Integer),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("ix_webhook_deliveries_partner", "partner_code", "id"),
    Index("ix_webhook_deliveries_entry", "partner_code", "seq"),
    Index(
        "ix_webhook_deliveries_pending_by_partner",
        "partner_code",
        "id",
        postgresql_where=text("status = 'pending'"),
    ),
    Index(
        "ix_webhook_deliveries_failed_by_partner", "partner_code", postgresql_where=text("status = 'failed'")
    ),
)
