"""What happens when a mediation timer fires (the worker's ``TimerScheduler`` calls these by kind).

Each runs in the scheduler's transaction with the case locked; the moment of the change is the
timer's due time, not the wall clock, so a late-running worker records what the law says happened.
A timer whose case has since moved on changes nothing.
"""

from __future__ import annotations

import datetime as dt
import functools
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

from mediation.domain import confirming, mediating, performing
from mediation.domain.case import MediationCase
from mediation.domain.events import DeadlineApproaching, DeadlineMissed
from mediation.domain.local_time import local_date
from mediation.domain.parties import SYSTEM
from mediation.domain.states import MediationState as S
from mediation.handlers import deadlines as d
from mediation.handlers.effects import save_changes
from mediation.rules import MediationRules
from mediation.unit_of_work import MediationUnitOfWork
from shared.timers import DueTimer, TimerHandler
from shared.timers.store import WARNING_SUFFIX

CaseReaction = Callable[[MediationCase, DueTimer], None]


def timer_handlers(rules: MediationRules) -> dict[str, TimerHandler]:
    reactions: dict[str, CaseReaction] = {
        d.KIND_MONITOR: _missed,
        d.KIND_ASSIGNMENT_ANSWER: _assignment_unanswered,
        d.KIND_COURT_ASSIGNMENT_CONFIRM: _court_assignment_unanswered,
        d.KIND_MEDIATION_PERIOD: lambda case, timer: _ignore(mediating.expire(case, timer.due_at)),
        d.KIND_CONFIRMATION_WINDOW: lambda case, timer: _ignore(confirming.lapse_window(case, timer.due_at)),
        d.KIND_OBJECTION_WINDOW: lambda case, timer: _ignore(
            confirming.close_objection_window(case, timer.name, timer.due_at)
        ),
        d.KIND_INSTALMENT_DUE: _instalment_due,
        d.KIND_ENFORCEMENT_PERIOD: lambda case, timer: _ignore(
            performing.expire_enforcement_period(case, timer.due_at)
        ),
    }
    return {
        kind: functools.partial(_fire, reaction=reaction, rules=rules) for kind, reaction in reactions.items()
    }


async def _fire(timer: DueTimer, uow: Any, *, reaction: CaseReaction, rules: MediationRules) -> None:
    assert isinstance(uow, MediationUnitOfWork)
    case = await uow.cases.get(uuid.UUID(timer.aggregate_id))
    if case is None:
        return
    if timer.is_warning:
        _approaching(case, timer)
    else:
        reaction(case, timer)
    await save_changes(case, uow, rules)


def _ignore(_: object) -> None:
    """The reaction's result only says whether anything changed; nothing more to do."""


def _deadline_name(timer: DueTimer) -> str:
    return timer.name.removesuffix(WARNING_SUFFIX)


def _due_on(case: MediationCase, timer: DueTimer) -> dt.date:
    return case.deadlines.get(_deadline_name(timer)) or local_date(timer.due_at)


def _approaching(case: MediationCase, timer: DueTimer) -> None:
    case.record(
        DeadlineApproaching(
            case_id=case.id,
            actor=SYSTEM,
            at=timer.due_at,
            deadline=_deadline_name(timer),
            due_on=_due_on(case, timer),
        )
    )


def _missed(case: MediationCase, timer: DueTimer) -> None:
    case.record(
        DeadlineMissed(
            case_id=case.id, actor=SYSTEM, at=timer.due_at, deadline=timer.name, due_on=_due_on(case, timer)
        )
    )


def _assignment_unanswered(case: MediationCase, timer: DueTimer) -> None:
    mediating.lapse_assignment(case, uuid.UUID(str(timer.payload["assignment_id"])), timer.due_at)


def _court_assignment_unanswered(case: MediationCase, timer: DueTimer) -> None:
    """No mediator confirmed the court's assignment within 3 WD: it goes back to the court."""
    if case.state is S.REQUESTED:
        reason = "no mediator confirmed the assignment within 3 working days (Online Rules art. 12)"
        mediating.decline_court_assignment(case, reason, SYSTEM, timer.due_at)


def _instalment_due(case: MediationCase, timer: DueTimer) -> None:
    agreement = case.effective_agreement
    if agreement is not None and str(agreement.id) == str(timer.payload["agreement_id"]):
        performing.default_instalment(case, int(timer.payload["number"]), timer.due_at)


TimerHandlers = dict[str, Callable[[DueTimer, Any], Awaitable[None]]]
