"""What a mediation timer does when it fires: each timer kind is a command, handled here like any step.

``shared.timers.dispatch.timer_handlers(bus, TIMER_COMMANDS)`` gives the scheduler one handler per
timer kind; each hands its ``Reach...`` command to the bus in the scheduler's transaction, with the
case locked. What changes is dated by the timer's due time, not the wall clock, so a late-running
worker records what the law says happened. A timer whose case has since moved on changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, Final

from mediation.domain import commands as c
from mediation.domain import confirming, mediating, performing
from mediation.domain.case import MediationCase
from mediation.domain.deadlines import TimerKind
from mediation.handlers.cases import record_step
from mediation.unit_of_work import MediationUnitOfWork
from shared.domain.deadlines import DeadlineReached

TIMER_COMMANDS: Final[dict[str, type[DeadlineReached]]] = {
    TimerKind.MONITOR: c.ReachMonitoredDeadline,
    TimerKind.ASSIGNMENT_ANSWER: c.ReachAssignmentAnswerDeadline,
    TimerKind.COURT_ASSIGNMENT_CONFIRM: c.ReachCourtAssignmentDeadline,
    TimerKind.MEDIATION_PERIOD: c.ReachMediationPeriodEnd,
    TimerKind.CONFIRMATION_WINDOW: c.ReachConfirmationWindowEnd,
    TimerKind.OBJECTION_WINDOW: c.ReachObjectionWindowEnd,
    TimerKind.INSTALMENT_DUE: c.ReachInstalmentDueDay,
    TimerKind.ENFORCEMENT_PERIOD: c.ReachEnforcementPeriodEnd,
}


async def reach_deadline(cmd: DeadlineReached, uow: MediationUnitOfWork) -> None:
    case = await uow.cases.get(uuid.UUID(cmd.aggregate_id))
    if case is None:
        return
    if cmd.warning:
        case.warn_of(cmd.deadline, cmd.due_at)
    else:
        REACTIONS[type(cmd)](case, cmd)
    await record_step(uow, case)


def _lapse_assignment(case: MediationCase, cmd: DeadlineReached) -> None:
    mediating.lapse_assignment(case, uuid.UUID(str(cmd.payload["assignment_id"])), cmd.due_at)


def _instalment_due(case: MediationCase, cmd: DeadlineReached) -> None:
    agreement_id = uuid.UUID(str(cmd.payload["agreement_id"]))
    performing.instalment_due(case, agreement_id, int(cmd.payload["number"]), cmd.due_at)


REACTIONS: Final[dict[type[DeadlineReached], Callable[[MediationCase, Any], object]]] = {
    c.ReachMonitoredDeadline: lambda case, cmd: case.missed(cmd.deadline, cmd.due_at),
    c.ReachAssignmentAnswerDeadline: _lapse_assignment,
    c.ReachCourtAssignmentDeadline: lambda case, cmd: mediating.court_assignment_unanswered(case, cmd.due_at),
    c.ReachMediationPeriodEnd: lambda case, cmd: mediating.expire(case, cmd.due_at),
    c.ReachConfirmationWindowEnd: lambda case, cmd: confirming.lapse_window(case, cmd.due_at),
    c.ReachObjectionWindowEnd: lambda case, cmd: confirming.close_objection_window(
        case, cmd.deadline, cmd.due_at
    ),
    c.ReachInstalmentDueDay: _instalment_due,
    c.ReachEnforcementPeriodEnd: lambda case, cmd: performing.expire_enforcement_period(case, cmd.due_at),
}
"""What the law makes of each deadline when it runs out (a warning is only recorded)."""
