"""Adjudication's read side: queries that return API representations.

Lists, work queues and search read the row columns; the case file, deadlines and documents read the
stored case file (``cases.file``), which is exactly what the last step saved.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from adjudication.adapters.decision_document import decision_document
from adjudication.adapters.orm import case_assignments, cases, hearing_rooms
from adjudication.adapters.repository import CASE_FILE, case_from_row
from adjudication.domain.access import (
    OFFICE_READERS,
    OFFICE_ROLES,
    acts_as_adjudicator,
    authorise_read,
)
from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.possible import possible_now
from adjudication.domain.case.states import FINAL, CaseState
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
from adjudication.views.search import matches
from adjudication.views.sorting import CaseSort, PenaltySort, count, sorted_by
from adjudication.views.timeline import timeline
from shared.access.minimise import Reader
from shared.access.rules import ObjectDenied
from shared.documents import Document
from shared.identity.principals import Principal, PrincipalKind, Role, scope_prefix
from shared.web.lists import changed_since


class CaseViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], rules: CaseRules) -> None:
        self._sessions = sessions
        self._rules = rules

    async def case(self, case_id: uuid.UUID, principal: Principal, *, check: bool = True) -> CaseRead:
        """The case as ``principal`` may read it; ``check=False`` once a step it took admitted it."""
        row = await self._row(case_id)
        reader = authorise_read(principal, case_from_row(row)) if check else reader_for(principal)
        return shown(case_read(row), reader)

    async def cases(
        self,
        principal: Principal,
        *,
        complaint_id: uuid.UUID | None = None,
        state: Sequence[CaseState] = (),
        procedure: str | None = None,
        text: str | None = None,
        overdue: bool = False,
        updated_since: dt.datetime | None = None,
        sort: CaseSort = CaseSort.OPENED_DESC,
        limit: int = 50,
        offset: int = 0,
    ) -> CaseList:
        query = select(cases).where(readable_by(principal), changed_since(cases, updated_since))
        as_of = dt.datetime.now(dt.UTC)
        if complaint_id is not None:
            query = query.where(cases.c.complaint_id == complaint_id)
        if state:
            query = query.where(cases.c.state.in_([s.value for s in state]))
        if procedure:
            query = query.where(cases.c.procedure == procedure)
        if text:
            query = query.where(matches(cases.c.search_text, text))
        if overdue:
            query = query.where(cases.c.duty_due < _today())
        async with self._sessions() as session:
            total = await count(session, query)
            page = sorted_by(query, cases, sort).limit(limit).offset(offset)
            rows = (await session.execute(page)).mappings().all()
        reader = reader_for(principal)
        return CaseList(
            items=[shown(case_read(row), reader) for row in rows],
            total=total,
            sort=sort,
            as_of=as_of,
            limit=limit,
            offset=offset,
        )

    async def case_file(self, case_id: uuid.UUID, principal: Principal) -> CaseFile:
        case = await self._readable(case_id, principal)
        return CaseFile.model_validate(
            CASE_FILE.dump_python(case, mode="json", exclude={"events", "timer_changes"})
        )

    async def deadlines(self, case_id: uuid.UUID, principal: Principal) -> list[DeadlineOut]:
        case = await self._readable(case_id, principal)
        return [
            deadline_out(d) for d in sorted(case.deadlines.values(), key=lambda d: (d.due is None, d.due))
        ]

    async def timeline(self, case_id: uuid.UUID, principal: Principal) -> Timeline:
        await self._readable(case_id, principal)
        async with self._sessions() as session:
            return await timeline(session, case_id)

    async def work_queue(self, principal: Principal, person_id: str, role: str | None = None) -> WorkQueue:
        """The person's open cases, the most urgent legal deadline first (of the reader's office)."""
        if acts_as_adjudicator(principal) and person_id != principal.subject:
            raise ObjectDenied(
                "An adjudicator reads only their own work queue", "审理人员只能查看本人的待办案件"
            )
        assigned = select(case_assignments.c.case_id).where(
            case_assignments.c.person_id == person_id, case_assignments.c.active
        )
        if role:
            assigned = assigned.where(case_assignments.c.role == role)
        query = (
            select(cases)
            .where(cases.c.id.in_(assigned), cases.c.state.not_in([s.value for s in FINAL]))
            .where(in_office(principal))
            .order_by(cases.c.next_due.asc().nulls_last(), cases.c.opened_at)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return WorkQueue(person_id=person_id, items=[_queue_item(row, person_id) for row in rows])

    async def decision_document(self, case_id: uuid.UUID, principal: Principal) -> Document:
        return decision_document(await self._readable(case_id, principal), self._rules)

    async def evidence_matches(
        self, case_id: uuid.UUID, evidence_id: str, sha256: str, principal: Principal
    ) -> EvidenceVerification:
        case = await self._readable(case_id, principal)
        matches = verify_evidence(case, evidence_id, sha256)
        return EvidenceVerification(evidence_id=evidence_id, sha256=sha256, matches=matches)

    async def rooms(self) -> list[RoomRead]:
        query = select(hearing_rooms).where(hearing_rooms.c.active).order_by(hearing_rooms.c.name)
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return [RoomRead(id=r.id, name=r.name, mode=r.mode, location=r.location) for r in rows]

    async def penalty_case(
        self, case_id: uuid.UUID, principal: Principal, *, check: bool = True
    ) -> PenaltyCaseRead:
        async with self._sessions() as session:
            return await penalty.penalty_case(session, case_id, principal, check=check)

    async def penalty_cases(
        self,
        principal: Principal,
        *,
        state: PenaltyState | None,
        limit: int,
        offset: int,
        sort: PenaltySort = PenaltySort.OPENED_DESC,
    ) -> PenaltyCaseList:
        async with self._sessions() as session:
            return await penalty.penalty_cases(
                session, principal, state=state, limit=limit, offset=offset, sort=sort
            )

    async def _readable(self, case_id: uuid.UUID, principal: Principal) -> Case:
        case = case_from_row(await self._row(case_id))
        authorise_read(principal, case)
        return case

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
        allowed_transitions=[t.label() for t in possible_now(case_from_row(row))],
        correlation_id=row["correlation_id"],
    )


def in_office(principal: Principal) -> ColumnElement[bool]:
    """The cases of the offices ``principal``'s own covers (roll-up), by division prefix."""
    if not principal.is_person or principal.office_code is None:
        return false()
    return cases.c.office_code.startswith(scope_prefix(principal.office_code), autoescape=True)


