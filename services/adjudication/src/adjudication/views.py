"""Adjudication's read side."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adjudication.adapters.orm import cases
from adjudication.domain.errors import CaseNotFound
from adjudication.entrypoints.schemas import CaseList, CaseRead


class CaseViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def case(self, case_id: uuid.UUID) -> CaseRead:
        async with self._sessions() as session:
            row = (await session.execute(select(cases).where(cases.c.id == case_id))).mappings().one_or_none()
        if row is None:
            raise CaseNotFound(f"Case {case_id} not found", f"案件 {case_id} 不存在")
        return CaseRead.from_row(row)

    async def cases(self, *, complaint_id: uuid.UUID | None, limit: int, offset: int) -> CaseList:
        query = select(cases).order_by(cases.c.opened_at.desc(), cases.c.id).limit(limit).offset(offset)
        if complaint_id is not None:
            query = query.where(cases.c.complaint_id == complaint_id)
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return CaseList(items=[CaseRead.from_row(row) for row in rows], limit=limit, offset=offset)
