"""Inputs waiting for a subject match, oldest first (a credit officer's work queue)."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import unmatched_inputs
from credit.domain.errors import UnmatchedInputNotFound
from credit.domain.unmatched import UnmatchedStatus
from credit.views.unmatched_models import UnmatchedRead


class UnmatchedViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def inputs(
        self, *, status: UnmatchedStatus, limit: int, visible: bool = True
    ) -> list[UnmatchedRead]:
        """Parked inputs, oldest first; ``visible`` False (an office not covering the deployment's,
        to which every parked input belongs): none."""
        if not visible:
            return []
        query = (
            select(unmatched_inputs)
            .where(unmatched_inputs.c.status == status.value)
            .order_by(unmatched_inputs.c.received_at)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings()
            return [UnmatchedRead.model_validate(dict(r)) for r in rows]

    async def input(self, input_id: uuid.UUID) -> UnmatchedRead:
        async with self._sessions() as session:
            row = (
                (await session.execute(select(unmatched_inputs).where(unmatched_inputs.c.id == input_id)))
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise UnmatchedInputNotFound(f"No parked input {input_id}", f"待匹配输入 {input_id} 不存在")
        return UnmatchedRead.model_validate(dict(row))
