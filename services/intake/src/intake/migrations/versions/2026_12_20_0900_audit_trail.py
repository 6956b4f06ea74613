"""The audit trail (``shared.audit``): the hash-chained log, its head and the signed checkpoints.

Every step on a complaint or workflow record (through the effects runner), every change to the
examiners and the rights registry, every refusal and every sensitive read (a complaint's file with
personal data, an evidence download) appends an entry in the transaction it describes.

Revision ID: intake_0006
Revises: intake_0005
Create Date: 2026-12-20 09:00:00
"""

from collections.abc import Sequence

from shared.migration_ops import create_audit_tables_v1, drop_audit_tables_v1

revision: str = "intake_0006"
down_revision: str | None = "intake_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"


def upgrade() -> None:
    create_audit_tables_v1(SCHEMA)


def downgrade() -> None:
    drop_audit_tables_v1(SCHEMA)
