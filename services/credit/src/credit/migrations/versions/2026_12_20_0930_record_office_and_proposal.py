"""Every credit record belongs to an office (``records.office_code``, for office scope), and may
carry a decision waiting for the office head's approval (``records.proposal``, four eyes).

A record belongs to the office of the authority that decided its case. The records kept so far
were all entered or consumed by this deployment, so they belong to its office (``OFFICE_CODE``,
read from the environment as the service reads it; the national office if unset). Lists filter on
the office's division prefix, so the column is indexed. No record has a proposal yet. The
downgrade drops both columns (a pending proposal is lost with it: it had decided nothing).

Revision ID: credit_0006
Revises: credit_0005
Create Date: 2026-12-20 09:30:00
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "credit_0006"
down_revision: str | None = "credit_0005"
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
    op.add_column("records", sa.Column("office_code", sa.Text), schema=SCHEMA)
    op.execute(
        sa.text(f'UPDATE "{SCHEMA}".records SET office_code = :office').bindparams(office=deployment_office())
    )
    op.alter_column("records", "office_code", nullable=False, schema=SCHEMA)
    op.create_index("ix_records_office_code", "records", ["office_code"], schema=SCHEMA)
    op.add_column("records", sa.Column("proposal", postgresql.JSONB), schema=SCHEMA)


def downgrade() -> None:
    op.drop_column("records", "proposal", schema=SCHEMA)
    op.drop_index("ix_records_office_code", "records", schema=SCHEMA)
    op.drop_column("records", "office_code", schema=SCHEMA)
