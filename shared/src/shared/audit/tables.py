"""The audit tables of one service: the log, its chain head, the signed checkpoints, and the
entries written but not yet sealed onto the chain (``audit_pending``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    MetaData,
    SmallInteger,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB


@dataclass(frozen=True, slots=True)
class AuditTables:
    log: Table
    head: Table
    checkpoints: Table
    pending: Table

    @property
    def schema(self) -> str:
        return str(self.log.schema)


def _entry_columns() -> list[Column[Any]]:
    """What an entry says (and what its hash covers, with its ``seq``)."""
    return [
        Column("occurred_at", DateTime(timezone=True), nullable=False),
        Column("actor", Text, nullable=False),
        Column("actor_kind", Text, nullable=False),
        Column("roles", JSONB, nullable=False, server_default=text("'[]'::jsonb")),
        Column("office_code", Text),
        Column("partner_code", Text),
        Column("action", Text, nullable=False),
        Column("object_type", Text),
        Column("object_id", Text),
        Column("outcome", Text, nullable=False),
        Column("request_id", Text),
        Column("correlation_id", Text),
        Column("client_address", Text),
        Column("details", JSONB, nullable=False, server_default=text("'{}'::jsonb")),
    ]


def audit_tables(metadata: MetaData) -> AuditTables:
    log = Table(
        "audit_log",
        metadata,
        Column("seq", BigInteger, primary_key=True, autoincrement=False),
        *_entry_columns(),
        Column("hash_alg", Text, nullable=False),
        Column("prev_hash", Text, nullable=False),
        Column("hash", Text, nullable=False),
        Index("ix_audit_log_object", "object_id", "seq"),
        Index("ix_audit_log_actor", "actor", "seq"),
        Index("ix_audit_log_occurred_at", "occurred_at"),
    )
    head = Table(
        "audit_head",
        metadata,
        Column("id", SmallInteger, primary_key=True),
        Column("seq", BigInteger, nullable=False),
        Column("hash", Text, nullable=False),
    )
    checkpoints = Table(
        "audit_checkpoints",
        metadata,
        Column("seq", BigInteger, primary_key=True, autoincrement=False),
        Column("hash", Text, nullable=False),
        Column("signed_at", DateTime(timezone=True), nullable=False),
        Column("key_id", Text, nullable=False),
        Column("signature", Text, nullable=False),
    )
    pending = Table(
        "audit_pending",
        metadata,
        Column("id", BigInteger, Identity(), primary_key=True),
        *_entry_columns(),
    )
    return AuditTables(log, head, checkpoints, pending)
