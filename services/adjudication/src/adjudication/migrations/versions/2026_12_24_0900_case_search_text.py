"""Search per term over more of the case (issue 17): ``cases.search_text`` now also holds the facts,
the places of infringement and the products a stop order names, and gets a pg_trgm GIN index.

The application writes ``search_text`` with the case, in the same statement as the case file
(``adapters/repository.py``, ``search_text``), so it cannot drift from the file; this migration fills
the new parts in for existing cases from their case file, normalised the same way (NFKC, no spaces,
upper case). The index (``gin_trgm_ops``) serves the ``LIKE '%term%'`` per term where the database's
character type classifies Chinese as letters (a ``*.UTF-8`` locale); in a ``C`` database it holds no
Chinese trigram and the search scans, with the same answers (as intake's complaints). pg_trgm is a
trusted extension: the database owner (who runs ``ipcase migrate``) may create it. The downgrade drops
the index and leaves the longer texts (a superset of the old ones: every old search still finds).

Revision ID: adjudication_h6_search_text
Revises: adjudication_h5_penalty_laws
Create Date: 2026-12-24 09:00:00
"""

import unicodedata
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "adjudication_h6_search_text"
down_revision: str | None = "adjudication_h5_penalty_laws"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None
SCHEMA = "adjudication"


def _normalised(raw: str) -> str:
    return "".join(unicodedata.normalize("NFKC", raw).split()).upper()


def _added(file: dict[str, Any]) -> list[str]:
    parts = [file.get("facts") or "", *(file.get("infringement_locations") or [])]
    stop_order = (file.get("decision") or {}).get("stop_order") or {}
    parts += stop_order.get("products") or []
    return [_normalised(p) for p in parts if p]


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.text(f"SELECT id, search_text, file FROM {SCHEMA}.cases WHERE file IS NOT NULL"))
    for case_id, text, file in rows.all():
        added = _added(file)
        if added:
            bind.execute(
                sa.text(f"UPDATE {SCHEMA}.cases SET search_text = :text WHERE id = :id"),
                {"text": " ".join([text, *added]).strip(), "id": case_id},
            )
    op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
    op.execute(
        f"CREATE INDEX ix_cases_search_text ON {SCHEMA}.cases USING gin (search_text public.gin_trgm_ops)"
    )


def downgrade() -> None:
    op.execute(f"DROP INDEX {SCHEMA}.ix_cases_search_text")
