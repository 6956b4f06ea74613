"""Records for credit officers and staff: one record in full, lists of them, and the deadline agenda."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import ColumnElement, RowMapping, Table, Text, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from credit.adapters.listing_notice import listing_notice
from credit.adapters.orm import case_record, records, subjects
from credit.adapters.records import record_from_row
from credit.adapters.subjects import subject_from_row
from credit.domain import events
from credit.domain.access import authorise_record_read
from credit.domain.errors import NoticeNotIssued, RecordNotFound
from credit.domain.events import RecordEvent
from credit.domain.policy import CreditRules
from credit.domain.record import RecordState
from credit.domain.vocabulary import DocumentRef, ListType
from credit.views.listing import SUBJECT_COLUMNS, listing_out, subject_brief, subject_out
from credit.views.record_models import (
    DeadlineItem,
    DeadlineOut,
    HistoryEntryOut,
    RecordPage,
    RecordRead,
    RecordSort,
    RecordSummary,
)
from credit.views.shapes import DocumentIO, LegalProvisionIO
from shared.calendar.local_time import local_date
from shared.case_record import recorded_event
from shared.catalogue import label
from shared.documents import Document
from shared.identity.principals import Principal, PrincipalKind, scope_prefix
from shared.timers import TimerStatus
from shared.timers.store import WARNING_SUFFIX
from shared.web.lists import changed_since, sorted_by


@dataclass(frozen=True, slots=True)
class RecordFilter:
    subject_id: uuid.UUID | None = None
    state: RecordState | None = None
    list_type: ListType | None = None
    overdue: bool | None = None
    limit: int = 50
    offset: int = 0
    updated_since: dt.datetime | None = None
    sort: RecordSort = RecordSort.CREATED_DESC


def in_scope(principal: Principal) -> ColumnElement[bool]:
    """Records of the offices ``principal``'s office covers (roll-up), filtered in SQL; none without one."""
    if principal.kind is not PrincipalKind.PERSON or not principal.office_code:
        return false()
    return records.c.office_code.startswith(scope_prefix(principal.office_code), autoescape=True)


class RecordViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], rules: CreditRules, timers: Table) -> None:
        self._sessions = sessions
        self._rules = rules
        self._timers = timers

    async def record(
        self, record_id: uuid.UUID, principal: Principal, warnings: tuple[str, ...] = ()
    ) -> RecordRead:
        """The record's file, for the credit office of a covering office (object rule)."""
        async with self._sessions() as session:
            row = (
                (await session.execute(select(records).where(records.c.id == record_id)))
                .mappings()
                .one_or_none()
            )
            if row is None:
                raise RecordNotFound(f"No credit record {record_id}", f"信用记录 {record_id} 不存在")
            authorise_record_read(principal, row["office_code"])
            subject = (
                (await session.execute(select(subjects).where(subjects.c.id == row["subject_id"])))
                .mappings()
                .one()
            )
            history = (
                await session.execute(
                    select(case_record)
                    .where(
                        case_record.c.aggregate_id == record_id,
                        case_record.c.aggregate_type == events.RECORD,
                    )
                    .order_by(case_record.c.id)
                )
            ).mappings()
            timers = (
                await session.execute(
                    select(self._timers)
                    .where(
                        self._timers.c.aggregate_id == str(record_id),
                        self._timers.c.name.not_like(f"%{WARNING_SUFFIX}"),
                    )
                    .order_by(self._timers.c.due_at)
                )
            ).mappings()
            domain = record_from_row(row)
            now = dt.datetime.now(dt.UTC)
            return RecordRead(
                **listing_out(row, self._rules).model_dump(),
                subject=subject_out(subject),
                office_code=row["office_code"],
                proposal=row["proposal"],
                finding=row["finding"],
                origin=row["origin"],
                penalty_class=row["penalty_class"],
                requires_notice=row["requires_notice"],
                repair_available=row["repair_available"],
                allowed_steps=(steps := sorted(domain.allowed_steps(today=local_date(now)))),
                allowed_steps_zh=[label(step).zh for step in steps],
                notice=row["notice"],
                hearing_requested_on=row["hearing_requested_on"],
                hearing_held_on=row["hearing_held_on"],
                publication_channel=row["publication_channel"],
                repair_requested_on=row["repair_requested_on"],
                revocation_reason=row["revocation_reason"],
                withdrawal_due=row["withdrawal_due"],
                withdrawn_on=row["withdrawn_on"],
                overdue=row["overdue"],
                created_at=row["created_at"],
                updated_at=row["updated_at"],
                deadlines=[
                    DeadlineOut(
                        name=t["name"],
                        kind=t["kind"],
                        due_at=t["due_at"],
                        status=t["status"],
                        provisional=t["provisional"],
                        explanation=t["explanation"],
                    )
                    for t in timers
                ],
                history=[_history_out(h) for h in history],
                warnings=list(warnings),
            )

    async def notice_document(
        self, record_id: uuid.UUID, principal: Principal, *, issuer: str, province: str | None
    ) -> Document:
        """The notice of proposed listing as served, printed from the record, its subject and its event."""
        async with self._sessions() as session:
            row = (
                (await session.execute(select(records).where(records.c.id == record_id)))
                .mappings()
                .one_or_none()
            )
            if row is None:
                raise RecordNotFound(f"No credit record {record_id}", f"信用记录 {record_id} 不存在")
            authorise_record_read(principal, row["office_code"])
            if row["notice"] is None:
                raise NoticeNotIssued(
                    f"Record {record_id} has no notice yet", f"记录 {record_id} 尚未发出告知书"
                )
            subject = (
                (await session.execute(select(subjects).where(subjects.c.id == row["subject_id"])))
                .mappings()
                .one()
            )
            issued = (
                (
                    await session.execute(
                        select(case_record)
                        .where(
                            case_record.c.aggregate_id == record_id,
                            case_record.c.action == RecordEvent.NOTICE_ISSUED,
                        )
                        .order_by(case_record.c.id)
                        .limit(1)
                    )
                )
                .mappings()
                .one()
            )
        record = record_from_row(row)
        return listing_notice(
            record,
            subject_from_row(subject, []),
            recorded_event(issued).event,
            self._rules.policy(record.list_type),
            issuer=issuer,
            province=province,
        )

    async def records(self, where: RecordFilter, principal: Principal) -> RecordPage:
        """The records of the offices ``principal``'s covers, newest first unless ``where.sort`` says
        otherwise (the record id breaks ties); ``total`` counts every page."""
        query = (
            select(records, *SUBJECT_COLUMNS)
            .join(subjects, subjects.c.id == records.c.subject_id)
            .where(in_scope(principal))
        )
        if where.subject_id is not None:
            query = query.where(records.c.subject_id == where.subject_id)
        if where.state is not None:
            query = query.where(records.c.state == where.state.value)
        if where.list_type is not None:
            query = query.where(records.c.list_type == where.list_type.value)
        if where.overdue is not None:
            has_overdue = func.cardinality(records.c.overdue) > 0
            query = query.where(has_overdue if where.overdue else ~has_overdue)
        query = query.where(changed_since(records, where.updated_since))
        as_of = dt.datetime.now(dt.UTC)
        async with self._sessions() as session:
            total = await session.scalar(select(func.count()).select_from(query.subquery()))
            rows = (
                await session.execute(
                    sorted_by(query, records, where.sort).limit(where.limit).offset(where.offset)
                )
            ).mappings()
            items = [
                RecordSummary(
                    record_id=r["id"],
                    record_no=r["record_no"],
                    subject=subject_brief(r),
                    list_type=r["list_type"],
                    behaviour=r["behaviour"],
                    state=r["state"],
                    decided_on=r["decided_on"],
                    period_end=r["period_end"],
                    overdue=r["overdue"],
                    created_at=r["created_at"],
                    updated_at=r["updated_at"],
                )
                for r in rows
            ]
        return RecordPage(
            items=items,
            total=int(total or 0),
            sort=where.sort,
            as_of=as_of,
            limit=where.limit,
            offset=where.offset,
        )

    async def deadlines(self, *, until: dt.datetime, limit: int, principal: Principal) -> list[DeadlineItem]:
        """Armed statutory deadlines due before ``until``, soonest first (warnings left out): those of
        the records in ``principal``'s scope, and those of commitments and the monthly grading."""
        timers = self._timers
        query = (
            select(timers, records.c.record_no, records.c.state)
            .outerjoin(records, records.c.id.cast(Text) == timers.c.aggregate_id)
            .where(
                timers.c.status == TimerStatus.SCHEDULED.value,
                timers.c.due_at <= until,
                timers.c.name.not_like(f"%{WARNING_SUFFIX}"),
                or_(records.c.id.is_(None), in_scope(principal)),
            )
            .order_by(timers.c.due_at)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings()
            return [
                DeadlineItem(
                    aggregate_id=r["aggregate_id"],
                    record_no=r["record_no"],
                    state=r["state"],
                    name=r["name"],
                    kind=r["kind"],
                    due_at=r["due_at"],
                    provisional=r["provisional"],
                    explanation=r["explanation"],
                )
                for r in rows
            ]


def _history_out(row: RowMapping) -> HistoryEntryOut:
    """A case-record row as the record's history has always shown it (the note kept in the details)."""
    details = dict(row["details"])
    note = details.pop("note", None)
    return HistoryEntryOut(
        event=row["action"],
        from_state=row["from_state"],
        to_state=row["to_state"],
        actor=row["actor_id"],
        actor_roles=row["actor_roles"],
        at=row["occurred_at"],
        legal_basis=[
            LegalProvisionIO(instrument=p["instrument"], article=p["article"]) for p in row["legal_basis"]
        ],
        documents=[DocumentIO.from_domain(DocumentRef.from_dict(d)) for d in row["documents"]],
        note=note,
        details=details,
    )
