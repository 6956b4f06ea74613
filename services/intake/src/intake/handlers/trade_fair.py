"""Trade-fair complaint steps (§D.3): forward, notify, statement, decide; 24-hour timers each way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from intake.domain import commands as c
from intake.domain.complaint import Complaint
from intake.domain.errors import InvalidComplaint, TradeFairCaseNotFound
from intake.domain.trade_fair import TradeFairCase
from intake.domain.triage import override
from intake.domain.vocabulary import PATENT_TYPES, Track
from intake.handlers.common import Clock, complaint_for_update, complaint_step
from intake.handlers.flow import hand_off
from intake.publishing import TRADE_FAIR_CASES
from intake.rules import IntakeRules
from intake.unit_of_work import IntakeUnitOfWork
from shared.errors import FieldError


@dataclass(frozen=True, slots=True)
class FairStep:
    """One recorded step: the case, its complaint, the command, when it happened, and the context."""

    case: TradeFairCase
    complaint: Complaint
    cmd: c.RecordTradeFairStep
    at: dt.datetime
    uow: IntakeUnitOfWork
    rules: IntakeRules


async def record_trade_fair_step(
    cmd: c.RecordTradeFairStep, uow: IntakeUnitOfWork, clock: Clock, rules: IntakeRules
) -> TradeFairCase:
    case = await uow.trade_fair_cases.get(cmd.case_id, for_update=True)
    if case is None:
        raise TradeFairCaseNotFound(
            f"Trade-fair complaint {cmd.case_id} not found", f"展会投诉 {cmd.case_id} 不存在"
        )
    complaint = await complaint_for_update(uow, case.complaint_id, cmd.principal)
    await STEPS[cmd.step](FairStep(case, complaint, cmd, cmd.at or clock(), uow, rules))
    await TRADE_FAIR_CASES.record(
        uow, case, save=lambda: uow.trade_fair_cases.save(case), parent_id=case.complaint_id
    )
    await complaint_step(uow, complaint)
    return case


async def _forward(step: FairStep) -> None:
    step.case.forward(step.cmd.actor, step.at)


async def _notify(step: FairStep) -> None:
    step.case.notify_respondent(step.cmd.actor, step.at, step.rules.province)


async def _statement(step: FairStep) -> None:
    step.case.receive_statement(step.cmd.actor, step.at, step.cmd.note)


async def _measures(step: FairStep) -> None:
    if not step.cmd.measures:
        en, zh = (
            "Name at least one measure: withdraw, cover or delink",
            "请至少选择一项措施：撤展、遮盖或断开链接",
        )
        raise InvalidComplaint(en, zh, field_errors=[FieldError("measures", "required", en, zh)])
    sessions = await step.uow.trade_fair_cases.finding_sessions(step.case)
    step.case.order_measures(step.cmd.measures, step.cmd.note, sessions, step.cmd.actor, step.at)
    step.complaint.close_if_in_centre(f"measures ordered: {step.cmd.note}", step.cmd.actor, step.at)


async def _not_established(step: FairStep) -> None:
    step.case.find_not_established(step.cmd.note, step.cmd.actor, step.at)
    reason = f"infringement not established: {step.cmd.note}"
    step.complaint.close_if_in_centre(reason, step.cmd.actor, step.at)


async def _refer(step: FairStep) -> None:
    """After the fair the matter goes to adjudication (patents) or administrative enforcement (others)."""
    step.case.refer(step.cmd.note, step.cmd.actor, step.at)
    patent = step.complaint.ip_type.value in PATENT_TYPES
    track = Track.ORDINARY_ADJUDICATION if patent else Track.REFER_ENFORCEMENT
    decision = override(track, f"trade-fair referral: {step.cmd.note}")
    await hand_off(step.complaint, decision, step.uow, step.rules, step.cmd.actor, step.at)


STEPS: dict[str, Callable[[FairStep], Awaitable[None]]] = {
    "forward": _forward,
    "notify_respondent": _notify,
    "statement": _statement,
    "order_measures": _measures,
    "not_established": _not_established,
    "refer": _refer,
}
