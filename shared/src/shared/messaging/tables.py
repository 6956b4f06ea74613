"""The messaging tables every service has in its own schema: outbox, relay state and inbox.

``outbox``       events written in the same transaction as the state change, relayed in ``id`` order
``relay_state``  one row: the broker cluster the outbox was last relayed to (detects a fresh broker)
``inbox``        (consumer, event id) of every event a consumer has applied, written in the same
                 transaction as the consumer's effects, so a redelivered event has no second effect
``timers``       durable timers (see :mod:`shared.timers`)
``audit_*``      the tamper-evident audit trail (see :mod:`shared.audit`), for services that declare it
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    Table,
    Text,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB, UUID

from shared.audit.tables import AuditTables, audit_tables
from shared.timers.store import timer_table


@dataclass(frozen=True, slots=True)
class MessagingTables:
    outbox: Table
    relay_state: Table
    inbox: Table
    timers: Table
    audit: AuditTables | None = None

    @property
    def schema(self) -> str:
        if self.outbox.schema is None:
            raise ValueError("a service's messaging tables belong to its schema")
        return self.outbox.schema


def messaging_tables(metadata: MetaData, *, audit: bool = False) -> MessagingTables:
    """Declare the tables on a service's metadata (its schema comes from the metadata).

    With ``audit``, the audit trail's tables too (created by ``create_audit_tables_v1``).
    """
    return MessagingTables(
        outbox=_outbox(metadata),
        relay_state=_relay_state(metadata),
        inbox=_inbox(metadata),
        timers=timer_table(metadata),
        audit=audit_tables(metadata) if audit else None,
    )


def outbox_channel(schema: str) -> str:
    """The LISTEN/NOTIFY channel a service's outbox trigger signals on commit."""
    return f"ipcase_outbox_{schema}"


def _outbox(metadata: MetaData) -> Table:
    return Table(
        "outbox",
        metadata,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("event_id", UUID(as_uuid=True), nullable=False, unique=True),
        Column("topic", Text, nullable=False),
        Column("partition_key", Text, nullable=False),
        Column("event_type", Text, nullable=False),
        Column("headers", JSONB, nullable=False),
        Column("payload", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Column("published_at", DateTime(timezone=True)),
        Column("attempts", Integer, nullable=False, server_default=text("0")),
        Column("last_error", Text),
        Index("ix_outbox_pending", "id", postgresql_where=text("published_at IS NULL")),
        Index("ix_outbox_created_at", "created_at"),
    )


def _relay_state(metadata: MetaData) -> Table:
    return Table(
        "relay_state",
        metadata,
        Column("id", SmallInteger, primary_key=True),
        Column("broker_cluster_id", Text),
        Column("updated_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    )


def _inbox(metadata: MetaData) -> Table:
    return Table(
        "inbox",
        metadata,
        Column("consumer", Text, primary_key=True),
        Column("event_id", Text, primary_key=True),
        Column("event_type", Text, nullable=False),
        Column("topic", Text, nullable=False),
        Column("partition", Integer, nullable=False),
        Column("offset", BigInteger, nullable=False),
        Column("processed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
        Index("ix_inbox_processed_at", "processed_at"),
    )
