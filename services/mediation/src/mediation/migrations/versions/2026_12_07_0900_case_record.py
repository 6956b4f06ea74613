"""The shared case record replaces ``mediation_history``: every row moved, ids and order kept.

Each history row becomes one ``case_record`` row of aggregate type ``mediation_case``: ``case_id``
-> ``aggregate_id``, ``event`` -> ``action``, the ``actor`` object -> ``actor_kind``/``actor_id``
(with ``roles``/``recorded_by`` if an actor ever carried them), ``from_state``, ``to_state``,
``details``, ``occurred_at`` and ``correlation_id`` as they were. Ids are copied, so the record reads
in the order the history did. The downgrade rebuilds the history table as migration 0003 made it
and copies the mediation cases' rows back the same way (what only the case record can hold — legal
basis, subject, summaries — has no place there).

Revision ID: mediation_0005
Revises: mediation_0004
Create Date: 2026-12-07 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.migration_ops import create_case_record_table_v1, drop_case_record_table_v1

revision: str = "mediation_0005"
down_revision: str | None = "mediation_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"
AGGREGATE_TYPE = "mediation_case"


def upgrade() -> None:
    create_case_record_table_v1(SCHEMA)
    op.execute(
        f"""
        INSERT INTO "{SCHEMA}".case_record (
            id, aggregate_type, aggregate_id, action, from_state, to_state,
            actor_kind, actor_id, actor_roles, recorded_by, occurred_at, details, correlation_id
        ) OVERRIDING SYSTEM VALUE
        SELECT id, '{AGGREGATE_TYPE}', case_id, event, from_state, to_state,
               actor->>'kind', actor->>'id', coalesce(actor->'roles', '[]'::jsonb), actor->>'recorded_by',
               occurred_at, details, correlation_id
        FROM "{SCHEMA}".mediation_history
        ORDER BY id
        """
    )
    _continue_ids_after("case_record")
    op.drop_table("mediation_history", schema=SCHEMA)


def downgrade() -> None:
    op.create_table(
        "mediation_history",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("case_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("event", sa.Text, nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", postgresql.JSONB, nullable=False),
        sa.Column("from_state", sa.Text),
        sa.Column("to_state", sa.Text),
        sa.Column("details", postgresql.JSONB, nullable=False),
        sa.Column("correlation_id", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_mediation_history"),
        sa.ForeignKeyConstraint(
            ["case_id"], [f"{SCHEMA}.mediation_cases.id"], name="fk_mediation_history_case_id_mediation_cases"
        ),
        schema=SCHEMA,
    )
    op.create_index("ix_mediation_history_case", "mediation_history", ["case_id", "id"], schema=SCHEMA)
    op.execute(
        f"""
        INSERT INTO "{SCHEMA}".mediation_history (
            id, case_id, event, occurred_at, actor, from_state, to_state, details, correlation_id
        ) OVERRIDING SYSTEM VALUE
        SELECT id, aggregate_id, action, occurred_at,
               jsonb_build_object('kind', actor_kind, 'id', actor_id)
                 || CASE WHEN actor_roles <> '[]'::jsonb
                         THEN jsonb_build_object('roles', actor_roles) ELSE '{{}}'::jsonb END
                 || CASE WHEN recorded_by IS NOT NULL
                         THEN jsonb_build_object('recorded_by', recorded_by) ELSE '{{}}'::jsonb END,
               from_state, to_state, details, correlation_id
        FROM "{SCHEMA}".case_record
        WHERE aggregate_type = '{AGGREGATE_TYPE}'
        ORDER BY id
        """
    )
    _continue_ids_after("mediation_history")
    drop_case_record_table_v1(SCHEMA)


def _continue_ids_after(table: str) -> None:
    """Copied ids bypass the identity sequence: new rows must still come after every copied one."""
    op.execute(
        f"""
        SELECT setval(
            pg_get_serial_sequence('"{SCHEMA}".{table}', 'id'),
            coalesce((SELECT max(id) FROM "{SCHEMA}".{table}), 0) + 1,
            false
        )
        """
    )
