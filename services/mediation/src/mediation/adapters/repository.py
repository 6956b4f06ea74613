"""Mediation case persistence: explicit mapping between rows and the aggregate."""

from __future__ import annotations

import uuid

from sqlalchemy import RowMapping, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from mediation.adapters.orm import mediation_cases
from mediation.domain.case import MediationCase, MediationState
from shared.logs import current_correlation_id
from shared.vocabulary import IpType, Party


class MediationCaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, case: MediationCase) -> None:
        await self._session.execute(
            insert(mediation_cases).values(
                id=case.id,
                case_no=case.case_no,
                complaint_id=case.complaint_id,
                ip_type=case.ip_type.value,
                right_number=case.right_number,
                applicant=case.applicant.as_dict(),
                other_parties=[p.as_dict() for p in case.other_parties],
                state=case.state.value,
                opened_at=case.opened_at,
                correlation_id=current_correlation_id(),
            )
        )

    async def for_complaint(self, complaint_id: uuid.UUID) -> MediationCase | None:
        query = select(mediation_cases).where(mediation_cases.c.complaint_id == complaint_id)
        row = (await self._session.execute(query)).mappings().one_or_none()
        return None if row is None else case_from_row(row)


def case_from_row(row: RowMapping) -> MediationCase:
    return MediationCase(
        id=row["id"],
        case_no=row["case_no"],
        complaint_id=row["complaint_id"],
        ip_type=IpType(row["ip_type"]),
        right_number=row["right_number"],
        applicant=Party.from_dict(row["applicant"]),
        other_parties=tuple(Party.from_dict(p) for p in row["other_parties"]),
        state=MediationState(row["state"]),
        opened_at=row["opened_at"],
    )
