"""Alembic operations for the tables shared code defines (called from each service's migrations).

Migrations are history: these functions never change once released. A later change to the
messaging tables gets a new function (``..._v2``) called from a new migration.
"""

from __future__ import annotations

from collections.abc import Sequence

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


def create_audit_tables_v1(schema: str) -> None:
    """The audit trail (``shared.audit``): the log, its chain head, signed checkpoints.

    The log is append-only for everyone: a trigger refuses UPDATE, DELETE and TRUNCATE, except the
    retention purge (:func:`shared.audit.retention`) run through ``audit_purge``, which only the
    owner of these tables (who ran this migration) can execute and which keeps at least 180 days.
    """
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_kind", sa.Text, nullable=False),
        sa.Column("roles", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("office_code", sa.Text),
        sa.Column("partner_code", sa.Text),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("object_type", sa.Text),
        sa.Column("object_id", sa.Text),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("request_id", sa.Text),
        sa.Column("correlation_id", sa.Text),
        sa.Column("client_address", sa.Text),
        sa.Column("details", postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.Column("hash_alg", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.Text, nullable=False),
        sa.Column("hash", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_log"),
        schema=schema,
    )
    op.create_index("ix_audit_log_object", "audit_log", ["object_id", "seq"], schema=schema)
    op.create_index("ix_audit_log_actor", "audit_log", ["actor", "seq"], schema=schema)
    op.create_index("ix_audit_log_occurred_at", "audit_log", ["occurred_at"], schema=schema)
    op.create_table(
        "audit_head",
        sa.Column("id", sa.SmallInteger, primary_key=True),
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("hash", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_audit_head"),
        schema=schema,
    )
    op.execute(f"INSERT INTO \"{schema}\".audit_head (id, seq, hash) VALUES (1, 0, '{'0' * 64}')")
    op.create_table(
        "audit_checkpoints",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("hash", sa.Text, nullable=False),
        sa.Column("signed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("key_id", sa.Text, nullable=False),
        sa.Column("signature", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_audit_checkpoints"),
        schema=schema,
    )
    owner = op.get_bind().exec_driver_sql("SELECT current_user").scalar_one()
    op.execute(
        f"""
        CREATE FUNCTION "{schema}".audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' AND current_user = '{owner}'
               AND current_setting('ipcase.audit_purge', true) = 'on' THEN
                RETURN OLD;
            END IF;
            RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    for event, level in (("UPDATE OR DELETE", "ROW"), ("TRUNCATE", "STATEMENT")):
        name = "audit_log_no_truncate" if event == "TRUNCATE" else "audit_log_no_change"
        op.execute(
            f'CREATE TRIGGER {name} BEFORE {event} ON "{schema}".audit_log FOR EACH {level} '
            f'EXECUTE FUNCTION "{schema}".audit_log_append_only()'
        )
    op.execute(
        f"""
        CREATE FUNCTION "{schema}".audit_purge(keep_after timestamptz) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
        DECLARE
            purged bigint;
            sealed bigint;
        BEGIN
            IF keep_after > now() - interval '180 days' THEN
                RAISE EXCEPTION 'audit entries are kept at least 180 days (Cybersecurity Law art. 21)';
            END IF;
            SELECT coalesce(max(seq), 0) INTO sealed FROM "{schema}".audit_checkpoints;
            PERFORM set_config('ipcase.audit_purge', 'on', true);
            DELETE FROM "{schema}".audit_log WHERE occurred_at < keep_after AND seq <= sealed;
            GET DIAGNOSTICS purged = ROW_COUNT;
            PERFORM set_config('ipcase.audit_purge', 'off', true);
            RETURN purged;
        END $$
        """
    )
    op.execute(f'REVOKE ALL ON FUNCTION "{schema}".audit_purge(timestamptz) FROM PUBLIC')


def drop_audit_tables_v1(schema: str) -> None:
    op.execute(f'DROP FUNCTION IF EXISTS "{schema}".audit_purge(timestamptz)')
    op.drop_table("audit_checkpoints", schema=schema)
    op.drop_table("audit_head", schema=schema)
    op.drop_table("audit_log", schema=schema)
    op.execute(f'DROP FUNCTION IF EXISTS "{schema}".audit_log_append_only()')


def create_audit_pending_v1(schema: str) -> None:
    """Entries written but not yet sealed onto the chain (``shared.audit.sealer``).

    A request's transaction only inserts here — no chain-head lock, so concurrent requests no
    longer queue on one row; the service's sealer moves the rows onto the hash chain in ``id``
    order shortly after (``AUDIT_SEAL_INTERVAL``). Nobody may UPDATE a pending entry (trigger,
    owner included); DELETE is the sealer's (the application role keeps it, see the README's
    tamper window).
    """
    op.create_table(
        "audit_pending",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("actor_kind", sa.Text, nullable=False),
        sa.Column("roles", postgresql.JSONB, nullable=False, server_default=sa.text("'[]'::jsonb")),
        sa.Column("office_code", sa.Text),
        sa.Column("partner_code", sa.Text),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("object_type", sa.Text),
        sa.Column("object_id", sa.Text),
        sa.Column("outcome", sa.Text, nullable=False),
        sa.Column("request_id", sa.Text),
        sa.Column("correlation_id", sa.Text),
        sa.Column("client_address", sa.Text),
        sa.Column("details", postgresql.JSONB, nullable=False, server_default=sa.text("'{}'::jsonb")),
        sa.PrimaryKeyConstraint("id", name="pk_audit_pending"),
        schema=schema,
    )
    op.execute(
        f"""
        CREATE FUNCTION "{schema}".audit_pending_no_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'an unsealed audit entry cannot be changed: % refused', TG_OP
                USING ERRCODE = 'insufficient_privilege';
        END $$
        """
    )
    op.execute(
        f'CREATE TRIGGER audit_pending_no_update BEFORE UPDATE ON "{schema}".audit_pending '
        f'FOR EACH ROW EXECUTE FUNCTION "{schema}".audit_pending_no_update()'
    )


def drop_audit_pending_v1(schema: str) -> None:
    """Refuses while entries wait to be sealed (run ``ipcase audit seal`` first): they would be lost."""
    op.execute(
        f"""
        DO $$
        BEGIN
            IF EXISTS (SELECT 1 FROM "{schema}".audit_pending) THEN
                RAISE EXCEPTION 'audit entries are waiting to be sealed: run ipcase audit seal first';
            END IF;
        END $$
        """
    )
    op.drop_table("audit_pending", schema=schema)
    op.execute(f'DROP FUNCTION IF EXISTS "{schema}".audit_pending_no_update()')


def keep_updated_at_v1(schema: str, tables: Sequence[str]) -> None:
    """``updated_at`` of each of ``tables`` set by a ``BEFORE UPDATE`` trigger on every change,
    whoever writes the row (handlers, timers, the console), and an ``(updated_at, id)`` index for the
    lists' sort and ``updated_since`` polls.

    The column must exist and be backfilled first (each migration knows its rows' best value; a
    backfill after this would stamp every row with the migration's time).
    """
    op.execute(
        f"""
        CREATE FUNCTION "{schema}".touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            NEW.updated_at := now();
            RETURN NEW;
        END $$
        """
    )
    for table in tables:
        op.execute(
            f'CREATE TRIGGER {table}_updated_at BEFORE UPDATE ON "{schema}".{table} '
            f'FOR EACH ROW EXECUTE FUNCTION "{schema}".touch_updated_at()'
        )
        op.create_index(f"ix_{table}_updated_at", table, ["updated_at", "id"], schema=schema)


def drop_keep_updated_at_v1(schema: str, tables: Sequence[str]) -> None:
    """Undo :func:`keep_updated_at_v1` (the columns stay: the migration that added them drops them)."""
    for table in tables:
        op.drop_index(f"ix_{table}_updated_at", table, schema=schema)
        op.execute(f'DROP TRIGGER {table}_updated_at ON "{schema}".{table}')
    op.execute(f'DROP FUNCTION "{schema}".touch_updated_at()')
