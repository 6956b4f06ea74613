"""The customs read side: a detention case, its timeline (customs steps with explanations), the
centre's customs tasks, and recordations."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.codec import dump, load
from intake.adapters.customs_orm import customs_detentions, customs_recordations
from intake.adapters.orm import case_record, complaints, downstream_cases
from intake.domain.access import list_scope
from intake.domain.customs.access import authorise_detention_read
from intake.domain.customs.detention import TRANSITIONS, DetentionCase
from intake.domain.customs.errors import DetentionCaseNotFound, RecordationNotFound
from intake.domain.customs.recordation import Recordation
from shared.case_record import CaseRecord
from shared.catalogue import term
from shared.db import LIKE_ESCAPE, like_pattern
from shared.identity.principals import Principal, PrincipalKind
from shared.local_time import LocalDateTime


class ClockRead(BaseModel):
    key: str
    period: str
    start: dt.date
    due: dt.date | None
    status: str
    basis: str
    provisional: bool
    explanation: str = Field(description="The rule, the days counted and skipped, in both languages")


class LinkedCase(BaseModel):
    """A complaint linked to the detention, and the case it became (adjudication or mediation)."""

    complaint_id: uuid.UUID
    reference: str
    complaint_status: str
    complaint_status_label: str
    complaint_status_label_zh: str
    respondent_matches: bool = Field(description="A respondent is the consignee or consignor (USCC)")
    linked_at: LocalDateTime
    service: str | None = Field(description="adjudication | mediation, once a case is opened")
    case_id: uuid.UUID | None
    case_no: str | None
    state: str | None = Field(description="The case's state as its service last announced it")
    state_label: str | None
    state_label_zh: str | None
    updated_at: LocalDateTime | None


class DetentionRead(BaseModel):
    id: uuid.UUID
    route: str
    state: str
    port_code: str
    customs_ref: str
    office_code: str
    ip_type: str
    ip_reg_no: str
    recordation_no: str | None
    holder: dict[str, Any]
    goods: dict[str, Any]
    consignee: dict[str, Any] | None
    consignor: dict[str, Any] | None
    detained_on: dt.date | None
    guarantee: dict[str, Any] | None
    holder_decision: str | None
    release_ground: str | None
    settlement: dict[str, Any] | None
    disposal: str | None
    court_notice_ref: str | None
    clocks: list[ClockRead]
    allowed_steps: list[str]
    linked_complaints: list[uuid.UUID] = Field(description="Complaints linked as the court route")
    linked_cases: list[LinkedCase] = Field(
        default=[],
        description="The linked complaints with their case's current state (on reads by centre staff)",
    )


class DetentionTimelineEntry(BaseModel):
    at: LocalDateTime
    name: str
    actor: str
    step: str | None
    from_state: str | None
    to_state: str | None
    basis: list[str]
    summary: str
    summary_zh: str
    data: dict[str, Any]


class DetentionTimeline(BaseModel):
    detention_id: uuid.UUID
    items: list[DetentionTimelineEntry]
    linked_cases: list[LinkedCase] = Field(
        default=[], description="The cases the detention's court route led to, with their state now"
    )


class CustomsTask(BaseModel):
    detention_id: uuid.UUID
    port_code: str
    customs_ref: str
    ip_type: str
    ip_reg_no: str
    status: str
    due_at: LocalDateTime | None
    overdue: bool


class CustomsTasks(BaseModel):
    items: list[CustomsTask]
    as_of: LocalDateTime


class RecordationRead(BaseModel):
    id: uuid.UUID
    record_no: str
    ip_type: str
    ip_reg_no: str
    holder_name: str
    holder_credit_code: str | None
    licensees: list[dict[str, Any]]
    genuine_goods: list[dict[str, Any]]
    known_infringers: list[dict[str, Any]]
    approved_on: dt.date
    expires_on: dt.date
    renewal_window_opens_on: dt.date
    status: str
    lapse_reason: str | None
    clocks: list[ClockRead]


def _plain(value: Any) -> Any:
    return None if value is None else dump(value)


def _clocks(record: DetentionCase | Recordation) -> list[ClockRead]:
    return [
        ClockRead(
            key=t.key,
            period=t.period,
            start=t.start,
            due=t.due,
            status=t.status.value,
            basis=t.basis,
            provisional=t.provisional,
            explanation=t.explanation,
        )
        for t in record.deadlines.values()
    ]


def detention_read(case: DetentionCase, principal: Principal) -> DetentionRead:
    partner = principal.kind is PrincipalKind.CUSTOMS
    return DetentionRead(
        id=case.id,
        route=case.route.value,
        state=case.state.value,
        port_code=case.port_code,
        customs_ref=case.customs_ref,
        office_code=case.office_code,
        ip_type=case.ip_type,
        ip_reg_no=case.ip_reg_no,
        recordation_no=case.recordation_no,
        holder=_plain(case.holder),
        goods=_plain(case.goods),
        consignee=_plain(case.consignee),
        consignor=_plain(case.consignor),
        detained_on=case.detained_on,
        guarantee=_plain(case.guarantee),
        holder_decision=case.holder_decision.value if case.holder_decision else None,
        release_ground=case.release_ground.value if case.release_ground else None,
        settlement=None if partner or case.settlement is None else case.settlement.as_dict(),
        disposal=case.disposal.value if case.disposal else None,
        court_notice_ref=case.court_notice_ref,
        clocks=_clocks(case),
        allowed_steps=[row.name for row in TRANSITIONS.allowed(case.state)],
        linked_complaints=[link.complaint_id for link in case.linked_complaints],
    )


def recordation_read(record: Recordation) -> RecordationRead:
    data = _plain(record)
    return RecordationRead(
        id=record.id,
        record_no=record.record_no,
        ip_type=record.ip_type,
        ip_reg_no=record.ip_reg_no,
        holder_name=record.holder_name,
        holder_credit_code=record.holder_credit_code,
        licensees=data["licensees"],
        genuine_goods=data["genuine_goods"],
        known_infringers=data["known_infringers"],
        approved_on=record.approved_on,
        expires_on=record.expires_on,
        renewal_window_opens_on=record.renewal_window_opens_on,
        status=record.state.value,
        lapse_reason=record.lapse_reason.value if record.lapse_reason else None,
        clocks=_clocks(record),
    )


class CustomsViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def detention(self, case_id: uuid.UUID, principal: Principal) -> DetentionRead:
        async with self._sessions() as session:
            case = await _case(session, case_id)
            authorise_detention_read(principal, case.port_code, case.office_code)
            linked = await _linked_cases(session, case, principal)
        return detention_read(case, principal).model_copy(update={"linked_cases": linked})

    async def timeline(self, case_id: uuid.UUID, principal: Principal) -> DetentionTimeline:
        async with self._sessions() as session:
            case = await _case(session, case_id)
            authorise_detention_read(principal, case.port_code, case.office_code)
            recorded = await CaseRecord(session, case_record).of([case_id])
            linked = await _linked_cases(session, case, principal)
        items = [
            DetentionTimelineEntry(
                at=r.event.at,
                name=str(r.event.name),
                actor=f"{r.event.actor.kind}:{r.event.actor.id}",
                step=r.event.transition,
                from_state=r.event.from_state,
                to_state=r.event.to_state,
                basis=[str(c) for c in r.event.basis],
                summary=r.event.summary or "",
                summary_zh=r.event.summary_zh or "",
                data=dict(r.event.details),
            )
            for r in recorded
        ]
        return DetentionTimeline(detention_id=case_id, items=items, linked_cases=linked)

    async def tasks(self, principal: Principal, now: dt.datetime) -> CustomsTasks:
        """Open holder decisions of the reader's offices, soonest first."""
        prefix = list_scope(principal)
        query = (
            select(customs_detentions)
            .where(customs_detentions.c.task_status == "open")
            .order_by(customs_detentions.c.task_due_at.asc().nulls_last())
            .limit(500)
        )
        if prefix:
            pattern = like_pattern(prefix, anchored=True)
            query = query.where(customs_detentions.c.office_code.like(pattern, escape=LIKE_ESCAPE))
        async with self._sessions() as session:
            rows = (await session.execute(query)).mappings().all()
        return CustomsTasks(
            items=[
                CustomsTask(
                    detention_id=r["id"],
                    port_code=r["port_code"],
                    customs_ref=r["customs_ref"],
                    ip_type=r["ip_type"],
                    ip_reg_no=r["ip_reg_no"],
                    status=r["task_status"],
                    due_at=r["task_due_at"],
                    overdue=r["task_due_at"] is not None and r["task_due_at"] <= now,
                )
                for r in rows
            ],
            as_of=now,
        )

    async def recordation(self, record_no: str) -> RecordationRead:
        async with self._sessions() as session:
            body = await session.scalar(
                select(customs_recordations.c.body).where(customs_recordations.c.record_no == record_no)
            )
        if body is None:
            raise RecordationNotFound()
        return recordation_read(load(Recordation, body))


