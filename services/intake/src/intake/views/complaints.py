"""Intake's read side: queries that return API representations."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, Table, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.orm import (
    centre_cases,
    complaint_keys,
    complaints,
    deadlines,
    ecommerce_notices,
    evidence,
    timeline,
    trade_fair_cases,
)
from intake.adapters.repository import complaint_from_row
from intake.domain.errors import (
    CentreCaseNotFound,
    ComplaintNotFound,
    EcommerceNoticeNotFound,
    EvidenceNotFound,
    IntakeError,
    TradeFairCaseNotFound,
)
from intake.domain.parties import match_name
from intake.domain.rights import normalise_number
from intake.entrypoints.complaint_schemas import ComplaintPage, ComplaintRead, Timeline, TimelineEntry
from intake.entrypoints.workflow_schemas import (
    CentreCaseRead,
    EvidenceList,
    EvidenceRead,
    NoticeRead,
    Queue,
    QueueItem,
    TradeFairCaseRead,
)


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


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueFilter:
    track: str | None = None
    examiner_id: str | None = None
    centre: str | None = None


class ComplaintViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def complaint(self, complaint_id: uuid.UUID) -> ComplaintRead:
        async with self._sessions() as session:
            row = (
                (await session.execute(select(complaints).where(complaints.c.id == complaint_id)))
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise _complaint_not_found(complaint_id)
        return ComplaintRead.from_complaint(complaint_from_row(row))

    async def search(self, where: ComplaintFilter, *, limit: int, offset: int) -> ComplaintPage:
        """Newest first; ``sequence`` breaks ties so pages are stable."""
        conditions = _conditions(where)
        async with self._sessions() as session:
            total = await session.scalar(select(func.count()).select_from(complaints).where(*conditions))
            rows = await session.execute(
                select(complaints)
                .where(*conditions)
                .order_by(complaints.c.received_at.desc(), complaints.c.sequence.desc())
                .limit(limit)
                .offset(offset)
            )
            items = [ComplaintRead.from_complaint(complaint_from_row(r)) for r in rows.mappings()]
        return ComplaintPage(items=items, total=int(total or 0), limit=limit, offset=offset)

    async def timeline(self, complaint_id: uuid.UUID) -> Timeline:
        async with self._sessions() as session:
            if await session.scalar(select(complaints.c.id).where(complaints.c.id == complaint_id)) is None:
                raise _complaint_not_found(complaint_id)
            rows = await session.execute(
                select(timeline).where(timeline.c.complaint_id == complaint_id).order_by(timeline.c.id)
            )
            items = [TimelineEntry.model_validate(dict(r)) for r in rows.mappings()]
        return Timeline(complaint_id=complaint_id, items=items)

    async def evidence(self, complaint_id: uuid.UUID) -> EvidenceList:
        async with self._sessions() as session:
            if await session.scalar(select(complaints.c.id).where(complaints.c.id == complaint_id)) is None:
                raise _complaint_not_found(complaint_id)
            rows = await session.execute(
                select(evidence)
                .where(evidence.c.complaint_id == complaint_id)
                .order_by(evidence.c.uploaded_at)
            )
            return EvidenceList(items=[EvidenceRead.model_validate(dict(r)) for r in rows.mappings()])

    async def evidence_file(
        self, complaint_id: uuid.UUID, evidence_id: uuid.UUID
    ) -> tuple[EvidenceRead, str]:
        async with self._sessions() as session:
            row = (
                (
                    await session.execute(
                        select(evidence).where(
                            evidence.c.id == evidence_id, evidence.c.complaint_id == complaint_id
                        )
                    )
                )
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise EvidenceNotFound(f"Evidence {evidence_id} not found", f"证据 {evidence_id} 不存在")
        return EvidenceRead.model_validate(dict(row)), row["storage_key"]

    async def centre_case(self, case_id: uuid.UUID) -> CentreCaseRead:
        body = await self._body(
            centre_cases, case_id, CentreCaseNotFound("Centre case not found", "中心案件不存在")
        )
        return CentreCaseRead.model_validate(body)

    async def trade_fair_case(self, case_id: uuid.UUID) -> TradeFairCaseRead:
        error = TradeFairCaseNotFound("Trade-fair complaint not found", "展会投诉不存在")
        return TradeFairCaseRead.model_validate(await self._body(trade_fair_cases, case_id, error))

    async def notice(self, notice_id: uuid.UUID) -> NoticeRead:
        error = EcommerceNoticeNotFound("E-commerce notice not found", "电商通知不存在")
        return NoticeRead.model_validate(await self._body(ecommerce_notices, notice_id, error))

    async def workflows_of(self, complaint_id: uuid.UUID) -> dict[str, list[uuid.UUID]]:
        async with self._sessions() as session:
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

    async def queue(self, where: QueueFilter, now: dt.datetime) -> Queue:
        """Open deadlines, soonest first; unconfigured periods (no due time) last."""
        query: Select[Any] = (
            select(
                deadlines,
                complaints.c.sequence,
                complaints.c.received_at,
                complaints.c.status.label("c_status"),
            )
            .add_columns(complaints.c.track, complaints.c.centre, complaints.c.examiner_id)
            .join(complaints, complaints.c.id == deadlines.c.complaint_id)
            .where(deadlines.c.status == "open")
            .order_by(deadlines.c.due_at.asc().nulls_last(), deadlines.c.created_at)
        )
        for column, value in (
            (complaints.c.track, where.track),
            (complaints.c.examiner_id, where.examiner_id),
            (complaints.c.centre, where.centre),
        ):
            if value is not None:
                query = query.where(column == value)
        async with self._sessions() as session:
            rows = (await session.execute(query.limit(500))).mappings().all()
        return Queue(items=[_queue_item(r, now) for r in rows], as_of=now)

    async def _body(self, table: Table, record_id: uuid.UUID, missing: IntakeError) -> dict[str, Any]:
        async with self._sessions() as session:
            body = await session.scalar(select(table.c.body).where(table.c.id == record_id))
        if body is None:
            raise missing
        return dict(body)


def _queue_item(row: Any, now: dt.datetime) -> QueueItem:
    due_at, warn_at = row["due_at"], row["warn_at"]
    return QueueItem(
        complaint_id=row["complaint_id"],
        reference=f"TS{row['received_at'].year}-{row['sequence']:08d}",
        complaint_status=row["c_status"],
        track=row["track"],
        centre=row["centre"],
        examiner_id=row["examiner_id"],
        subject=row["subject"],
        subject_id=row["subject_id"],
        step=row["step"],
        period=row["period"],
        due_at=due_at,
        overdue=due_at is not None and due_at <= now,
        due_soon=due_at is not None and due_at > now and warn_at is not None and warn_at <= now,
        provisional=row["provisional"],
        note=row["note"],
    )


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
    if where.q:
        conditions.append(_text_search(where.q))
    return conditions


def _text_search(q: str) -> Any:
    """Reference, or any match key: party name (normalised), credit code, right number, listing id."""
    text = q.strip()
    keys = [f"name:{match_name(text)}", f"uscc:{text.upper()}", f"listing:{text.lower()}"]
    by_key = select(complaint_keys.c.complaint_id).where(
        or_(
            complaint_keys.c.value.in_(keys),
            and_(
                complaint_keys.c.kind == "right", complaint_keys.c.value.like(f"%:{normalise_number(text)}")
            ),
            and_(complaint_keys.c.kind == "respondent", complaint_keys.c.value.like(f"listing:%:{text}")),
        )
    )
    sequence = _sequence_of(text)
    if sequence is None:
        return complaints.c.id.in_(by_key)
    return or_(complaints.c.id.in_(by_key), complaints.c.sequence == sequence)


def _sequence_of(text: str) -> int | None:
    """``TS2026-00000042`` -> 42."""
    head, _, tail = text.upper().partition("-")
    return int(tail) if head.startswith("TS") and tail.isdigit() else None


def _complaint_not_found(complaint_id: uuid.UUID) -> ComplaintNotFound:
    return ComplaintNotFound(f"Complaint {complaint_id} not found", f"投诉 {complaint_id} 不存在")
