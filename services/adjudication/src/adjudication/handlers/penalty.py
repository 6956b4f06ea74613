"""Penalty cases: filing draws a case number, deciding a decision number (one series per law) after
looking up the subject's earlier penalties (repeat infringement, 商标法 art. 60 ¶2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from adjudication.domain.commands import penalty as p
from adjudication.domain.penalty import steps
from adjudication.domain.penalty.aggregate import PenaltyCase, penalty_case_number, penalty_decision_number
from adjudication.domain.penalty.laws import PenaltyLaw, law_rule
from adjudication.domain.penalty.values import CaseSource, PenaltyFiling
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
    await refresh_priors(case, uow)
    law = "" if case.law is PenaltyLaw.COUNTERFEIT_PATENT else f"{case.law.value}-"
    sequence = await uow.case_numbers.next(f"penalty-decision-{law}{rules.office_code}-{at.year}")
    decision_no = penalty_decision_number(
        at.year, rules.office_abbreviation, sequence, case.rule.decision_series
    )
    binding(cmd).take(case, cmd, at=at, rules=rules, decision_no=decision_no)


async def file_from_complaint(
    cmd: p.FilePenaltyCasesFromComplaint, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> list[PenaltyCase]:
    """File a penalty case against each respondent of a routed complaint, once per complaint. The case
    has no handler yet: any officer of the office takes it (and proposes its decision)."""
    if await uow.penalty_cases.from_complaint(cmd.complaint_id):
        return []
    at, rule = clock(), law_rule(cmd.law)
    acts = tuple(a for a in cmd.alleged_acts if a in rule.acts) or (rule.default_act,)
    filed = []
    for respondent in cmd.respondents:
        sequence = await uow.case_numbers.next(f"penalty-{rules.office_code}-{at.year}")
        filing = PenaltyFiling(
            law=cmd.law,
            subject=respondent,
            acts=acts,
            patent_number=cmd.right_number if cmd.law is PenaltyLaw.COUNTERFEIT_PATENT else None,
            right_number=None if cmd.law is PenaltyLaw.COUNTERFEIT_PATENT else cmd.right_number,
            products=(),
            marks=(),
            source=CaseSource.COMPLAINT,
            source_ref=cmd.complaint_id,
            discovered_on=cmd.received_on,
            act_ended_on=None,
            lawful_source_seller=False,
            facts=cmd.facts,
        )
        case = steps.file_case(
            filing,
            case_no=penalty_case_number(at.year, sequence, rules.office_code),
            by=Actor(ActorKind.SYSTEM, "intake"),
            at=at,
            rules=rules,
        )
        case.handler = None
        await record_penalty_case(uow, case, new=True)
        filed.append(case)
    return filed


async def refresh_priors(case: PenaltyCase, uow: AdjudicationUnitOfWork) -> None:
    """The subject's earlier penalty decisions, as the database has them now."""
    case.prior_penalties = await uow.penalty_cases.prior_decisions(case)


HANDLERS: dict[type[Any], Callable[..., Any]] = {
    p.FilePenaltyCase: file_penalty_case,
    p.DecidePenalty: decide_penalty,
    p.FilePenaltyCasesFromComplaint: file_from_complaint,
}
