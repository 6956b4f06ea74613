"""The audit trail (``shared.audit``): the hash-chained log, its head and the signed checkpoints.

Every step on a case (through ``StepEffects``), every change to the roster, every refusal and
every sensitive read appends an entry in the transaction it describes.

Revision ID: mediation_0007
Revises: mediation_0006
Create Date: 2026-12-20 09:00:00
"""

from collections.abc import Sequence

from shared.migration_ops import create_audit_tables_v1, drop_audit_tables_v1

revision: str = "mediation_0007"
down_revision: str | None = "mediation_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"


def upgrade() -> None:
    create_audit_tables_v1(SCHEMA)


def downgrade() -> None:
    drop_audit_tables_v1(SCHEMA)
