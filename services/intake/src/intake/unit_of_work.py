"""Intake's unit of work: the complaints repository and idempotency keys on one session."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import idempotency_keys
from intake.adapters.repository import ComplaintRepository
from shared.uow import UnitOfWork
from shared.web.idempotency import IdempotencyStore


class IntakeUnitOfWork(UnitOfWork):
    complaints: ComplaintRepository
    idempotency: IdempotencyStore

    def _bind(self, session: AsyncSession) -> None:
        self.complaints = ComplaintRepository(session)
        self.idempotency = IdempotencyStore(session, idempotency_keys)