def readable_by(principal: Principal) -> ColumnElement[bool]:
    """What a list shows ``principal``, in SQL: a court its own cases, an adjudicator the cases they
    serve or served on (in their office), the office's readers its cases."""
    if principal.kind is PrincipalKind.COURT:
        code = principal.partner_code
        if code is None:
            return false()
        return or_(
            cases.c.file["suit"]["court_code"].astext == code,
            cases.c.file["enforcement"]["application"]["court_code"].astext == code,
        )
    if acts_as_adjudicator(principal, OFFICE_READERS):
        served = select(case_assignments.c.case_id).where(case_assignments.c.person_id == principal.subject)
        return and_(in_office(principal), cases.c.id.in_(served))
    if principal.has_any(OFFICE_READERS):
        return in_office(principal)
    return false()


def reader_for(principal: Principal) -> Reader:
    """What of the parties a principal sees once an object rule admitted it."""
    if not principal.is_person:
        return Reader.PARTNER
    return Reader.CASE_HANDLER if principal.has_any({*OFFICE_ROLES, Role.ADJUDICATOR}) else Reader.INTERNAL


def shown(read: CaseRead, reader: Reader) -> CaseRead:
    """A case summary for ``reader``: a court gets the §H.1 fields (the case, its parties by name and
    credit code, the patent, outcome and dates), not the office's internal references."""
    if reader is not Reader.PARTNER:
        return read
    return read.model_copy(
        update={
            "complaint_id": None,
            "complaint_reference": None,
            "correlation_id": None,
            "procedure": None,
            "next_due": None,
            "received_at": None,
            "allowed_transitions": [],
        }
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
