"""The read side of the centre's workflow records: a centre case, a trade-fair complaint, a notice.

A record belongs to its complaint's office (office scope); a notice is also read by the platform
it is addressed to (``intake.domain.access``).
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.orm import centre_cases, complaints, ecommerce_notices, trade_fair_cases
from intake.domain.access import authorise_notice, authorise_read
from intake.domain.errors import (
    CentreCaseNotFound,
    EcommerceNoticeNotFound,
    IntakeError,
    TradeFairCaseNotFound,
)
from intake.views.workflow_models import CentreCaseRead, NoticeRead, TradeFairCaseRead
from shared.identity.principals import Principal


class WorkflowViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def centre_case(self, case_id: uuid.UUID, principal: Principal | None = None) -> CentreCaseRead:
        error = CentreCaseNotFound("Centre case not found", "中心案件不存在")
        body, office = await self._body(centre_cases, case_id, error)
        if principal is not None:
            authorise_read(principal, office)
        return CentreCaseRead.model_validate(body)

    async def trade_fair_case(
        self, case_id: uuid.UUID, principal: Principal | None = None
    ) -> TradeFairCaseRead:
        error = TradeFairCaseNotFound("Trade-fair complaint not found", "展会投诉不存在")
        body, office = await self._body(trade_fair_cases, case_id, error)
        if principal is not None:
            authorise_read(principal, office)
        return TradeFairCaseRead.model_validate(body)

    async def notice(self, notice_id: uuid.UUID, principal: Principal | None = None) -> NoticeRead:
        error = EcommerceNoticeNotFound("E-commerce notice not found", "电商通知不存在")
        body, office = await self._body(ecommerce_notices, notice_id, error)
        if principal is not None:
            authorise_notice(principal, office, str(body["platform"]))
        return NoticeRead.model_validate(body)

    async def _body(
        self, table: Table, record_id: uuid.UUID, missing: IntakeError
    ) -> tuple[dict[str, Any], str]:
        query = (
            select(table.c.body, complaints.c.office_code)
            .join(complaints, complaints.c.id == table.c.complaint_id)
            .where(table.c.id == record_id)
        )
        async with self._sessions() as session:
            row = (await session.execute(query)).one_or_none()
        if row is None:
            raise missing
        return dict(row[0]), str(row[1])
