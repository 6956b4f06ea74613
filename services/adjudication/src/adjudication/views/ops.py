"""The overdue-deadline figure of the operator views and ``ipcase_deadlines_overdue``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import cases
from adjudication.domain.values.days import local_date
from shared.opsview import OverdueDeadlines


def overdue_deadlines(office_code: str) -> OverdueDeadlines:
    """Cases whose earliest office duty is already past; a deployment serves one office."""

    async def count(session: AsyncSession) -> Mapping[str, int]:
        today = local_date(dt.datetime.now(dt.UTC))
        overdue = await session.scalar(
            select(func.count()).select_from(cases).where(cases.c.duty_due < today)
        )
        return {office_code: int(overdue or 0)}

    return count
