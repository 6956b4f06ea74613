"""Adjudication's unit of work: every repository of the service on one session (one transaction)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import case_record, number_counters
from adjudication.adapters.penalty_repository import PenaltyCaseRepository
from adjudication.adapters.registries import DisputeRegistry
from adjudication.adapters.repository import CaseRepository
from adjudication.adapters.rooms import HearingRooms
from shared.case_record import CaseRecord
from shared.numbering import GapFreeCounter
from shared.uow import UnitOfWork


class AdjudicationUnitOfWork(UnitOfWork):
    cases: CaseRepository
    penalty_cases: PenaltyCaseRepository
    case_numbers: GapFreeCounter
    case_record: CaseRecord
    registry: DisputeRegistry
    rooms: HearingRooms

    def _bind(self, session: AsyncSession) -> None:
        self.cases = CaseRepository(session)
        self.penalty_cases = PenaltyCaseRepository(session)
        self.case_numbers = GapFreeCounter(session, number_counters)
        # Appended entries go in the commit's one statement: nothing here reads the record back
        # inside the transaction that writes it (the timeline is a view of its own).
        self.case_record = CaseRecord(session, case_record, at_commit=self.inserts)
        self.registry = DisputeRegistry(session)
        self.rooms = HearingRooms(session)
