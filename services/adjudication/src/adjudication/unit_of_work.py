"""Adjudication's unit of work: every repository of the service on one session (one transaction)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import number_counters
from adjudication.adapters.penalty_repository import PenaltyCaseRepository
from adjudication.adapters.registries import DisputeRegistry
from adjudication.adapters.repository import CaseRepository
from adjudication.adapters.rooms import HearingRooms
from adjudication.adapters.timeline import Timeline
from shared.numbering import GapFreeCounter
from shared.uow import UnitOfWork


class AdjudicationUnitOfWork(UnitOfWork):
    cases: CaseRepository
    penalty_cases: PenaltyCaseRepository
    case_numbers: GapFreeCounter
    timeline: Timeline
    registry: DisputeRegistry
    rooms: HearingRooms

    def _bind(self, session: AsyncSession) -> None:
        self.cases = CaseRepository(session)
        self.penalty_cases = PenaltyCaseRepository(session)
        self.case_numbers = GapFreeCounter(session, number_counters)
        self.timeline = Timeline(session)
        self.registry = DisputeRegistry(session)
        self.rooms = HearingRooms(session)
