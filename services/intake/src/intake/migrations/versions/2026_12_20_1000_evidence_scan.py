"""Evidence files carry their virus-scan status (``evidence.scan_status``).

With a clamd scanner configured, a file the scanner could not check is kept as ``pending_scan``
and is not served until a scan passes; a file found infected is refused and never stored. Files
stored before this revision were accepted without a scan and are marked ``not_scanned``. The
downgrade drops the column.

Revision ID: intake_0008
Revises: intake_0007
Create Date: 2026-12-20 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "intake_0008"
down_revision: str | None = "intake_0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "intake"


def upgrade() -> None:
    op.add_column(
        "evidence",
        sa.Column("scan_status", sa.Text, nullable=False, server_default="not_scanned"),
        schema=SCHEMA,
    )


def downgrade() -> None:
    op.drop_column("evidence", "scan_status", schema=SCHEMA)
