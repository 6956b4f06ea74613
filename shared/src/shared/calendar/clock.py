"""Pausable SLA clocks: periods that stop while a case is suspended, under appraisal or in publication.

Zhejiang Patent Regs art. 26 ¶2 [V] and 专利行政执法办法 art. 18 ¶2 [U] say those
periods are "not counted", but not how to count around them (Open Question 8),
so both readings of domain-rules §G.3 step 5 are available:

* :attr:`PausePolicy.EXTEND_BY_PAUSED_CALENDAR_DAYS` (default): compute the end
  as if never paused, then add the paused calendar days.
* :attr:`PausePolicy.RECOMPUTE_FROM_REMAINING`: at each pause, note what was
  left of the period; at resume, count that remainder again from the resume day.

Pauses are half-open ``[start, end)``: the pause-start day is not counted, the
resume day is. For calendar-day and month periods the two policies agree (the
remainder is measured in calendar days); they differ for working-day periods,
where recomputing skips the rest days in the remainder again. A pause that
starts after the clock has run out has no effect. While a pause is open the
clock has no due date.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum
from itertools import pairwise

from shared.calendar.counting import (
    RollForward,
    count_working_days,
    finish,
    roll_forward_from,
    roll_note,
    shift_months,
)
from shared.calendar.deadline import Deadline, format_day
from shared.calendar.default import resolve_calendar
from shared.calendar.errors import ClockError, UnitMismatchError
from shared.calendar.periods import Period, Unit
from shared.calendar.workcalendar import WorkCalendar


class PausePolicy(StrEnum):
    """How a pause moves the end of a clock (Open Question 8)."""

    EXTEND_BY_PAUSED_CALENDAR_DAYS = "extend_by_paused_calendar_days"
    RECOMPUTE_FROM_REMAINING = "recompute_from_remaining"


@dataclass(frozen=True, slots=True)
class Pause:
    """A ``[start, end)`` interval when the clock stood still; ``end`` is ``None`` until resumed."""

    start: date
    end: date | None = None
    reason: str = "suspension"

    def __post_init__(self) -> None:
        if self.end is not None and self.end < self.start:
            raise ClockError(f"pause ({self.reason}) ends on {self.end} before it starts on {self.start}")


@dataclass(frozen=True, slots=True)
class PausableClock:
    """A period running from ``start`` that may be paused; immutable, so pausing returns a new clock."""

    start: date
    period: Period
    pauses: tuple[Pause, ...] = ()

    def __post_init__(self) -> None:
        if self.period.unit is Unit.HOURS:
            raise UnitMismatchError("pausable clocks count days or months, not hours")
        _check_pauses(self.start, self.pauses)

    @property
    def paused(self) -> bool:
        """True while the last pause has not been resumed."""
        return bool(self.pauses) and self.pauses[-1].end is None

    def pause(self, on: date, reason: str = "suspension") -> PausableClock:
        """A copy of this clock paused from ``on``.

        Raises:
            ClockError: if already paused or ``on`` precedes an earlier pause.
        """
        if self.paused:
            raise ClockError(f"clock already paused since {self.pauses[-1].start}")
        return replace(self, pauses=(*self.pauses, Pause(on, None, reason)))

    def resume(self, on: date) -> PausableClock:
        """A copy of this clock resumed on ``on`` (the resume day counts again).

        Raises:
            ClockError: if the clock is not paused or ``on`` precedes the pause.
        """
        if not self.paused:
            raise ClockError("clock is not paused")
        last = self.pauses[-1]
        return replace(self, pauses=(*self.pauses[:-1], Pause(last.start, on, last.reason)))


def clock_deadline(
    clock: PausableClock,
    *,
    policy: PausePolicy = PausePolicy.EXTEND_BY_PAUSED_CALENDAR_DAYS,
    calendar: WorkCalendar | None = None,
    roll_forward: RollForward = RollForward.REST_DAYS,
) -> Deadline | None:
    """The clock's due date net of its pauses, or ``None`` while a pause is still open.

    The explanation lists the nominal end, each pause with its effect, and the
    final roll-forward.
    """
    cal = resolve_calendar(calendar)
    end = _nominal_end(cal, clock.start, clock.period)
    notes = [f"nominal end without pauses: {format_day(end)}"]
    for pause in clock.pauses:
        begin = max(pause.start, clock.start + timedelta(days=1))
        if begin > end:
            notes.append(f"{_describe(pause)} starts after the clock ran out on {format_day(end)}: no effect")
        elif pause.end is None:
            return None
        else:
            end, note = _apply(cal, clock.period, end, begin, pause.end, policy)
            notes.append(f"{_describe(pause)}: {note}")
    due, skipped = roll_forward_from(cal, end, roll_forward)
    notes.append(roll_note(cal, end, due, roll_forward))
    rule = f"{clock.period.describe()} from {format_day(clock.start)}, net of pauses ({policy} policy)"
    span = (clock.start + timedelta(days=1), due)
    return finish(cal, span=span, due=due, rule=rule, skipped=skipped, notes=notes)


def _nominal_end(cal: WorkCalendar, start: date, period: Period) -> date:
    if period.unit is Unit.WD:
        return count_working_days(cal, start, period.length).due
    if period.unit is Unit.CD:
        return start + timedelta(days=period.length)
    return shift_months(start, period.length)


def _apply(
    cal: WorkCalendar, period: Period, end: date, begin: date, resume: date, policy: PausePolicy
) -> tuple[date, str]:
    paused_days = max(0, (resume - begin).days)
    if policy is PausePolicy.RECOMPUTE_FROM_REMAINING and period.unit is Unit.WD:
        remaining = sum(cal.is_working_day(begin + timedelta(days=i)) for i in range((end - begin).days + 1))
        new_end = count_working_days(cal, resume - timedelta(days=1), remaining).due
        return new_end, f"{remaining} working days remained; counted again from {format_day(resume)}"
    return end + timedelta(days=paused_days), f"{paused_days} paused calendar days added"


def _describe(pause: Pause) -> str:
    until = f"until {format_day(pause.end)}" if pause.end else "still open"
    return f"pause ({pause.reason}) from {format_day(pause.start)} {until}"


def _check_pauses(start: date, pauses: tuple[Pause, ...]) -> None:
    for earlier, later in pairwise(pauses):
        if earlier.end is None or later.start < earlier.end:
            raise ClockError(f"pauses overlap or are out of order: {earlier} then {later}")
    if pauses and pauses[0].start < start:
        raise ClockError(f"a pause cannot start ({pauses[0].start}) before the clock ({start})")
