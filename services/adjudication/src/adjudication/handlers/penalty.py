"""Counterfeit-patent penalty cases: filing draws a case number, deciding a decision number."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from adjudication.domain.commands import penalty as p
from adjudication.domain.penalty import steps
from adjudication.domain.penalty.aggregate import PenaltyCase, penalty_case_number, penalty_decision_number
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.effects import Clock, StepOutcome, record_penalty_case
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.domain.actors import Actor

Step = Callable[[PenaltyCase, Any, dt.datetime, CaseRules], None]


async def file_penalty_case(
    cmd: p.FilePenaltyCase, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    at = clock()
    sequence = await uow.case_numbers.next(f"penalty-{rules.office_code}-{at.year}")
    case = steps.file_case(
        cmd.filing,
        case_no=penalty_case_number(at.year, sequence),
        by=Actor(ActorKind.HANDLER, cmd.by),
        at=at,
        rules=rules,
    )
    return await record_penalty_case(uow, case, new=True)


async def decide_penalty(
    cmd: p.DecidePenalty, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    case = await uow.penalty_cases.get(cmd.case_id)
    case.require_state("decide")
    at = clock()
    sequence = await uow.case_numbers.next(f"penalty-decision-{rules.office_code}-{at.year}")
    steps.decide(
        case,
        decision_no=penalty_decision_number(at.year, rules.office_abbreviation, sequence),
        fine=cmd.fine,
        illegal_gains=cmd.illegal_gains,
        gains_confiscated=cmd.gains_confiscated,
        correction_order=cmd.correction_order,
        reasons=cmd.reasons,
        by=Actor(ActorKind.OFFICE_HEAD, cmd.by),
        at=at,
        rules=rules,
    )
    return await record_penalty_case(uow, case)


async def take_penalty_step(
    cmd: p.PenaltyCommand, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    case = await uow.penalty_cases.get(cmd.case_id)
    STEPS[type(cmd)](case, cmd, clock(), rules)
    return await record_penalty_case(uow, case)


def _notify(case: PenaltyCase, cmd: p.NotifyPenalty, at: dt.datetime, rules: CaseRules) -> None:
    steps.notify(
        case,
        fine=cmd.fine,
        illegal_gains=cmd.illegal_gains,
        confiscate_gains=cmd.confiscate_gains,
        correction_order=cmd.correction_order,
        served_on=cmd.served_on,
        by=Actor(ActorKind.HANDLER, cmd.by),
        at=at,
        rules=rules,
    )


def _request_hearing(
    case: PenaltyCase, cmd: p.RequestPenaltyHearing, at: dt.datetime, rules: CaseRules
) -> None:
    by = Actor(ActorKind.RESPONDENT, "subject", recorded_by=cmd.by)
    steps.request_hearing(case, requested_on=cmd.requested_on, by=by, at=at)


def _waive_hearing(case: PenaltyCase, cmd: p.WaivePenaltyHearing, at: dt.datetime, rules: CaseRules) -> None:
    steps.waive_hearing(case, by=Actor(ActorKind.RESPONDENT, "subject", recorded_by=cmd.by), at=at)


def _hold_hearing(case: PenaltyCase, cmd: p.HoldPenaltyHearing, at: dt.datetime, rules: CaseRules) -> None:
    steps.hold_hearing(case, summary=cmd.summary, by=Actor(ActorKind.HANDLER, cmd.by), at=at)


def _serve(case: PenaltyCase, cmd: p.ServePenaltyDecision, at: dt.datetime, rules: CaseRules) -> None:
    steps.serve_decision(case, served_on=cmd.served_on, by=Actor(ActorKind.HANDLER, cmd.by), at=at)


def _publish(case: PenaltyCase, cmd: p.PublishPenalty, at: dt.datetime, rules: CaseRules) -> None:
    steps.publish(
        case,
        published_on=cmd.published_on,
        reference=cmd.reference,
        by=Actor(ActorKind.HANDLER, cmd.by),
        at=at,
    )


def _close(case: PenaltyCase, cmd: p.ClosePenaltyCase, at: dt.datetime, rules: CaseRules) -> None:
    steps.close(case, by=Actor(ActorKind.HANDLER, cmd.by), at=at)


def _end(case: PenaltyCase, cmd: p.EndPenaltyCase, at: dt.datetime, rules: CaseRules) -> None:
    steps.end_without_penalty(
        case,
        transfer=cmd.transfer_to_police,
        reasons=cmd.reasons,
        by=Actor(ActorKind.OFFICE_HEAD, cmd.by),
        at=at,
    )


STEPS: dict[type[Any], Step] = {
    p.NotifyPenalty: _notify,
    p.RequestPenaltyHearing: _request_hearing,
    p.WaivePenaltyHearing: _waive_hearing,
    p.HoldPenaltyHearing: _hold_hearing,
    p.ServePenaltyDecision: _serve,
    p.PublishPenalty: _publish,
    p.ClosePenaltyCase: _close,
    p.EndPenaltyCase: _end,
}

HANDLERS: dict[type[Any], Callable[..., Any]] = {
    p.FilePenaltyCase: file_penalty_case,
    p.DecidePenalty: decide_penalty,
    **dict.fromkeys(STEPS, take_penalty_step),
}
