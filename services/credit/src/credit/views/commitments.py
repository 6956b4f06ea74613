"""Credit commitments as staff and credit officers see them."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, RowMapping, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import commitments, subjects
from credit.domain.errors import CommitmentNotFound
from credit.entrypoints.schemas.commitments import CommitmentRead
from credit.views.listing import SUBJECT_COLUMNS, subject_brief


class CommitmentViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def commitment(self, commitment_id: uuid.UUID) -> CommitmentRead:
        found = await self._query(commitments.c.id == commitment_id, limit=1)
        if not found:
            raise CommitmentNotFound(f"No commitment {commitment_id}", f"信用承诺 {commitment_id} 不存在")
        return found[0]

    async def commitments(
        self, *, subject_id: uuid.UUID | None, status: str | None, overdue: bool | None, limit: int
    ) -> list[CommitmentRead]:
        conditions: list[ColumnElement[bool]] = []
        if subject_id is not None:
            conditions.append(commitments.c.subject_id == subject_id)
        if status is not None:
            conditions.append(commitments.c.status == status)
        if overdue is not None:
            conditions.append(commitments.c.overdue.is_(overdue))
        return await self._query(*conditions, limit=limit)

    async def _query(self, *conditions: ColumnElement[bool], limit: int) -> list[CommitmentRead]:
        query = (
            select(commitments, *SUBJECT_COLUMNS)
            .join(subjects, subjects.c.id == commitments.c.subject_id)
            .where(*conditions)
            .order_by(commitments.c.verification_due, commitments.c.id)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return [_read(row) for row in rows]


def _read(row: RowMapping) -> CommitmentRead:
    fields = ("id", "scope", "text", "made_on", "verification_due", "status", "verified_on", "findings")
    return CommitmentRead(
        **{f: row[f] for f in fields},
        subject=subject_brief(row),
        breach_record_id=row["breach_record_id"],
        overdue=row["overdue"],
        history=row["history"],
    )
