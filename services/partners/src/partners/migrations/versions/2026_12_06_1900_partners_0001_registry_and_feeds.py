"""Partner registry, keys, feeds, inbound messages, webhook deliveries; messaging and audit tables.

Revision ID: partners_0001
Revises:
Create Date: 2026-12-06 19:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.migration_ops import (
    create_audit_tables_v1,
    create_messaging_tables_v1,
    create_timers_table_v1,
    drop_audit_tables_v1,
    drop_messaging_tables_v1,
    drop_timers_table_v1,
)

revision: str = "partners_0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "partners"
NOW = sa.text("now()")


def upgrade() -> None:
    create_messaging_tables_v1(SCHEMA)
    create_timers_table_v1(SCHEMA)
    create_audit_tables_v1(SCHEMA)
    op.create_table(
        "partners",
        sa.Column("code", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("jurisdiction", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("channels", postgresql.ARRAY(sa.Text), nullable=False),
        sa.Column("webhook_url", sa.Text),
        sa.Column("webhook_secret", sa.Text),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("code", name="pk_partners"),
        schema=SCHEMA,
    )
    op.create_table(
        "partner_keys",
        sa.Column("kid", sa.Text, nullable=False),
        sa.Column("partner_code", sa.Text, nullable=False),
        sa.Column("jwk", postgresql.JSONB, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("kid", name="pk_partner_keys"),
        sa.ForeignKeyConstraint(
            ["partner_code"], [f"{SCHEMA}.partners.code"], name="fk_partner_keys_partner_code_partners"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_partner_keys_partner_code", "partner_keys", ["partner_code"], schema=SCHEMA)
    op.create_table(
        "feed",
        sa.Column("partner_code", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("event_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source_event_id", sa.Text, nullable=False),
        sa.Column("cloudevent", postgresql.JSONB, nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("partner_code", "seq", name="pk_feed"),
        sa.UniqueConstraint("event_id", name="uq_feed_event_id"),
        schema=SCHEMA,
    )
    op.create_index("ix_feed_partner_time", "feed", ["partner_code", "time"], schema=SCHEMA)
    op.create_index("ix_feed_recorded_at", "feed", ["recorded_at"], schema=SCHEMA)
    op.create_index(
        "uq_feed_partner_source",
        "feed",
        ["partner_code", "source_event_id", "event_type"],
        unique=True,
        schema=SCHEMA,
    )
    op.create_table(
        "feed_heads",
        sa.Column("partner_code", sa.Text, nullable=False),
        sa.Column("last_seq", sa.BigInteger, nullable=False, server_default=sa.text("0")),
        sa.PrimaryKeyConstraint("partner_code", name="pk_feed_heads"),
        schema=SCHEMA,
    )
    op.create_table(
        "inbound_messages",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("original_id", sa.Text, nullable=False),
        sa.Column("original_type", sa.Text),
        sa.Column("partner_code", sa.Text),
        sa.Column("kid", sa.Text),
        sa.Column("channel", sa.Text, nullable=False),
        sa.Column("accepted", sa.Boolean, nullable=False),
        sa.Column("forwarded_id", postgresql.UUID(as_uuid=True)),
        sa.Column("reason_code", sa.Text),
        sa.Column("reason", sa.Text),
        sa.Column("reason_zh", sa.Text),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_inbound_messages"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_inbound_messages_rejected",
        "inbound_messages",
        ["received_at"],
        postgresql_where=sa.text("NOT accepted"),
        schema=SCHEMA,
    )
    op.create_index("ix_inbound_messages_forwarded_id", "inbound_messages", ["forwarded_id"], schema=SCHEMA)
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("partner_code", sa.Text, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.Column("last_status_code", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("delivered_at", sa.DateTime(timezone=True)),
        sa.Column("latency_ms", sa.Integer),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=NOW),
        sa.PrimaryKeyConstraint("id", name="pk_webhook_deliveries"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["next_attempt_at"],
        postgresql_where=sa.text("status = 'pending'"),
        schema=SCHEMA,
    )
    op.create_index(
        "ix_webhook_deliveries_partner", "webhook_deliveries", ["partner_code", "id"], schema=SCHEMA
    )


def downgrade() -> None:
    for table in ("webhook_deliveries", "inbound_messages", "feed_heads", "feed", "partner_keys", "partners"):
        op.drop_table(table, schema=SCHEMA)
    drop_audit_tables_v1(SCHEMA)
    drop_timers_table_v1(SCHEMA)
    drop_messaging_tables_v1(SCHEMA)
