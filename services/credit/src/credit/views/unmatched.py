"""Inputs waiting for a subject match, oldest first (a credit officer's work queue)."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import false, select, true
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.orm import unmatched_inputs
from credit.domain.errors import UnmatchedInputNotFound
from credit.domain.unmatched import UnmatchedStatus
from credit.views.unmatched_models import UnmatchedPage, UnmatchedRead, UnmatchedSort
from shared.web.lists import changed_since, count, sorted_by


class UnmatchedViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def inputs(
        self,
        *,
        status: UnmatchedStatus,
        visible: bool = True,
        updated_since: dt.datetime | None = None,
        sort: UnmatchedSort = UnmatchedSort.RECEIVED,
        limit: int = 100,
        offset: int = 0,
    ) -> UnmatchedPage:
        """Parked inputs, oldest first unless ``sort`` says otherwise (the input id breaks ties);
        ``visible`` False (an office not covering the deployment's, to which every parked input
        belongs): none. ``total`` counts every page."""
        as_of = dt.datetime.now(dt.UTC)
        query = select(unmatched_inputs).where(
            unmatched_inputs.c.status == status.value,
            changed_since(unmatched_inputs, updated_since),
            true() if visible else false(),
        )
        async with self._sessions() as session:
            total = await count(session, query)
            ordered = sorted_by(query, unmatched_inputs, sort).limit(limit).offset(offset)
            rows = (await session.execute(ordered)).mappings().all()
        return UnmatchedPage(
            items=[UnmatchedRead.model_validate(dict(r)) for r in rows],
            total=total,
            sort=sort,
            as_of=as_of,
            limit=limit,
            offset=offset,
        )

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
