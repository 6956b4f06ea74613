"""Case persistence: explicit mapping between rows and the aggregate."""

from __future__ import annotations

import uuid

from sqlalchemy import RowMapping, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import cases
from adjudication.domain.case import Case, CaseState
from shared.logs import current_correlation_id
from shared.vocabulary import IpType, Party


class CaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, case: Case) -> None:
        await self._session.execute(
            insert(cases).values(
                id=case.id,
                case_no=case.case_no,
                complaint_id=case.complaint_id,
                complaint_reference=case.complaint_reference,
                ip_type=case.ip_type.value,
                patent_number=case.patent_number,
                requester=case.requester.as_dict(),
                respondents=[p.as_dict() for p in case.respondents],
                state=case.state.value,
                opened_at=case.opened_at,
                correlation_id=current_correlation_id(),
            )
        )

    async def for_complaint(self, complaint_id: uuid.UUID) -> Case | None:
        query = select(cases).where(cases.c.complaint_id == complaint_id)
        row = (await self._session.execute(query)).mappings().one_or_none()
        return None if row is None else case_from_row(row)


def case_from_row(row: RowMapping) -> Case:
    return Case(
        id=row["id"],
        case_no=row["case_no"],
        complaint_id=row["complaint_id"],
        complaint_reference=row["complaint_reference"],
        ip_type=IpType(row["ip_type"]),
        patent_number=row["patent_number"],
        requester=Party.from_dict(row["requester"]),
        respondents=tuple(Party.from_dict(p) for p in row["respondents"]),
        state=CaseState(row["state"]),
        opened_at=row["opened_at"],
    )
