"""The complaint read side: one complaint, search, its timeline (its case record), its evidence."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.orm import (
    case_record,
    centre_cases,
    complaint_keys,
    complaints,
    ecommerce_notices,
    evidence,
    trade_fair_cases,
)
from intake.adapters.repository import complaint_from_row
from intake.domain.access import authorise_read, list_scope, reader_for
from intake.domain.errors import ComplaintNotFound, EvidenceNotFound
from intake.domain.events import actor_text
from intake.domain.parties import match_name
from intake.domain.rights import normalise_number
from intake.views.complaint_models import (
    ComplaintPage,
    ComplaintRead,
    ComplaintSort,
    EvidenceList,
    EvidenceRead,
    Timeline,
    TimelineEntry,
)
from shared.access.minimise import Reader
from shared.case_record import CaseRecord, RecordedEvent
from shared.db import LIKE_ESCAPE, like_pattern
from shared.identity.principals import Principal
from shared.web.lists import sorted_by


@dataclass(frozen=True, slots=True, kw_only=True)
class ComplaintFilter:
    q: str | None = None
    status: str | None = None
    track: str | None = None
    channel: str | None = None
    ip_type: str | None = None
    centre: str | None = None
    examiner_id: str | None = None
    received_from: dt.datetime | None = None
    received_to: dt.datetime | None = None
    updated_since: dt.datetime | None = None
    sort: ComplaintSort = ComplaintSort.RECEIVED_DESC


class ComplaintViews:
    """Reads for a principal: the object rules (:mod:`intake.domain.access`) decide each complaint,
    lists are filtered in SQL to the principal's offices, and parties are minimised per reader."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def complaint(self, complaint_id: uuid.UUID, principal: Principal | None = None) -> ComplaintRead:
        async with self._sessions() as session:
            row = (
                (await session.execute(select(complaints).where(complaints.c.id == complaint_id)))
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise complaint_not_found(complaint_id)
        reader = Reader.CASE_HANDLER if principal is None else authorise_read(principal, row["office_code"])
        return ComplaintRead.from_complaint(complaint_from_row(row), reader)

    async def office_of(self, complaint_id: uuid.UUID) -> str:
        """The office a complaint belongs to (404 if there is no such complaint)."""
        async with self._sessions() as session:
            return await _office(session, complaint_id)

    async def search(
        self, where: ComplaintFilter, principal: Principal, *, limit: int, offset: int
    ) -> ComplaintPage:
        """Sorted by ``where.sort`` (newest first by default); the complaint number breaks ties so pages
        are stable. Only the principal's offices'."""
        reader = reader_for(principal)
        conditions = [*_conditions(where), _in_scope(list_scope(principal))]
        as_of = dt.datetime.now(dt.UTC)
        async with self._sessions() as session:
            total = await session.scalar(select(func.count()).select_from(complaints).where(*conditions))
            query = select(complaints).where(*conditions)
            rows = await session.execute(
                sorted_by(query, complaints, where.sort, tie="sequence", tie_follows=True)
                .limit(limit)
                .offset(offset)
            )
            items = [ComplaintRead.from_complaint(complaint_from_row(r), reader) for r in rows.mappings()]
        return ComplaintPage(
            items=items, total=int(total or 0), sort=where.sort, as_of=as_of, limit=limit, offset=offset
        )

    async def timeline(self, complaint_id: uuid.UUID, principal: Principal) -> Timeline:
        """The complaint's case record, its workflow records' events included, in recorded order."""
        async with self._sessions() as session:
            authorise_read(principal, await _office(session, complaint_id))
            recorded = await CaseRecord(session, case_record).of([complaint_id])
        return Timeline(complaint_id=complaint_id, items=[_entry(r) for r in recorded])

    async def evidence(self, complaint_id: uuid.UUID, principal: Principal | None = None) -> EvidenceList:
        async with self._sessions() as session:
            office = await _office(session, complaint_id)
            if principal is not None:
                authorise_read(principal, office)
            rows = await session.execute(
                select(evidence)
                .where(evidence.c.complaint_id == complaint_id)
                .order_by(evidence.c.uploaded_at)
            )
            return EvidenceList(items=[EvidenceRead.model_validate(dict(r)) for r in rows.mappings()])

    async def evidence_file(
        self, complaint_id: uuid.UUID, evidence_id: uuid.UUID, principal: Principal | None = None
    ) -> tuple[EvidenceRead, str]:
        query = select(evidence).where(evidence.c.id == evidence_id, evidence.c.complaint_id == complaint_id)
        async with self._sessions() as session:
            office = await _office(session, complaint_id)
            if principal is not None:
                authorise_read(principal, office)
            row = (await session.execute(query)).mappings().one_or_none()
        if row is None:
            raise EvidenceNotFound(f"Evidence {evidence_id} not found", f"证据 {evidence_id} 不存在")
        return EvidenceRead.model_validate(dict(row)), row["storage_key"]

    async def workflows_of(self, complaint_id: uuid.UUID, principal: Principal) -> dict[str, list[uuid.UUID]]:
        async with self._sessions() as session:
            authorise_read(principal, await _office(session, complaint_id))
            found = {}
            for name, table in (
                ("centre_cases", centre_cases),
                ("trade_fair_cases", trade_fair_cases),
                ("ecommerce_notices", ecommerce_notices),
            ):
                found[name] = list(
                    await session.scalars(select(table.c.id).where(table.c.complaint_id == complaint_id))
                )
        return found


def _in_scope(prefix: str) -> Any:
    """The complaints of the offices under a division prefix (all of them for the national office)."""
    if not prefix:
        return true()
    return complaints.c.office_code.like(like_pattern(prefix, anchored=True), escape=LIKE_ESCAPE)


def _entry(recorded: RecordedEvent) -> TimelineEntry:
    """An entry as intake's timeline has always shown it; a record's subject defaults to its complaint."""
    event = recorded.event
    return TimelineEntry(
        at=event.at,
        name=str(event.name),
        actor=actor_text(event.actor),
        subject=event.subject or recorded.aggregate_type,
        subject_id=event.subject_id,
        summary=event.summary or "",
        summary_zh=event.summary_zh or "",
        data=dict(event.details),
    )


async def _office(session: AsyncSession, complaint_id: uuid.UUID) -> str:
    office = await session.scalar(select(complaints.c.office_code).where(complaints.c.id == complaint_id))
    if office is None:
        raise complaint_not_found(complaint_id)
    return str(office)


def _conditions(where: ComplaintFilter) -> list[Any]:
    conditions: list[Any] = []
    for column, value in (
        (complaints.c.status, where.status),
        (complaints.c.track, where.track),
        (complaints.c.channel, where.channel),
        (complaints.c.ip_type, where.ip_type),
        (complaints.c.centre, where.centre),
        (complaints.c.examiner_id, where.examiner_id),
    ):
        if value is not None:
            conditions.append(column == value)
    if where.received_from is not None:
        conditions.append(complaints.c.received_at >= where.received_from)
    if where.received_to is not None:
        conditions.append(complaints.c.received_at < where.received_to)
    if where.updated_since is not None:
        conditions.append(complaints.c.updated_at >= where.updated_since)
    if where.q:
        conditions.append(_text_search(where.q))
    return conditions


def _text_search(q: str) -> Any:
    """Reference, any match key (party name normalised, credit code, right number, listing id), or every
    term of ``q`` in the complaint's text (names, right number, facts)."""
    text = q.strip()
    keys = [f"name:{match_name(text)}", f"uscc:{text.upper()}", f"listing:{text.lower()}"]
    by_key = select(complaint_keys.c.complaint_id).where(
        or_(
            complaint_keys.c.value.in_(keys),
            and_(
                complaint_keys.c.kind == "right",
                complaint_keys.c.value.like(f"%:{_literal(normalise_number(text))}", escape=LIKE_ESCAPE),
            ),
            and_(
                complaint_keys.c.kind == "respondent",
                complaint_keys.c.value.like(f"listing:%:{_literal(text)}", escape=LIKE_ESCAPE),
            ),
        )
    )
    found = [complaints.c.id.in_(by_key), _words(text)]
    sequence = _sequence_of(text)
    if sequence is not None:
        found.append(complaints.c.sequence == sequence)
    return or_(*found)


MAX_TERMS = 8


def _words(text: str) -> Any:
    """Every whitespace-separated term of ``text`` somewhere in the parties' names, the right number or
    the facts (``search_text``, pg_trgm-indexed): what found Chinese complaints best (README)."""
    terms = text.split()[:MAX_TERMS]
    if not terms:
        return false()
    return and_(
        *(complaints.c.search_text.ilike(f"%{_literal(term)}%", escape=LIKE_ESCAPE) for term in terms)
    )


def _literal(term: str) -> str:
    """``term`` escaped for LIKE (``%``, ``_`` and ``\\`` match themselves), without wildcards."""
    return like_pattern(term, anchored=True).removesuffix("%")


def _sequence_of(text: str) -> int | None:
    """``TS2026-00000042`` -> 42 (a number too long for a complaint number is no reference)."""
    head, _, tail = text.upper().partition("-")
    return (
        int(tail) if head.startswith("TS") and tail.isascii() and tail.isdigit() and len(tail) <= 12 else None
    )


def complaint_not_found(complaint_id: uuid.UUID) -> ComplaintNotFound:
    return ComplaintNotFound(f"Complaint {complaint_id} not found", f"投诉 {complaint_id} 不存在")
