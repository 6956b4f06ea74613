"""Saving a step: the aggregate, its timeline, its published events and its timers, in one transaction.

Handlers never commit (the bus or the consumer does); they end with :func:`persist_case` or
:func:`persist_penalty_case`, which also runs the reactions that need other cases' data (the
first-to-accept registry, repeat-infringement findings) before anything is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from adjudication.domain import repeat
from adjudication.domain.case import Case
from adjudication.domain.deadlines import ArmTimer, TimerIntent
from adjudication.domain.penalty_case import PenaltyCase
from adjudication.domain.records import Advisory, CaseEvent
from adjudication.domain.rules import CaseRules
from adjudication.publishing import case_contracts, penalty_contracts
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.contracts.adjudication import CaseKind

Clock = Callable[[], dt.datetime]
CASE_TIMER = "adjudication.case"
PENALTY_TIMER = "adjudication.penalty_case"
EFFECTIVE_EVENTS = frozenset({"DecisionBecameEffective", "DecisionUpheld"})


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """What a step left behind: the case as saved and the advisories its events carry."""

    case: Case | PenaltyCase
    advisories: tuple[Advisory, ...] = field(default=())


async def persist_case(
    uow: AdjudicationUnitOfWork, case: Case, rules: CaseRules, *, new: bool = False
) -> StepOutcome:
    await _react(uow, case, rules)
    if new:
        await uow.cases.add(case)
    else:
        await uow.cases.save(case)
    await uow.timeline.append(case.id, CaseKind.INFRINGEMENT_DISPUTE.value, case.events)
    for event in case.events:
        for data in case_contracts(case, event, rules):
            uow.outbox.add(data, key=case.id)
    await apply_timers(uow, str(case.id), CASE_TIMER, case.timer_intents)
    return _done(case, case.events)


async def persist_penalty_case(
    uow: AdjudicationUnitOfWork, case: PenaltyCase, *, new: bool = False
) -> StepOutcome:
    if new:
        await uow.penalty_cases.add(case)
    else:
        await uow.penalty_cases.save(case)
    await uow.timeline.append(case.id, CaseKind.COUNTERFEIT_PENALTY.value, case.events)
    for event in case.events:
        for data in penalty_contracts(case, event):
            uow.outbox.add(data, key=case.id)
    await apply_timers(uow, str(case.id), PENALTY_TIMER, case.timer_intents)
    return _done(case, case.events)


async def apply_timers(
    uow: AdjudicationUnitOfWork, aggregate_id: str, kind: str, intents: Sequence[TimerIntent]
) -> None:
    """Apply the step's timer changes in order (a deadline armed and met in one step ends disarmed)."""
    for intent in intents:
        if isinstance(intent, ArmTimer):
            await uow.timers.schedule_deadline(
                aggregate_id=aggregate_id,
                name=intent.name,
                kind=kind,
                deadline=intent.deadline,
                warn_working_days=intent.warn_working_days,
                payload=intent.payload,
                rule=intent.rule,
            )
        else:
            await uow.timers.cancel(aggregate_id=aggregate_id, name=intent.name)


def _done(case: Case | PenaltyCase, events: list[CaseEvent]) -> StepOutcome:
    advisories = tuple(a for event in events for a in event.advisories)
    case.events.clear()
    case.timer_intents.clear()
    return StepOutcome(case, advisories)


async def _react(uow: AdjudicationUnitOfWork, case: Case, rules: CaseRules) -> None:
    names = {event.name for event in case.events}
    if "CaseDocketed" in names and case.docket is not None:
        await uow.registry.record_docket(
            office_code=rules.office_code,
            case_ref=str(case.id),
            docket_no=case.docket.docket_no,
            patent_number=case.patent_number,
            requester_key=case.requester.identity_key,
            respondent_keys=[r.identity_key for r in case.respondents],
            docketed_at=case.docket.docketed_at,
        )
    if names & EFFECTIVE_EVENTS and case.infringement_established:
        await _record_finding(uow, case, rules)


async def _record_finding(uow: AdjudicationUnitOfWork, case: Case, rules: CaseRules) -> None:
    """Flag a repeat infringer against earlier findings, then add this finding to the registry."""
    decision, effective_on = case.decision, case.effective_on
    assert decision is not None and effective_on is not None
    keys = [r.identity_key for r in case.respondents]
    earlier = await uow.registry.prior_findings(patent_number=case.patent_number, subject_keys=keys)
    earlier = [f for f in earlier if f.case_id != str(case.id)]
    for respondent in case.respondents:
        mine = [f for f in earlier if f.subject_key == respondent.identity_key]
        priors = repeat.within_lookback(mine, effective_on, rules.repeat_lookback_months)
        if priors:
            repeat.flag(
                case,
                subject_key=respondent.identity_key,
                priors=priors,
                lookback_months=rules.repeat_lookback_months,
                at=case.events[-1].at,
            )
        await uow.registry.record_finding(
            office_code=rules.office_code,
            decision_no=decision.decision_no,
            patent_number=case.patent_number,
            subject_key=respondent.identity_key,
            subject_name=respondent.name,
            effective_on=effective_on,
            case_id=case.id,
        )
