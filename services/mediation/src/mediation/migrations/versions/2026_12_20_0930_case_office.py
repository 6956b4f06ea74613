"""Every mediation case belongs to an office (``mediation_cases.office_code``), for office scope.

A case belongs to the office that opened it: the receiving office of the complaint it came from
(``office_region_code``, a 6-digit division code), else the deployment's office (``OFFICE_CODE``,
read from the environment as the service reads it). Lists filter on its division prefix, so it is
indexed. The downgrade drops the column.

Revision ID: mediation_0008
Revises: mediation_0007
Create Date: 2026-12-20 09:30:00
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "mediation_0008"
down_revision: str | None = "mediation_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "mediation"
NATIONAL_OFFICE = "000000"


def deployment_office() -> str:
    """``OFFICE_CODE`` as the settings read it (any case), or the national office."""
    for name, value in os.environ.items():
        if name.upper() == "OFFICE_CODE" and value.strip():
            return value.strip()
    return NATIONAL_OFFICE


def upgrade() -> None:
    op.add_column("mediation_cases", sa.Column("office_code", sa.Text), schema=SCHEMA)
    op.execute(
        sa.text(
            f"""
            UPDATE "{SCHEMA}".mediation_cases
               SET office_code = CASE WHEN office_region_code ~ '^[0-9]{{6}}$' THEN office_region_code
                                      ELSE :office END
            """
        ).bindparams(office=deployment_office())
    )
    op.alter_column("mediation_cases", "office_code", nullable=False, schema=SCHEMA)
    op.create_index("ix_mediation_cases_office_code", "mediation_cases", ["office_code"], schema=SCHEMA)


def downgrade() -> None:
    op.drop_index("ix_mediation_cases_office_code", "mediation_cases", schema=SCHEMA)
    op.drop_column("mediation_cases", "office_code", schema=SCHEMA)
