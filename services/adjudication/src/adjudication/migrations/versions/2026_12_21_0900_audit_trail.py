"""The audit trail (``shared.audit``): the hash-chained log, its head and the signed checkpoints.

Every step on a case (through ``StepEffects``), every hearing room added, every refusal and every
sensitive read (a case file, a timeline, a decision document, an evidence check) appends an entry
in the transaction it describes.

Revision ID: adjudication_0005
Revises: adjudication_0004
Create Date: 2026-12-21 09:00:00
"""

from collections.abc import Sequence

from shared.migration_ops import create_audit_tables_v1, drop_audit_tables_v1

revision: str = "adjudication_0005"
down_revision: str | None = "adjudication_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "adjudication"


def upgrade() -> None:
    create_audit_tables_v1(SCHEMA)


def downgrade() -> None:
    drop_audit_tables_v1(SCHEMA)
