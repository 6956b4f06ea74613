"""Penalty cases under three laws (issue 18): ``law``, ``subject_key`` and ``decided_on`` columns.

``law`` says which row of the per-law rule table a case follows; every case before this revision is a
counterfeit-patent case (专利法 art. 68), so the column defaults to ``counterfeit_patent`` and the data
migration writes it into the case files too. ``subject_key`` (the USCC, else the normalised name, as
``PartyRecord.identity_key`` computes it) and ``decided_on`` let a decision find the subject's earlier
penalties under any law (repeat infringement, 商标法 art. 60 ¶2). The downgrade drops the columns; the
case files keep ``law``, which older code ignores.

Revision ID: adjudication_h5_penalty_laws
Revises: adjudication_0006
Create Date: 2026-12-22 19:00:00
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "adjudication_h5_penalty_laws"
down_revision: str | None = "adjudication_audit_pending"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "adjudication"
TABLE = "penalty_cases"


def subject_key(credit_code: str | None, name: str) -> str:
    """``PartyRecord.identity_key`` as of this revision (a migration does not import the service)."""
    return credit_code or "name:" + "".join(unicodedata.normalize("NFKC", name).split()).upper()


def upgrade() -> None:
    op.add_column(
        TABLE,
        sa.Column("law", sa.Text, nullable=False, server_default=sa.text("'counterfeit_patent'")),
        schema=SCHEMA,
    )
    op.add_column(TABLE, sa.Column("subject_key", sa.Text), schema=SCHEMA)
    op.add_column(TABLE, sa.Column("decided_on", sa.Date), schema=SCHEMA)
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(f'SELECT id, subject_name, subject_credit_code FROM "{SCHEMA}".{TABLE}')
    ).all()
    for row in rows:
        bind.execute(
            sa.text(f'UPDATE "{SCHEMA}".{TABLE} SET subject_key = :key WHERE id = :id'),
            {"key": subject_key(row.subject_credit_code, row.subject_name), "id": row.id},
        )
    op.execute(
        sa.text(
            f"""
            UPDATE "{SCHEMA}".{TABLE}
               SET decided_on = (file->'decision'->>'decided_on')::date,
                   file = jsonb_set(file, '{{law}}', to_jsonb(law))
            """
        )
    )
    op.alter_column(TABLE, "subject_key", nullable=False, schema=SCHEMA)
    op.create_index(f"ix_{TABLE}_subject_key", TABLE, ["subject_key", "decided_on"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index(f"ix_{TABLE}_subject_key", TABLE, schema=SCHEMA)
    for column in ("decided_on", "subject_key", "law"):
        op.drop_column(TABLE, column, schema=SCHEMA)
