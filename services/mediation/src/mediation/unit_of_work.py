"""Mediation's unit of work: cases, the roster, case numbers and the case record on one session."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from mediation.adapters.orm import case_record, number_counters
from mediation.adapters.repository import MediationCaseRepository
from mediation.adapters.roster_repository import RosterRepository
from shared.case_record import CaseRecord
from shared.numbering import GapFreeCounter
from shared.uow import UnitOfWork


class MediationUnitOfWork(UnitOfWork):
    cases: MediationCaseRepository
    roster: RosterRepository
    case_numbers: GapFreeCounter
    case_record: CaseRecord

    def _bind(self, session: AsyncSession) -> None:
        self.cases = MediationCaseRepository(session)
        self.roster = RosterRepository(session)
        self.case_numbers = GapFreeCounter(session, number_counters)
        self.case_record = CaseRecord(session, case_record)
