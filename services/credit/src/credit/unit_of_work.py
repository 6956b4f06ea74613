"""Credit's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from credit.adapters.repository import SubjectRepository
from shared.uow import UnitOfWork


class CreditUnitOfWork(UnitOfWork):
    subjects: SubjectRepository

    def _bind(self, session: AsyncSession) -> None:
        self.subjects = SubjectRepository(session)
