"""Adjudication's read side: queries that return API representations.

Lists, work queues and search read the row columns; the case file, deadlines and documents read the
stored case file (``cases.file``), which is exactly what the last step saved.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adjudication.adapters.decision_document import decision_document
from adjudication.adapters.orm import case_assignments, cases, hearing_rooms
from adjudication.adapters.repository import CASE_FILE, case_from_row
from adjudication.domain.case.states import FINAL, CaseState, allowed_from
from adjudication.domain.case.steps.evidence import verify_evidence
from adjudication.domain.errors import CaseNotFound
from adjudication.domain.penalty.states import PenaltyState
from adjudication.domain.values.days import local_date
from adjudication.domain.values.rules import CaseRules
from adjudication.views import penalty
from adjudication.views.deadlines import deadline_out
from adjudication.views.models import (
    CaseFile,
    CaseList,
    CaseRead,
    DeadlineOut,
    EvidenceVerification,
    PartyOut,
    PenaltyCaseList,
    PenaltyCaseRead,
    QueueItem,
    RoomRead,
    Timeline,
    WorkQueue,
)
from adjudication.views.timeline import timeline
from shared.documents import Document
from shared.identifiers import normalise_name


class CaseViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], rules: CaseRules) -> None:
        self._sessions = sessions
        self._rules = rules

    async def case(self, case_id: uuid.UUID) -> CaseRead:
        return case_read(await self._row(case_id))

    async def cases(
        self,
        *,
        complaint_id: uuid.UUID | None = None,
        state: Sequence[CaseState] = (),
        procedure: str | None = None,
        text: str | None = None,
        overdue: bool = False,
        limit: int = 50,
        offset: int = 0,
    ) -> CaseList:
        query = select(cases)
        if complaint_id is not None:
            query = query.where(cases.c.complaint_id == complaint_id)
        if state:
            query = query.where(cases.c.state.in_([s.value for s in state]))
        if procedure:
            query = query.where(cases.c.procedure == procedure)
        if text:
            query = query.where(cases.c.search_text.contains(normalise_name(text), autoescape=True))
        if overdue:
            query = query.where(cases.c.duty_due < _today())
        query = query.order_by(cases.c.opened_at.desc(), cases.c.id).limit(limit).offset(offset)
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return CaseList(items=[case_read(row) for row in rows], limit=limit, offset=offset)

    async def case_file(self, case_id: uuid.UUID) -> CaseFile:
        row = await self._row(case_id)
        case = case_from_row(row)
        return CaseFile.model_validate(
            CASE_FILE.dump_python(case, mode="json", exclude={"events", "timer_changes"})
        )

    async def deadlines(self, case_id: uuid.UUID) -> list[DeadlineOut]:
        case = case_from_row(await self._row(case_id))
        return [
            deadline_out(d) for d in sorted(case.deadlines.values(), key=lambda d: (d.due is None, d.due))
        ]

    async def timeline(self, case_id: uuid.UUID) -> Timeline:
        await self._row(case_id)
        async with self._sessions() as session:
            return await timeline(session, case_id)

    async def work_queue(self, person_id: str, role: str | None = None) -> WorkQueue:
        """The person's open cases, the most urgent legal deadline first."""
        assigned = select(case_assignments.c.case_id).where(
            case_assignments.c.person_id == person_id, case_assignments.c.active
        )
        if role:
            assigned = assigned.where(case_assignments.c.role == role)
        query = (
            select(cases)
            .where(cases.c.id.in_(assigned), cases.c.state.not_in([s.value for s in FINAL]))
            .order_by(cases.c.next_due.asc().nulls_last(), cases.c.opened_at)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return WorkQueue(person_id=person_id, items=[_queue_item(row, person_id) for row in rows])

    async def decision_document(self, case_id: uuid.UUID) -> Document:
        return decision_document(case_from_row(await self._row(case_id)), self._rules)

    async def evidence_matches(
        self, case_id: uuid.UUID, evidence_id: str, sha256: str
    ) -> EvidenceVerification:
        case = case_from_row(await self._row(case_id))
        matches = verify_evidence(case, evidence_id, sha256)
        return EvidenceVerification(evidence_id=evidence_id, sha256=sha256, matches=matches)

    async def rooms(self) -> list[RoomRead]:
        query = select(hearing_rooms).where(hearing_rooms.c.active).order_by(hearing_rooms.c.name)
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return [RoomRead(id=r.id, name=r.name, mode=r.mode, location=r.location) for r in rows]

    async def penalty_case(self, case_id: uuid.UUID) -> PenaltyCaseRead:
        async with self._sessions() as session:
            return await penalty.penalty_case(session, case_id)

    async def penalty_cases(self, *, state: PenaltyState | None, limit: int, offset: int) -> PenaltyCaseList:
        async with self._sessions() as session:
            return await penalty.penalty_cases(session, state=state, limit=limit, offset=offset)

    async def _row(self, case_id: uuid.UUID) -> Any:
        async with self._sessions() as session:
            row = (await session.execute(select(cases).where(cases.c.id == case_id))).mappings().one_or_none()
        if row is None:
            raise CaseNotFound(f"Case {case_id} not found", f"案件 {case_id} 不存在")
        return row


def case_read(row: Any) -> CaseRead:
    state = CaseState(row["state"])
    return CaseRead(
        id=row["id"],
        case_no=row["case_no"],
        docket_no=row["docket_no"],
        complaint_id=row["complaint_id"],
        complaint_reference=row["complaint_reference"],
        state=state.value,
        procedure=row["procedure"],
        outcome=row["outcome"],
        ip_type=row["ip_type"],
        patent_number=row["patent_number"],
        requester=PartyOut.model_validate(row["requester"]),
        respondents=[PartyOut.model_validate(p) for p in row["respondents"]],
        received_at=row["received_at"],
        opened_at=row["opened_at"],
        docketed_on=row["docketed_on"],
        decided_on=row["decided_on"],
        effective_on=row["effective_on"],
        next_due=row["next_due"],
        allowed_transitions=[t.label() for t in allowed_from(state)],
        correlation_id=row["correlation_id"],
    )


def _queue_item(row: Any, person_id: str) -> QueueItem:
    case = case_from_row(row)
    roles = sorted({p.role.value for p in case.participants if p.person_id == person_id and p.active})
    open_deadlines = case.open_deadlines()
    today = _today()
    return QueueItem(
        case_id=case.id,
        case_kind="infringement_dispute",
        case_no=case.official_no,
        state=case.state.value,
        procedure=case.procedure.value,
        roles=roles,
        next_due=case.next_due,
        overdue=case.duty_due is not None and case.duty_due < today,
        open_deadlines=[deadline_out(d) for d in open_deadlines],
    )


def _today() -> dt.date:
    return local_date(dt.datetime.now(dt.UTC))