async def _case(session: AsyncSession, case_id: uuid.UUID) -> DetentionCase:
    body = await session.scalar(select(customs_detentions.c.body).where(customs_detentions.c.id == case_id))
    if body is None:
        raise DetentionCaseNotFound()
    return load(DetentionCase, body)


async def _linked_cases(session: AsyncSession, case: DetentionCase, principal: Principal) -> list[LinkedCase]:
    """The linked complaints and their downstream cases now; none for a port (§H.2: the centre's own)."""
    if principal.kind is PrincipalKind.CUSTOMS or not case.linked_complaints:
        return []
    ids = [link.complaint_id for link in case.linked_complaints]
    query = select(
        complaints.c.id, complaints.c.status, complaints.c.body["downstream"].label("downstream")
    ).where(complaints.c.id.in_(ids))
    rows = {row["id"]: row for row in (await session.execute(query)).mappings()}
    cases = [uuid.UUID(str(r["downstream"]["case_id"])) for r in rows.values() if r["downstream"]]
    moved = {
        row["case_id"]: row
        for row in (
            await session.execute(
                select(
                    downstream_cases.c.case_id, downstream_cases.c.state, downstream_cases.c.state_at
                ).where(downstream_cases.c.case_id.in_(cases), downstream_cases.c.state.is_not(None))
            )
        ).mappings()
    }
    linked = []
    for link in case.linked_complaints:
        row = rows.get(link.complaint_id)
        if row is None:
            continue
        downstream: dict[str, Any] = row["downstream"] or {}
        state, updated_at = downstream.get("state"), _instant(downstream.get("updated_at"))
        case_id = uuid.UUID(str(downstream["case_id"])) if downstream.get("case_id") else None
        latest = moved.get(case_id)
        if latest is not None and (updated_at is None or latest["state_at"] > updated_at):
            state, updated_at = latest["state"], latest["state_at"]
        status, state_text = term(row["status"]), None if state is None else term(state)
        linked.append(
            LinkedCase(
                complaint_id=link.complaint_id,
                reference=link.reference,
                complaint_status=row["status"],
                complaint_status_label=status.en,
                complaint_status_label_zh=status.zh,
                respondent_matches=link.respondent_matches,
                linked_at=link.linked_at,
                service=downstream.get("service"),
                case_id=case_id,
                case_no=downstream.get("case_no"),
                state=state,
                state_label=None if state_text is None else state_text.en,
                state_label_zh=None if state_text is None else state_text.zh,
                updated_at=updated_at,
            )
        )
    return linked


def _instant(value: object) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime.fromisoformat(value) if isinstance(value, str) and value else None
