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
from adjudication.handlers.steps import binding, load_penalty_case
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.access.rules import require_office
from shared.domain.actors import Actor


async def file_penalty_case(
    cmd: p.FilePenaltyCase, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    if cmd.principal is not None:
        require_office(cmd.principal, rules.office_code)  # files for the office this service runs
    at = clock()
    sequence = await uow.case_numbers.next(f"penalty-{rules.office_code}-{at.year}")
    case = steps.file_case(
        cmd.filing,
        case_no=penalty_case_number(at.year, sequence, rules.office_code),
        by=Actor(ActorKind.HANDLER, cmd.by),
        at=at,
        rules=rules,
    )
    return await record_penalty_case(uow, case, new=True)


async def decide_penalty(
    cmd: p.DecidePenalty, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    case = await load_penalty_case(uow, cmd)
    await take_penalty_decision(case, cmd, uow, clock(), rules)
    return await record_penalty_case(uow, case)


async def take_penalty_decision(
    case: PenaltyCase, cmd: p.DecidePenalty, uow: AdjudicationUnitOfWork, at: dt.datetime, rules: CaseRules
) -> None:
    case.require_state("decide")
    sequence = await uow.case_numbers.next(f"penalty-decision-{rules.office_code}-{at.year}")
    decision_no = penalty_decision_number(at.year, rules.office_abbreviation, sequence)
    binding(cmd).take(case, cmd, at=at, rules=rules, decision_no=decision_no)


HANDLERS: dict[type[Any], Callable[..., Any]] = {
    p.FilePenaltyCase: file_penalty_case,
    p.DecidePenalty: decide_penalty,
}
