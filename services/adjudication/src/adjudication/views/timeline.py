"""A case's timeline: its entries in the case record in time order (when they happened; entries of the
same instant in the order they were recorded), with actor and legal basis."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import case_record
from adjudication.views.models import Timeline, TimelineEntry
from shared.domain.legal import Citation


async def timeline(session: AsyncSession, case_id: uuid.UUID) -> Timeline:
    query = (
        select(case_record)
        .where(case_record.c.aggregate_id == case_id)
        .order_by(case_record.c.occurred_at, case_record.c.id)
    )
    rows = (await session.execute(query)).mappings().all()
    return Timeline(case_id=case_id, entries=[_entry(n, row) for n, row in enumerate(rows, 1)])


def _entry(sequence: int, row: Any) -> TimelineEntry:
    return TimelineEntry(
        sequence=sequence,
        event=row["action"],
        transition=row["transition"],
        from_state=row["from_state"],
        to_state=row["to_state"],
        actor_kind=row["actor_kind"],
        actor_id=row["actor_id"],
        recorded_by=row["recorded_by"],
        occurred_at=row["occurred_at"],
        legal_basis=[basis_text(Citation.from_dict(c)) for c in row["legal_basis"]],
        details=row["details"],
        advisories=row["advisories"],
        correlation_id=row["correlation_id"],
    )


def basis_text(citation: Citation) -> str:
    """A citation as the timeline shows it; a text that was never a citation (``Citation.parse``
    keeps it whole, article "" and confidence U) shows as that text."""
    if citation.article == "" and citation.confidence == "U":
        return citation.instrument
    return str(citation)
