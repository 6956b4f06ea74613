"""Mediation's read side."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from mediation.adapters.orm import mediation_cases
from mediation.domain.errors import MediationCaseNotFound
from mediation.entrypoints.schemas import MediationCaseList, MediationCaseRead


class MediationViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def case(self, case_id: uuid.UUID) -> MediationCaseRead:
        query = select(mediation_cases).where(mediation_cases.c.id == case_id)
        async with self._sessions() as session:
            row = (await session.execute(query)).mappings().one_or_none()
        if row is None:
            raise MediationCaseNotFound(f"Mediation case {case_id} not found", f"调解案件 {case_id} 不存在")
        return MediationCaseRead.model_validate(dict(row))

    async def cases(self, *, complaint_id: uuid.UUID | None, limit: int, offset: int) -> MediationCaseList:
        query = (
            select(mediation_cases)
            .order_by(mediation_cases.c.opened_at.desc(), mediation_cases.c.id)
            .limit(limit)
            .offset(offset)
        )
        if complaint_id is not None:
            query = query.where(mediation_cases.c.complaint_id == complaint_id)
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return MediationCaseList(
            items=[MediationCaseRead.model_validate(dict(row)) for row in rows], limit=limit, offset=offset
        )
