"""Mediation's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from mediation.adapters.orm import number_counters
from mediation.adapters.repository import MediationCaseRepository
from shared.numbering import GapFreeCounter
from shared.uow import UnitOfWork


class MediationUnitOfWork(UnitOfWork):
    cases: MediationCaseRepository
    case_numbers: GapFreeCounter

    def _bind(self, session: AsyncSession) -> None:
        self.cases = MediationCaseRepository(session)
        self.case_numbers = GapFreeCounter(session, number_counters)
