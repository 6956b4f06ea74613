"""Counterfeit-penalty cases as the API shows them, read from the stored case file."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import penalty_cases as table
from adjudication.adapters.penalty_repository import PENALTY_FILE
from adjudication.domain.errors import PenaltyCaseNotFound
from adjudication.domain.penalty.states import PenaltyState
from adjudication.views.deadlines import deadline_out
from adjudication.views.models import PenaltyCaseList, PenaltyCaseRead


async def penalty_case(session: AsyncSession, case_id: uuid.UUID) -> PenaltyCaseRead:
    query = select(table.c.file).where(table.c.id == case_id)
    file = (await session.execute(query)).scalar_one_or_none()
    if file is None:
        raise PenaltyCaseNotFound(f"Penalty case {case_id} not found", f"假冒专利案件 {case_id} 不存在")
    return penalty_read(file)


async def penalty_cases(
    session: AsyncSession, *, state: PenaltyState | None, limit: int, offset: int
) -> PenaltyCaseList:
    query: Select[Any] = select(table.c.file)
    if state is not None:
        query = query.where(table.c.state == state.value)
    query = query.order_by(table.c.opened_at.desc()).limit(limit).offset(offset)
    files = (await session.execute(query)).scalars().all()
    return PenaltyCaseList(items=[penalty_read(f) for f in files], limit=limit, offset=offset)


def penalty_read(file: dict[str, Any]) -> PenaltyCaseRead:
    case = PENALTY_FILE.validate_python(file)
    return PenaltyCaseRead.from_case(case, [deadline_out(d) for d in case.open_deadlines()])
