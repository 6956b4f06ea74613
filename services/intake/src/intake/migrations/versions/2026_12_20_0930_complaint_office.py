"""Every complaint belongs to its receiving office (``complaints.office_code``), for office scope.

A complaint belongs to the office that received it. Complaints registered before this revision
belong to their centre when the centre's code is an office code (it starts with a 6-digit division
code), else to the deployment's office (``OFFICE_CODE``, read from the environment as the service
reads it). Lists filter on its division prefix, so it is indexed. The downgrade drops the column.

Revision ID: intake_0007
Revises: intake_0006
Create Date: 2026-12-20 09:30:00
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0007"
down_revision: str | None = "intake_0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"
NATIONAL_OFFICE = "000000"


def deployment_office() -> str:
    """``OFFICE_CODE`` as the settings read it (any case), or the national office."""
    for name, value in os.environ.items():
        if name.upper() == "OFFICE_CODE" and value.strip():
            return value.strip()
    return NATIONAL_OFFICE


def upgrade() -> None:
    op.add_column("complaints", sa.Column("office_code", sa.Text), schema=SCHEMA)
    op.execute(
        sa.text(
            f"""
            UPDATE "{SCHEMA}".complaints
               SET office_code = CASE WHEN centre ~ '^[0-9]{{6}}' THEN centre ELSE :office END
            """
        ).bindparams(office=deployment_office())
    )
    op.alter_column("complaints", "office_code", nullable=False, schema=SCHEMA)
    op.create_index("ix_complaints_office_code", "complaints", ["office_code"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_complaints_office_code", "complaints", schema=SCHEMA)
    op.drop_column("complaints", "office_code", schema=SCHEMA)
