"""Adjudication's unit of work."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import number_counters
from adjudication.adapters.repository import CaseRepository
from shared.numbering import GapFreeCounter
from shared.uow import UnitOfWork


class AdjudicationUnitOfWork(UnitOfWork):
    cases: CaseRepository
    case_numbers: GapFreeCounter

    def _bind(self, session: AsyncSession) -> None:
        self.cases = CaseRepository(session)
        self.case_numbers = GapFreeCounter(session, number_counters)
