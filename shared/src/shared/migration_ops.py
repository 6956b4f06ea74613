"""Alembic operations for the tables shared code defines (called from each service's migrations).

Migrations are history: these functions never change once released. A later change to the
messaging tables gets a new function (``..._v2``) called from a new migration.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.messaging.tables import outbox_channel


def create_messaging_tables_v1(schema: str) -> None:
    """Outbox (with its NOTIFY trigger), relay state and inbox in ``schema``."""
    op.create_table(
        "outbox",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("event_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("partition_key", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("headers", postgresql.JSONB, nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("published_at", sa.DateTime(timezone=True)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("last_error", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_outbox"),
        sa.UniqueConstraint("event_id", name="uq_outbox_event_id"),
        schema=schema,
    )
    op.create_index(
        "ix_outbox_pending", "outbox", ["id"], schema=schema, postgresql_where=sa.text("published_at IS NULL")
    )
    op.create_index("ix_outbox_created_at", "outbox", ["created_at"], schema=schema)
    op.create_table(
        "relay_state",
        sa.Column("id", sa.SmallInteger, primary_key=True),
        sa.Column("broker_cluster_id", sa.Text),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_relay_state"),
        schema=schema,
    )
    op.create_table(
        "inbox",
        sa.Column("consumer", sa.Text, nullable=False),
        sa.Column("event_id", sa.Text, nullable=False),
        sa.Column("event_type", sa.Text, nullable=False),
        sa.Column("topic", sa.Text, nullable=False),
        sa.Column("partition", sa.Integer, nullable=False),
        sa.Column("offset", sa.BigInteger, nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("consumer", "event_id", name="pk_inbox"),
        schema=schema,
    )
    op.create_index("ix_inbox_processed_at", "inbox", ["processed_at"], schema=schema)
    # A statement-level trigger: one NOTIFY per inserting transaction, delivered only on commit.
    op.execute(
        f"""
        CREATE FUNCTION "{schema}".notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('{outbox_channel(schema)}', '');
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        f'CREATE TRIGGER outbox_notify AFTER INSERT ON "{schema}".outbox '
        f'FOR EACH STATEMENT EXECUTE FUNCTION "{schema}".notify_outbox()'
    )


def drop_messaging_tables_v1(schema: str) -> None:
    op.execute(f'DROP TRIGGER IF EXISTS outbox_notify ON "{schema}".outbox')
    op.execute(f'DROP FUNCTION IF EXISTS "{schema}".notify_outbox()')
    op.drop_table("inbox", schema=schema)
    op.drop_table("relay_state", schema=schema)
    op.drop_table("outbox", schema=schema)


def create_idempotency_table_v1(schema: str) -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("scope", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.Text, nullable=False),
        sa.Column("resource_id", sa.Text),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("scope", "key", name="pk_idempotency_keys"),
        schema=schema,
    )


def drop_idempotency_table_v1(schema: str) -> None:
    op.drop_table("idempotency_keys", schema=schema)


def create_counter_table_v1(schema: str) -> None:
    op.create_table(
        "number_counters",
        sa.Column("series", sa.Text, nullable=False),
        sa.Column("last_value", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("series", name="pk_number_counters"),
        schema=schema,
    )


def drop_counter_table_v1(schema: str) -> None:
    op.drop_table("number_counters", schema=schema)


def create_timers_table_v1(schema: str) -> None:
    op.create_table(
        "timers",
        sa.Column("aggregate_id", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.Text, nullable=False),
        sa.Column("payload", postgresql.JSONB, nullable=False),
        sa.Column("provisional", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("explanation", sa.Text),
        sa.Column("rule", postgresql.JSONB),
        sa.Column("attempts", sa.Integer, nullable=False, server_default=sa.text("0")),
        sa.Column("not_before", sa.DateTime(timezone=True)),
        sa.Column("last_error", sa.Text),
        sa.Column("fired_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("aggregate_id", "name", name="pk_timers"),
        schema=schema,
    )
    op.create_index(
        "ix_timers_due", "timers", ["due_at"], schema=schema, postgresql_where=sa.text("status = 'scheduled'")
    )


def drop_timers_table_v1(schema: str) -> None:
    op.drop_table("timers", schema=schema)


def create_case_record_table_v1(schema: str) -> None:
    """The case record (``shared.case_record``): every event of every aggregate, append-only."""
    op.create_table(
        "case_record",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("aggregate_type", sa.Text, nullable=False),
        sa.Column("aggregate_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("transition", sa.Text),
        sa.Column("from_state", sa.Text),
        sa.Column("to_state", sa.Text),
        sa.Column("actor_kind", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False),
        sa.Column("actor_roles", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("recorded_by", sa.Text),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("legal_basis", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("summary", sa.Text),
        sa.Column("summary_zh", sa.Text),
        sa.Column("subject", sa.Text),
        sa.Column("subject_id", postgresql.UUID(as_uuid=True)),
        sa.Column("details", postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("advisories", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("documents", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("correlation_id", sa.Text),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_case_record"),
        schema=schema,
    )
    op.create_index("ix_case_record_aggregate", "case_record", ["aggregate_id", "id"], schema=schema)
    op.create_index("ix_case_record_actor", "case_record", ["actor_id", "id"], schema=schema)


def drop_case_record_table_v1(schema: str) -> None:
    op.drop_table("case_record", schema=schema)
