"""Every case and penalty case belongs to an office (``office_code``), for office scope.

A case belongs to the office that received it: the office the service runs for (``OFFICE_CODE``,
read from the environment as the service reads it), which is also what a case file written before
this revision names, if it names one. Lists filter on the division prefix, so it is indexed. The
downgrade drops the columns (the case files keep their ``office_code``; nothing reads it then).

Revision ID: adjudication_0006
Revises: adjudication_0005
Create Date: 2026-12-21 09:30:00
"""

import os
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "adjudication_0006"
down_revision: str | None = "adjudication_0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "adjudication"
NATIONAL_OFFICE = "000000"
TABLES = ("cases", "penalty_cases")


def deployment_office() -> str:
    """``OFFICE_CODE`` as the settings read it (any case), or the national office."""
    for name, value in os.environ.items():
        if name.upper() == "OFFICE_CODE" and value.strip():
            return value.strip()
    return NATIONAL_OFFICE


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("office_code", sa.Text), schema=SCHEMA)
        op.execute(
            sa.text(
                f"""
                UPDATE "{SCHEMA}".{table}
                   SET office_code = CASE WHEN file->>'office_code' ~ '^[0-9]{{6}}'
                                          THEN file->>'office_code' ELSE :office END
                """
            ).bindparams(office=deployment_office())
        )
        op.alter_column(table, "office_code", nullable=False, schema=SCHEMA)
        op.create_index(f"ix_{table}_office_code", table, ["office_code"], schema=SCHEMA)


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_office_code", table, schema=SCHEMA)
        op.drop_column(table, "office_code", schema=SCHEMA)
