"""The timeline becomes the shared case record (``shared.case_record``), every row kept.

Every timeline row becomes a case-record row with the same id (so the record reads in the same
order): ``complaint_id`` → ``aggregate_id`` (aggregate type ``complaint``: a workflow record's rows
are on its complaint's record, with the record as ``subject``), ``at`` → ``occurred_at``, ``name``
→ ``action``, ``data`` → ``details`` (and a transition's ``from``/``to`` also → ``from_state`` /
``to_state``), ``subject``, ``subject_id``, ``summary``, ``summary_zh`` and ``recorded_at`` as
they are. The actor string becomes an actor kind and id, reversibly: ``system`` is intake itself
(kind ``system``, id ``system``), ``system:<service>`` an announcing service (kind ``service``,
id ``<service>``), anything else a staff member (kind ``staff``, id the string). The downgrade
restores the timeline exactly; entries recorded since keep their subject (else their aggregate
type) and actor string, and lose only what the old table has no room for (roles, legal basis,
correlation id).

Revision ID: intake_0004
Revises: intake_0003
Create Date: 2026-12-01 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.migration_ops import create_case_record_table_v1, drop_case_record_table_v1

revision: str = "intake_0004"
down_revision: str | None = "intake_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"

TO_CASE_RECORD = """
INSERT INTO intake.case_record (
    id, aggregate_type, aggregate_id, action, from_state, to_state, actor_kind, actor_id,
    occurred_at, summary, summary_zh, subject, subject_id, details, recorded_at
)
SELECT id, 'complaint', complaint_id, name, data ->> 'from', data ->> 'to',
       CASE WHEN actor = 'system' THEN 'system'
            WHEN actor LIKE 'system:%' THEN 'service'
            ELSE 'staff' END,
       CASE WHEN actor LIKE 'system:%' THEN substr(actor, 8) ELSE actor END,
       at, summary, summary_zh, subject, subject_id, data, recorded_at
  FROM intake.timeline
 ORDER BY id
"""

TO_TIMELINE = """
INSERT INTO intake.timeline (
    id, complaint_id, at, name, actor, subject, subject_id, summary, summary_zh, data, recorded_at
)
SELECT id, aggregate_id, occurred_at, action,
       CASE WHEN actor_kind = 'service' THEN 'system:' || actor_id ELSE actor_id END,
       coalesce(subject, aggregate_type), subject_id, coalesce(summary, ''), coalesce(summary_zh, ''),
       details, recorded_at
  FROM intake.case_record
 ORDER BY id
"""


def _continue_ids_after_copied(table: str) -> None:
    # Ids were copied as they were; new rows must come after them, in the same order.
    op.execute(
        f"SELECT setval(pg_get_serial_sequence('{SCHEMA}.{table}', 'id'), "
        f"coalesce((SELECT max(id) FROM {SCHEMA}.{table}), 0) + 1, false)"
    )


def upgrade() -> None:
    create_case_record_table_v1(SCHEMA)
    op.execute(TO_CASE_RECORD)
    _continue_ids_after_copied("case_record")
    op.drop_index("ix_timeline_complaint", "timeline", schema=SCHEMA)
    op.drop_table("timeline", schema=SCHEMA)


def downgrade() -> None:
    op.create_table(
        "timeline",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("complaint_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("subject", sa.Text, nullable=False),
        sa.Column("subject_id", postgresql.UUID(as_uuid=True)),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("summary_zh", sa.Text, nullable=False),
        sa.Column("data", postgresql.JSONB, nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("id", name="pk_timeline"),
        schema=SCHEMA,
    )
    op.create_index("ix_timeline_complaint", "timeline", ["complaint_id", "id"], schema=SCHEMA)
    op.execute(TO_TIMELINE)
    _continue_ids_after_copied("timeline")
    drop_case_record_table_v1(SCHEMA)
