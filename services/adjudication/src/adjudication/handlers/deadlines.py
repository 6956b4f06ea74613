"""Timers firing (through the bus, ``shared.timers.dispatch``): a deadline was reached or is due soon."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from adjudication.domain.case.steps.deadlines import deadline_reached
from adjudication.domain.commands.penalty import ReachPenaltyDeadline
from adjudication.domain.commands.system import ReachDeadline
from adjudication.domain.penalty.steps import penalty_deadline_reached
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.effects import Clock, record_case, record_penalty_case
from adjudication.unit_of_work import AdjudicationUnitOfWork


async def reach_deadline(
    cmd: ReachDeadline, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> None:
    # NOWAIT: never queue behind a person's step on the same case; the scheduler retries shortly.
    case = await uow.cases.get(uuid.UUID(cmd.aggregate_id), nowait=True)
    deadline_reached(case, cmd.deadline, warning=cmd.warning, at=clock(), rules=rules)
    if case.events or case.timer_changes:
        await record_case(uow, case, rules)


async def reach_penalty_deadline(
    cmd: ReachPenaltyDeadline, uow: AdjudicationUnitOfWork, clock: Clock
) -> None:
    case = await uow.penalty_cases.get(uuid.UUID(cmd.aggregate_id), nowait=True)
    penalty_deadline_reached(case, cmd.deadline, warning=cmd.warning, at=clock())
    if case.events or case.timer_changes:
        await record_penalty_case(uow, case)


HANDLERS: dict[type[Any], Callable[..., Any]] = {
    ReachDeadline: reach_deadline,
    ReachPenaltyDeadline: reach_penalty_deadline,
}
