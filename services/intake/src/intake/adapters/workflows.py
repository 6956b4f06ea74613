"""Persistence of the centre's workflow records, examiners and the map of downstream cases."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Generic, TypeVar

from sqlalchemy import Table, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as upsert
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.codec import dump, load
from intake.adapters.deadlines import DeadlineQueue
from intake.adapters.orm import downstream_cases, examiners, trade_fair_cases
from intake.domain.centre_case import Examiner
from intake.domain.trade_fair import TradeFairCase, TradeFairStatus
from intake.domain.workflow import Workflow

W = TypeVar("W", bound=Workflow[Any])
NOT_IN_BODY = frozenset({"events", "timer_changes"})


class WorkflowRepository(Generic[W]):
    """One table per workflow kind: id, complaint, status, and the whole record in ``body``."""

    def __init__(self, session: AsyncSession, table: Table, cls: type[W]) -> None:
        self._session, self._table, self._cls = session, table, cls
        self._queue = DeadlineQueue(session)

    async def add(self, record: W) -> None:
        await self._session.execute(insert(self._table).values(**self._values(record)))
        await self._queue.project(record)

    async def get(self, record_id: uuid.UUID, *, for_update: bool = False) -> W | None:
        query = select(self._table.c.body).where(self._table.c.id == record_id)
        body = await self._session.scalar(query.with_for_update() if for_update else query)
        return None if body is None else load(self._cls, body)

    async def for_complaint(self, complaint_id: uuid.UUID) -> list[W]:
        rows = await self._session.scalars(
            select(self._table.c.body)
            .where(self._table.c.complaint_id == complaint_id)
            .order_by(self._table.c.created_at)
        )
        return [load(self._cls, body) for body in rows]

    async def save(self, record: W) -> None:
        await self._session.execute(
            update(self._table)
            .where(self._table.c.id == record.id)
            .values(updated_at=func.now(), **self._values(record))
        )
        await self._queue.project(record)

    def _values(self, record: W) -> dict[str, object]:
        return {
            "id": record.id,
            "complaint_id": record.complaint_id,
            "status": record.status.value,
            "body": dump(record, exclude=set(NOT_IN_BODY)),
        }


class TradeFairCases(WorkflowRepository[TradeFairCase]):
    def __init__(self, session: AsyncSession) -> None:
        super().__init__(session, trade_fair_cases, TradeFairCase)

    async def finding_sessions(self, case: TradeFairCase) -> list[str]:
        """Other sessions of this fair with a finding against this exhibitor (the repeat-exhibitor test)."""
        body = self._table.c.body
        sessions = await self._session.scalars(
            select(body["session"].astext)
            .distinct()
            .where(
                self._table.c.status == TradeFairStatus.MEASURES_ORDERED.value,
                body["fair_name"].astext == case.fair_name,
                body["exhibitor_key"].astext == case.exhibitor_key,
                body["session"].astext != case.session,
            )
        )
        return sorted(sessions)


class ExaminerRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, examiner_id: str) -> Examiner | None:
        row = (
            (await self._session.execute(select(examiners).where(examiners.c.id == examiner_id)))
            .mappings()
            .one_or_none()
        )
        if row is None:
            return None
        return Examiner(
            id=row["id"], name=row["name"], centre=row["centre"], interests=tuple(row["interests"])
        )

    async def save(self, examiner: Examiner) -> None:
        values = {"name": examiner.name, "centre": examiner.centre, "interests": list(examiner.interests)}
        await self._session.execute(
            upsert(examiners)
            .values(id=examiner.id, **values)
            .on_conflict_do_update(index_elements=[examiners.c.id], set_={**values, "updated_at": func.now()})
        )


class DownstreamCases:
    """Which complaint a case in another service came from (outcome events name only the case)."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def remember(self, case_id: uuid.UUID, service: str, complaint_id: uuid.UUID) -> None:
        await self._session.execute(
            upsert(downstream_cases)
            .values(case_id=case_id, service=service, complaint_id=complaint_id)
            .on_conflict_do_nothing(index_elements=[downstream_cases.c.case_id])
        )

    async def moved(self, case_id: uuid.UUID, state: str, at: dt.datetime) -> bool:
        """Note the case's new state unless a later one is already noted (False: unknown case)."""
        result = await self._session.execute(
            update(downstream_cases)
            .where(
                downstream_cases.c.case_id == case_id,
                or_(downstream_cases.c.state_at.is_(None), downstream_cases.c.state_at <= at),
            )
            .values(state=state, state_at=at)
        )
        return bool(getattr(result, "rowcount", 0))

    async def complaint_of(self, case_id: uuid.UUID) -> uuid.UUID | None:
        return await self._session.scalar(
            select(downstream_cases.c.complaint_id).where(downstream_cases.c.case_id == case_id)
        )
