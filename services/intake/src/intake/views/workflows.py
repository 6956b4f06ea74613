"""The read side of the centre's workflow records: a centre case, a trade-fair complaint, a notice."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.orm import centre_cases, ecommerce_notices, trade_fair_cases
from intake.domain.errors import (
    CentreCaseNotFound,
    EcommerceNoticeNotFound,
    IntakeError,
    TradeFairCaseNotFound,
)
from intake.views.workflow_models import CentreCaseRead, NoticeRead, TradeFairCaseRead


class WorkflowViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def centre_case(self, case_id: uuid.UUID) -> CentreCaseRead:
        body = await self._body(
            centre_cases, case_id, CentreCaseNotFound("Centre case not found", "中心案件不存在")
        )
        return CentreCaseRead.model_validate(body)

    async def trade_fair_case(self, case_id: uuid.UUID) -> TradeFairCaseRead:
        error = TradeFairCaseNotFound("Trade-fair complaint not found", "展会投诉不存在")
        return TradeFairCaseRead.model_validate(await self._body(trade_fair_cases, case_id, error))

    async def notice(self, notice_id: uuid.UUID) -> NoticeRead:
        error = EcommerceNoticeNotFound("E-commerce notice not found", "电商通知不存在")
        return NoticeRead.model_validate(await self._body(ecommerce_notices, notice_id, error))

    async def _body(self, table: Table, record_id: uuid.UUID, missing: IntakeError) -> dict[str, Any]:
        async with self._sessions() as session:
            body = await session.scalar(select(table.c.body).where(table.c.id == record_id))
        if body is None:
            raise missing
        return dict(body)
