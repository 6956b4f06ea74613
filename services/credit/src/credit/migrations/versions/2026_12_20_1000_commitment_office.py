"""Every credit commitment belongs to an office (``commitments.office_code``), for office scope.

A commitment belongs to the office that took it. Those kept so far were taken by this deployment,
so they belong to its office (``OFFICE_CODE``, read from the environment as the service reads it;
the national office if unset). Lists filter on the office's division prefix, so it is indexed. The
downgrade drops the column.

Revision ID: credit_0007
Revises: credit_0006
Create Date: 2026-12-20 10:00:00
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "credit_0007"
down_revision: str | None = "credit_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "credit"
NATIONAL_OFFICE = "000000"


def deployment_office() -> str:
    """``OFFICE_CODE`` as the settings read it (any case), or the national office."""
    for name, value in os.environ.items():
        if name.upper() == "OFFICE_CODE" and value.strip():
            return value.strip()
    return NATIONAL_OFFICE


def upgrade() -> None:
    op.add_column("commitments", sa.Column("office_code", sa.Text), schema=SCHEMA)
    op.execute(
        sa.text(f'UPDATE "{SCHEMA}".commitments SET office_code = :office').bindparams(
            office=deployment_office()
        )
    )
    op.alter_column("commitments", "office_code", nullable=False, schema=SCHEMA)
    op.create_index("ix_commitments_office_code", "commitments", ["office_code"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_commitments_office_code", "commitments", schema=SCHEMA)
    op.drop_column("commitments", "office_code", schema=SCHEMA)
