"""Intake's read side: queries that return API representations, never aggregates."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.orm import complaints
from intake.adapters.repository import complaint_from_row
from intake.domain.errors import ComplaintNotFound
from intake.entrypoints.schemas import ComplaintRead


class ComplaintViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def complaint(self, complaint_id: uuid.UUID) -> ComplaintRead:
        async with self._sessions() as session:
            row = (
                (await session.execute(select(complaints).where(complaints.c.id == complaint_id)))
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise ComplaintNotFound(f"Complaint {complaint_id} not found", f"投诉 {complaint_id} 不存在")
        return ComplaintRead.from_complaint(complaint_from_row(row))
