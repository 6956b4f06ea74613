"""Counterfeit-patent penalty cases: filing draws a case number, deciding a decision number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adjudication.domain.commands import penalty as p
from adjudication.domain.penalty import steps
from adjudication.domain.penalty.aggregate import penalty_case_number, penalty_decision_number
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.effects import Clock, StepOutcome, record_penalty_case
from adjudication.handlers.steps import binding
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.domain.actors import Actor


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
    decision_no = penalty_decision_number(at.year, rules.office_abbreviation, sequence)
    binding(cmd).take(case, cmd, at=at, rules=rules, decision_no=decision_no)
    return await record_penalty_case(uow, case)


HANDLERS: dict[type[Any], Callable[..., Any]] = {
    p.FilePenaltyCase: file_penalty_case,
    p.DecidePenalty: decide_penalty,
}
