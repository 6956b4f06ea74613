"""Recording a step: every handler ends in its aggregate's ``StepEffects`` (``shared.steps``).

:func:`record_case` first runs the reactions that need other cases' data (:mod:`.reactions`), then
saves the case, appends its events to the case record, publishes them through the case's
``Publisher`` into the outbox and applies its timer changes, in the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from adjudication.domain.case.aggregate import Case
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.reactions import react
from adjudication.publishing import case_publisher, penalty_publisher
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.contracts.adjudication import CaseKind
from shared.domain.events import Advisory, DomainEvent
from shared.steps import StepEffects

Clock = Callable[[], dt.datetime]
CASE_TIMER = "adjudication.case"
PENALTY_TIMER = "adjudication.penalty_case"
PENALTY_EFFECTS = StepEffects(CaseKind.COUNTERFEIT_PENALTY.value, penalty_publisher(), PENALTY_TIMER)


@dataclass(frozen=True, slots=True)
class StepOutcome:
    """What a step left behind: the case as saved and the advisories its events carry."""

    case: Case | PenaltyCase
    advisories: tuple[Advisory, ...] = field(default=())


@functools.cache
def case_effects(rules: CaseRules) -> StepEffects[Case]:
    return StepEffects(CaseKind.INFRINGEMENT_DISPUTE.value, case_publisher(rules), CASE_TIMER)


async def record_case(
    uow: AdjudicationUnitOfWork, case: Case, rules: CaseRules, *, new: bool = False
) -> StepOutcome:
    await react(uow, case, rules)
    save = functools.partial(uow.cases.add if new else uow.cases.save, case)
    return _outcome(case, await case_effects(rules).record(uow, case, save=save))


async def record_penalty_case(
    uow: AdjudicationUnitOfWork, case: PenaltyCase, *, new: bool = False
) -> StepOutcome:
    save = functools.partial(uow.penalty_cases.add if new else uow.penalty_cases.save, case)
    return _outcome(case, await PENALTY_EFFECTS.record(uow, case, save=save))


def _outcome(case: Case | PenaltyCase, events: Sequence[DomainEvent]) -> StepOutcome:
    return StepOutcome(case, tuple(a for event in events for a in event.advisories))
