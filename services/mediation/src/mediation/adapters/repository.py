"""Mediation case persistence: load a case with its children (locked for the transaction), save it whole."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import RowMapping, Select, Table, func, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from mediation.adapters.agreement_mapping import (
    agreement_from_row,
    agreement_row,
    application_from_row,
    application_row,
)
from mediation.adapters.case_mapping import assignment_from_row, assignment_row, case_from_rows, case_row
from mediation.adapters.orm import (
    agreements,
    confirmation_applications,
    mediation_cases,
    mediator_assignments,
)
from mediation.domain.assignment import AssignmentStatus
from mediation.domain.case import MediationCase
from mediation.domain.kinds import Origin
from mediation.domain.states import MEDIATING
from shared.logs import current_correlation_id

LOAD_STATUSES = [s.value for s in AssignmentStatus if s.counts_as_load]


class MediationCaseRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, case_id: uuid.UUID, *, lock: bool = True) -> MediationCase | None:
        """The case and its children; ``lock`` holds the row until commit so commands queue up."""
        query = select(mediation_cases).where(mediation_cases.c.id == case_id)
        return await self._load(query.with_for_update() if lock else query)

    async def for_complaint(self, complaint_id: uuid.UUID) -> MediationCase | None:
        return await self._load(select(mediation_cases).where(mediation_cases.c.complaint_id == complaint_id))

    async def for_court_assignment(self, assignment_id: str) -> MediationCase | None:
        query = select(mediation_cases).where(mediation_cases.c.court_assignment_id == assignment_id)
        return await self._load(query)

    async def mediating_for(self, origin: Origin, origin_id: str) -> MediationCase | None:
        """The case still mediating for this origin (an adjudication case mediates once at a time)."""
        query = select(mediation_cases).where(
            mediation_cases.c.origin == origin.value,
            mediation_cases.c.origin_id == origin_id,
            mediation_cases.c.state.in_([s.value for s in MEDIATING]),
        )
        return await self._load(query.limit(1))

    async def case_id_for_application(self, application_id: uuid.UUID) -> uuid.UUID | None:
        query = select(confirmation_applications.c.case_id).where(
            confirmation_applications.c.id == application_id
        )
        found: uuid.UUID | None = await self._session.scalar(query)
        return found

    async def save(self, case: MediationCase) -> None:
        """Insert or update the case row and every child row."""
        await _upsert(self._session, mediation_cases, [case_row(case)])
        await _upsert(
            self._session, mediator_assignments, [assignment_row(a, case.id) for a in case.assignments]
        )
        await _upsert(self._session, agreements, [agreement_row(a, case.id) for a in case.agreements])
        await _upsert(
            self._session, confirmation_applications, [application_row(a, case.id) for a in case.applications]
        )

    async def mediator_loads(self, mediator_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Cases each mediator holds now (assignments pending an answer or confirmed)."""
        table = mediator_assignments
        query = (
            select(table.c.mediator_id, func.count())
            .where(table.c.mediator_id.in_(mediator_ids), table.c.status.in_(LOAD_STATUSES))
            .group_by(table.c.mediator_id)
        )
        rows = (await self._session.execute(query)).all()
        return {row[0]: int(row[1]) for row in rows}

    async def _load(self, query: Select[Any]) -> MediationCase | None:
        row = (await self._session.execute(query)).mappings().first()
        if row is None:
            return None
        return case_from_rows(
            row,
            [assignment_from_row(r) for r in await self._children(mediator_assignments, row, "assigned_at")],
            [agreement_from_row(r) for r in await self._children(agreements, row, "version")],
            [
                application_from_row(r)
                for r in await self._children(confirmation_applications, row, "filed_at")
            ],
        )

    async def _children(self, table: Table, case: RowMapping, order: str) -> Sequence[RowMapping]:
        query = select(table).where(table.c.case_id == case["id"]).order_by(table.c[order])
        return (await self._session.execute(query)).mappings().all()


async def _upsert(session: AsyncSession, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    statement = insert(table)
    updates: dict[str, Any] = {name: statement.excluded[name] for name in rows[0] if name != "id"}
    if table is mediation_cases:
        updates["correlation_id"] = func.coalesce(table.c.correlation_id, statement.excluded.correlation_id)
        updates["updated_at"] = func.now()
        rows = [{**r, "correlation_id": current_correlation_id()} for r in rows]
    await session.execute(statement.on_conflict_do_update(index_elements=[table.c.id], set_=updates), rows)
