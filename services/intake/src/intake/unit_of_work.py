"""Intake's unit of work: every repository on one session, so one command is one transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.evidence_store import EvidenceRows
from intake.adapters.orm import centre_cases, ecommerce_notices, idempotency_keys, trade_fair_cases
from intake.adapters.registry import RightsRegistry
from intake.adapters.repository import ComplaintRepository
from intake.adapters.workflows import DownstreamCases, ExaminerRepository, WorkflowRepository
from intake.domain.centre_case import CentreCase
from intake.domain.ecommerce_notice import EcommerceNotice
from intake.domain.trade_fair import TradeFairCase
from shared.uow import UnitOfWork
from shared.web.idempotency import IdempotencyStore


class IntakeUnitOfWork(UnitOfWork):
    complaints: ComplaintRepository
    evidence: EvidenceRows
    registry: RightsRegistry
    examiners: ExaminerRepository
    centre_cases: WorkflowRepository[CentreCase]
    trade_fair_cases: WorkflowRepository[TradeFairCase]
    notices: WorkflowRepository[EcommerceNotice]
    downstream: DownstreamCases
    idempotency: IdempotencyStore

    def _bind(self, session: AsyncSession) -> None:
        self.complaints = ComplaintRepository(session)
        self.evidence = EvidenceRows(session)
        self.registry = RightsRegistry(session)
        self.examiners = ExaminerRepository(session)
        self.centre_cases = WorkflowRepository(session, centre_cases, CentreCase)
        self.trade_fair_cases = WorkflowRepository(session, trade_fair_cases, TradeFairCase)
        self.notices = WorkflowRepository(session, ecommerce_notices, EcommerceNotice)
        self.downstream = DownstreamCases(session)
        self.idempotency = IdempotencyStore(session, idempotency_keys)
