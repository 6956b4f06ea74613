"""The audit trail (``shared.audit``): the hash-chained log, its head and the signed checkpoints.

Every step on a record, commitment or subject (through ``StepEffects``), every refusal and every
sensitive read (a record's file, the notice document, the disclosure) appends an entry in the
transaction it describes.

Revision ID: credit_0005
Revises: credit_0004
Create Date: 2026-12-20 09:00:00
"""

from collections.abc import Sequence

from shared.migration_ops import create_audit_tables_v1, drop_audit_tables_v1

revision: str = "credit_0005"
down_revision: str | None = "credit_0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "credit"


def upgrade() -> None:
    create_audit_tables_v1(SCHEMA)


def downgrade() -> None:
    drop_audit_tables_v1(SCHEMA)
