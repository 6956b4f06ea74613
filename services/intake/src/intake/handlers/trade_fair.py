"""Trade-fair complaint steps (§D.3): forward, notify, statement, decide; 24-hour timers each way."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

from intake.adapters.deadlines import Subject
from intake.adapters.orm import trade_fair_cases
from intake.adapters.workflows import prior_trade_fair_findings
from intake.config import IntakeConfig
from intake.domain import commands as c
from intake.domain.complaint import Complaint, ComplaintStatus
from intake.domain.errors import InvalidComplaint, TradeFairCaseNotFound
from intake.domain.trade_fair import TradeFairCase
from intake.domain.triage import override
from intake.domain.vocabulary import PATENT_TYPES, Track
from intake.handlers.common import Clock, complaint_for_update, deadline_book
from intake.handlers.flow import hand_off
from intake.unit_of_work import IntakeUnitOfWork
from shared.errors import FieldError

Step = Callable[
    [TradeFairCase, Complaint, c.RecordTradeFairStep, IntakeUnitOfWork, IntakeConfig], Awaitable[None]
]


async def record_trade_fair_step(
    cmd: c.RecordTradeFairStep, uow: IntakeUnitOfWork, clock: Clock, config: IntakeConfig
) -> TradeFairCase:
    case = await uow.trade_fair_cases.get(cmd.case_id, for_update=True)
    if case is None:
        raise TradeFairCaseNotFound(
            f"Trade-fair complaint {cmd.case_id} not found", f"展会投诉 {cmd.case_id} 不存在"
        )
    complaint = await complaint_for_update(uow, case.complaint_id)
    step = STEPS[cmd.step]
    await step(case, complaint, _at(cmd, clock), uow, config)
    await uow.trade_fair_cases.save(case)
    await uow.complaints.save(complaint)
    return case


def _at(cmd: c.RecordTradeFairStep, clock: Clock) -> c.RecordTradeFairStep:
    return cmd if cmd.at is not None else replace(cmd, at=clock())


def _subject(case: TradeFairCase) -> Subject:
    return Subject(complaint_id=case.complaint_id, kind=case.SUBJECT, id=case.id)


async def _forward(
    case: TradeFairCase, _: Complaint, cmd: c.RecordTradeFairStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    case.forward(cmd.actor, cmd.at)
    await deadline_book(uow, config).close(case.id, "forward")


async def _notify(
    case: TradeFairCase, _: Complaint, cmd: c.RecordTradeFairStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    case.notify_respondent(cmd.actor, cmd.at)
    await deadline_book(uow, config).start(
        _subject(case),
        "statement",
        period="intake.trade_fair_statement",
        start=cmd.at,
        kind="intake.deadline",
    )


async def _statement(
    case: TradeFairCase, _: Complaint, cmd: c.RecordTradeFairStep, uow: IntakeUnitOfWork, config: IntakeConfig
) -> None:
    assert cmd.at is not None
    case.receive_statement(cmd.actor, cmd.at, cmd.note)
    await deadline_book(uow, config).close(case.id, "statement")


async def _measures(
    case: TradeFairCase,
    complaint: Complaint,
    cmd: c.RecordTradeFairStep,
    uow: IntakeUnitOfWork,
    config: IntakeConfig,
) -> None:
    assert cmd.at is not None
    if not cmd.measures:
        en, zh = (
            "Name at least one measure: withdraw, cover or delink",
            "请至少选择一项措施：撤展、遮盖或断开链接",
        )
        raise InvalidComplaint(en, zh, field_errors=[FieldError("measures", "required", en, zh)])
    prior = await prior_trade_fair_findings(
        uow.session,
        trade_fair_cases,
        fair_name=case.fair_name,
        exhibitor_key=case.exhibitor_key,
        session_name=case.session,
    )
    case.order_measures(cmd.measures, cmd.note, prior, cmd.actor, cmd.at)
    await _decided(case, complaint, f"measures ordered: {cmd.note}", cmd, uow, config)


async def _not_established(
    case: TradeFairCase,
    complaint: Complaint,
    cmd: c.RecordTradeFairStep,
    uow: IntakeUnitOfWork,
    config: IntakeConfig,
) -> None:
    assert cmd.at is not None
    case.find_not_established(cmd.note, cmd.actor, cmd.at)
    await _decided(case, complaint, f"infringement not established: {cmd.note}", cmd, uow, config)


async def _refer(
    case: TradeFairCase,
    complaint: Complaint,
    cmd: c.RecordTradeFairStep,
    uow: IntakeUnitOfWork,
    config: IntakeConfig,
) -> None:
    """After the fair the matter goes to adjudication (patents) or administrative enforcement (others)."""
    assert cmd.at is not None
    case.refer(cmd.note, cmd.actor, cmd.at)
    await deadline_book(uow, config).close_all(case.id)
    track = (
        Track.ORDINARY_ADJUDICATION if complaint.ip_type.value in PATENT_TYPES else Track.REFER_ENFORCEMENT
    )
    await hand_off(
        complaint, override(track, f"trade-fair referral: {cmd.note}"), uow, config, cmd.actor, cmd.at
    )


async def _decided(
    case: TradeFairCase,
    complaint: Complaint,
    reason: str,
    cmd: c.RecordTradeFairStep,
    uow: IntakeUnitOfWork,
    config: IntakeConfig,
) -> None:
    assert cmd.at is not None
    await deadline_book(uow, config).close_all(case.id, status="met")
    if complaint.status is ComplaintStatus.IN_CENTRE:
        complaint.close(reason, cmd.actor, cmd.at)


STEPS: dict[str, Step] = {
    "forward": _forward,
    "notify_respondent": _notify,
    "statement": _statement,
    "order_measures": _measures,
    "not_established": _not_established,
    "refer": _refer,
}
