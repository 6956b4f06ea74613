"""Counterfeit-penalty cases as the API shows them, read from the stored case file.

Reads are office-scoped: a penalty case belongs to the office that filed it, and a list holds only
the cases of the offices the reader's own covers (filtered in SQL on the division prefix).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import penalty_cases as table
from adjudication.adapters.penalty_repository import PENALTY_FILE
from adjudication.domain.access import authorise_penalty_read
from adjudication.domain.errors import PenaltyCaseNotFound
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.states import PenaltyState
from adjudication.views.deadlines import deadline_out
from adjudication.views.models import PenaltyCaseList, PenaltyCaseRead
from adjudication.views.sorting import PenaltySort, count, sorted_by
from shared.identity.principals import Principal, scope_prefix


async def penalty_case(
    session: AsyncSession, case_id: uuid.UUID, principal: Principal, *, check: bool = True
) -> PenaltyCaseRead:
    query = select(table.c.file, table.c.office_code).where(table.c.id == case_id)
    row = (await session.execute(query)).one_or_none()
    if row is None:
        raise PenaltyCaseNotFound(f"Penalty case {case_id} not found", f"假冒专利案件 {case_id} 不存在")
    case = _case(row.file, row.office_code)
    if check:
        authorise_penalty_read(principal, case)
    return penalty_read(case)


async def penalty_cases(
    session: AsyncSession,
    principal: Principal,
    *,
    state: PenaltyState | None,
    limit: int,
    offset: int,
    sort: PenaltySort = PenaltySort.OPENED_DESC,
) -> PenaltyCaseList:
    query: Select[Any] = select(table.c.file, table.c.office_code)
    if not principal.is_person or principal.office_code is None:
        return PenaltyCaseList(items=[], total=0, sort=sort, limit=limit, offset=offset)
    prefix = scope_prefix(principal.office_code)
    query = query.where(table.c.office_code.startswith(prefix, autoescape=True))
    if state is not None:
        query = query.where(table.c.state == state.value)
    total = await count(session, query)
    rows = (await session.execute(sorted_by(query, table, sort).limit(limit).offset(offset))).all()
    return PenaltyCaseList(
        items=[penalty_read(_case(r.file, r.office_code)) for r in rows],
        total=total,
        sort=sort,
        limit=limit,
        offset=offset,
    )


def _case(file: dict[str, Any], office_code: str) -> PenaltyCase:
    return PENALTY_FILE.validate_python({**file, "office_code": office_code})


def penalty_read(case: PenaltyCase) -> PenaltyCaseRead:
    return PenaltyCaseRead.from_case(case, [deadline_out(d) for d in case.open_deadlines()])
