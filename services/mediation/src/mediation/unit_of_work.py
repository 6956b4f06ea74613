"""Mediation's unit of work: cases, the roster and case numbers on one session."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from mediation.adapters.orm import number_counters
from mediation.adapters.repository import MediationCaseRepository
from mediation.adapters.roster_repository import RosterRepository
from shared.numbering import GapFreeCounter
from shared.uow import UnitOfWork


class MediationUnitOfWork(UnitOfWork):
    cases: MediationCaseRepository
    roster: RosterRepository
    case_numbers: GapFreeCounter

    def _bind(self, session: AsyncSession) -> None:
        self.cases = MediationCaseRepository(session)
        self.roster = RosterRepository(session)
        self.case_numbers = GapFreeCounter(session, number_counters)
