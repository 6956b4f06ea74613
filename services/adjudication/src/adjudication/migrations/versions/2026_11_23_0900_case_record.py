"""The timeline moves into the shared case record: ``case_events`` becomes ``case_record``.

Every row is copied with its id, so the record reads in the same order. The columns map one to one
(``case_kind`` -> ``aggregate_type``, ``case_id`` -> ``aggregate_id``, ``name`` -> ``action``);
``basis``, a list of citations rendered as ``<instrument> art. <article> [<confidence>]``, becomes
``legal_basis`` objects (a text in another shape becomes the instrument whole, article "" and
confidence U, as ``shared.domain.legal.Citation.parse`` reads it). The downgrade renders them back.

What the old table has no column for (actor roles, summaries, subject, documents, and a
``recorded_at`` other than ``occurred_at``) travels in ``details._case_record`` on the way down and
back out of it on the way up, so a downgrade followed by an upgrade loses nothing either.

Revision ID: adjudication_0004
Revises: adjudication_0003
Create Date: 2026-11-23 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from shared.migration_ops import create_case_record_table_v1, drop_case_record_table_v1

revision: str = "adjudication_0004"
down_revision: str | None = "adjudication_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "adjudication"
EXTRA = "_case_record"
# str(Citation): "<instrument> art. <article> [<confidence>]"; both regex dialects read it alike.
RENDERED = r"^(.+) art\. (.+) \[([VPU])\]$"

UP = rf"""
INSERT INTO "{SCHEMA}".case_record (
    id, aggregate_type, aggregate_id, action, transition, from_state, to_state,
    actor_kind, actor_id, actor_roles, recorded_by, occurred_at, legal_basis,
    summary, summary_zh, subject, subject_id, details, advisories, documents, correlation_id, recorded_at
)
SELECT
    e.id, e.case_kind, e.case_id, e.name, e.transition, e.from_state, e.to_state,
    e.actor_kind, e.actor_id, COALESCE(x.extra -> 'actor_roles', '[]'::jsonb), e.recorded_by, e.occurred_at,
    COALESCE(
        (
            SELECT jsonb_agg(
                CASE WHEN m.parts IS NULL
                    THEN jsonb_build_object('instrument', b.text, 'article', '', 'confidence', 'U')
                    ELSE jsonb_build_object(
                        'instrument', m.parts[1], 'article', m.parts[2], 'confidence', m.parts[3]
                    )
                END
                ORDER BY b.n
            )
            FROM jsonb_array_elements_text(e.basis) WITH ORDINALITY AS b(text, n)
            CROSS JOIN LATERAL regexp_match(b.text, '{RENDERED}') AS m(parts)
        ),
        '[]'::jsonb
    ),
    x.extra ->> 'summary', x.extra ->> 'summary_zh', x.extra ->> 'subject', (x.extra ->> 'subject_id')::uuid,
    e.details - '{EXTRA}', e.advisories, COALESCE(x.extra -> 'documents', '[]'::jsonb), e.correlation_id,
    COALESCE((x.extra ->> 'recorded_at')::timestamptz, e.occurred_at)
FROM "{SCHEMA}".case_events e
CROSS JOIN LATERAL (SELECT e.details -> '{EXTRA}' AS extra) x
ORDER BY e.id
"""

DOWN = rf"""
INSERT INTO "{SCHEMA}".case_events (
    id, case_id, case_kind, name, transition, from_state, to_state, actor_kind, actor_id, recorded_by,
    occurred_at, basis, details, advisories, correlation_id
)
SELECT
    r.id, r.aggregate_id, r.aggregate_type, r.action, r.transition, r.from_state, r.to_state,
    r.actor_kind, r.actor_id, r.recorded_by, r.occurred_at,
    COALESCE(
        (
            SELECT jsonb_agg(
                CASE WHEN c ->> 'article' = '' AND c ->> 'confidence' = 'U'
                    THEN to_jsonb(c ->> 'instrument')
                    ELSE to_jsonb(
                        format('%s art. %s [%s]', c ->> 'instrument', c ->> 'article', c ->> 'confidence')
                    )
                END
                ORDER BY b.n
            )
            FROM jsonb_array_elements(r.legal_basis) WITH ORDINALITY AS b(c, n)
        ),
        '[]'::jsonb
    ),
    CASE WHEN x.extra = '{{}}'::jsonb
        THEN r.details
        ELSE r.details || jsonb_build_object('{EXTRA}', x.extra)
    END,
    r.advisories, r.correlation_id
FROM "{SCHEMA}".case_record r
CROSS JOIN LATERAL (
    SELECT jsonb_strip_nulls(
        jsonb_build_object(
            'actor_roles', CASE WHEN r.actor_roles <> '[]'::jsonb THEN r.actor_roles END,
            'summary', r.summary,
            'summary_zh', r.summary_zh,
            'subject', r.subject,
            'subject_id', r.subject_id,
            'documents', CASE WHEN r.documents <> '[]'::jsonb THEN r.documents END,
            'recorded_at', CASE WHEN r.recorded_at <> r.occurred_at THEN r.recorded_at END
        )
    ) AS extra
) x
ORDER BY r.id
"""


def upgrade() -> None:
    create_case_record_table_v1(SCHEMA)
    op.execute(UP)
    _continue_ids("case_record")
    op.drop_table("case_events", schema=SCHEMA)


def downgrade() -> None:
    _create_case_events()
    op.execute(DOWN)
    _continue_ids("case_events")
    drop_case_record_table_v1(SCHEMA)


def _continue_ids(table: str) -> None:
    """Rows were copied with their ids: new rows continue after the highest."""
    op.execute(
        f"SELECT setval(pg_get_serial_sequence('\"{SCHEMA}\".{table}', 'id'), "
        f'COALESCE((SELECT max(id) FROM "{SCHEMA}".{table}), 0) + 1, false)'
    )


def _create_case_events() -> None:
    """``case_events`` exactly as adjudication_0003 created it."""
    op.create_table(
        "case_events",
        sa.Column("id", sa.BigInteger, sa.Identity(), nullable=False),
        sa.Column("case_id", postgresql.UUID(as_uuid=True), nullable=False),
        sa.Column("case_kind", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("transition", sa.Text),
        sa.Column("from_state", sa.Text),
        sa.Column("to_state", sa.Text),
        sa.Column("actor_kind", sa.Text, nullable=False),
        sa.Column("actor_id", sa.Text, nullable=False),
        sa.Column("recorded_by", sa.Text),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("basis", postgresql.JSONB, nullable=False),
        sa.Column("details", postgresql.JSONB, nullable=False),
        sa.Column("advisories", postgresql.JSONB, nullable=False),
        sa.Column("correlation_id", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_case_events"),
        schema=SCHEMA,
    )
    op.create_index("ix_case_events_case_id", "case_events", ["case_id", "id"], schema=SCHEMA)
