"""What happens when a credit timer fires. Each runs in the transaction that marks the timer fired.

Effects are dated by the timer's due moment, not by when the worker got to it: a listing expired
at the end of its last day even if the worker was down that night.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Awaitable, Callable, Mapping
from functools import partial
from typing import Any

from credit import outbound
from credit.domain.commands import RecomputeLocalGrades
from credit.domain.record import CreditRecord
from credit.domain.vocabulary import CHINA, Actor, Step
from credit.handlers.grades import recompute_local_grades
from credit.options import CreditOptions
from credit.timer_kinds import GRADES_AGGREGATE, TimerKind, TimerName
from credit.unit_of_work import CreditUnitOfWork
from shared.timers import DueTimer

TIMER = Actor.system("timer")
MONTHLY_RUN_TIME = dt.time(2, 0)  # 02:00 China time on the first of the month, outside office hours
TimerHandler = Callable[[DueTimer, Any], Awaitable[None]]


def timer_handlers(options: CreditOptions) -> Mapping[str, TimerHandler]:
    return {
        TimerKind.NOTICE_WINDOW: notice_window_closed,
        TimerKind.PUBLICATION_DUE: partial(duty_deadline, "publication"),
        TimerKind.WITHDRAWAL_DUE: partial(duty_deadline, "withdrawal"),
        TimerKind.LISTING_EXPIRY: listing_expired,
        TimerKind.COMMITMENT_VERIFICATION: verification_due,
        TimerKind.MONTHLY_GRADES: partial(monthly_grades, options),
    }


def _step(timer: DueTimer) -> Step:
    return Step(TIMER, timer.due_at)


async def _record(uow: CreditUnitOfWork, timer: DueTimer) -> CreditRecord | None:
    return await uow.records.get_for_update(uuid.UUID(timer.aggregate_id))


async def notice_window_closed(timer: DueTimer, uow: CreditUnitOfWork) -> None:
    record = await _record(uow, timer)
    if record is not None and record.close_notice_window(_step(timer)):
        await uow.records.save(record)


async def duty_deadline(deadline: str, timer: DueTimer, uow: CreditUnitOfWork) -> None:
    """Publication or withdrawal: a due-soon warning, then the deadline missed (flagged overdue)."""
    record = await _record(uow, timer)
    if record is None:
        return
    note = record.note_due_soon if timer.is_warning else record.note_missed
    if note(deadline, _step(timer)):
        await uow.records.save(record)


async def listing_expired(timer: DueTimer, uow: CreditUnitOfWork) -> None:
    record = await _record(uow, timer)
    if record is None or record.terms is None or record.terms.period_end is None:
        return
    if record.expire(on=record.terms.period_end, step=_step(timer)):
        subject = await uow.subjects.get(record.subject_id)
        assert subject is not None
        uow.outbox.add(outbound.expired(record, subject), key=record.id)
        await uow.timers.cancel_all(timer.aggregate_id)
        await uow.records.save(record)


async def verification_due(timer: DueTimer, uow: CreditUnitOfWork) -> None:
    commitment = await uow.commitments.get_for_update(uuid.UUID(timer.aggregate_id))
    if commitment is not None and commitment.note_verification_due(
        missed=not timer.is_warning, actor=TIMER, at=timer.due_at
    ):
        await uow.commitments.save(commitment)


async def monthly_grades(options: CreditOptions, timer: DueTimer, uow: CreditUnitOfWork) -> None:
    """Recompute every local grade, then arm next month's run (§C.4: recompute monthly)."""
    as_of = timer.due_at.astimezone(CHINA).date()
    if options.grade_rules is not None:
        await recompute_local_grades(
            RecomputeLocalGrades(as_of=as_of, actor=TIMER), uow, lambda: timer.due_at, options
        )
    await schedule_monthly_grades(uow, after=timer.due_at)


async def schedule_monthly_grades(uow: CreditUnitOfWork, *, after: dt.datetime) -> dt.datetime:
    """Arm the monthly recompute for the first of the month following ``after``."""
    local = after.astimezone(CHINA)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    due_at = dt.datetime.combine(dt.date(year, month, 1), MONTHLY_RUN_TIME, tzinfo=CHINA)
    # One timer per month: the scheduler marks the firing timer fired after its handler ran, so a
    # handler cannot re-arm the timer it runs under.
    await uow.timers.schedule(
        aggregate_id=GRADES_AGGREGATE,
        name=f"{TimerName.MONTHLY_GRADES}.{year:04d}-{month:02d}",
        kind=TimerKind.MONTHLY_GRADES,
        due_at=due_at,
        explanation="monthly recompute of local credit grades (§C.4)",
    )
    return due_at
