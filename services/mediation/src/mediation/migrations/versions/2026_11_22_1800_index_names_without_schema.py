"""Rename indexes to the platform's naming convention (table and columns, no schema prefix).

Revision ID: mediation_0004
Revises: mediation_0003
Create Date: 2026-11-22 18:00:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "mediation_0004"
down_revision: str | None = "mediation_0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"
RENAMES = {
    "ix_mediation_agreements_case_id": "ix_agreements_case_id",
    "ix_mediation_confirmation_applications_case_id": "ix_confirmation_applications_case_id",
    "ix_mediation_mediator_assignments_case_id": "ix_mediator_assignments_case_id",
    "ix_mediation_mediators_organisation_id": "ix_mediators_organisation_id",
}


def upgrade() -> None:
    for old, new in RENAMES.items():
        op.execute(f'ALTER INDEX "{SCHEMA}"."{old}" RENAME TO "{new}"')


def downgrade() -> None:
    for old, new in RENAMES.items():
        op.execute(f'ALTER INDEX "{SCHEMA}"."{new}" RENAME TO "{old}"')
