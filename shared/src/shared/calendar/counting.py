"""Counting rules for working-day, calendar-day and month periods (domain-rules §G.2–G.3).

* Start day excluded: counting starts the day after the triggering event
  (Civil Code art. 201; CPL art. 85 ¶2; Patent Impl. Regs art. 5).
* Working days (§G.3 step 1): step forward one day at a time and count only
  working days; the result is always a working day, so it never rolls.
* Calendar days (step 2): start + N, then roll forward while the last day is a
  rest day (Civil Code art. 203 ¶1; CPL art. 85 ¶3).
* Months (step 3): the same day-of-month N months later, or the month's last
  day when it has no such day (Civil Code art. 202), then roll forward.

Whether an ordinary weekend triggers the roll-forward is Open Question 7; the
default :attr:`RollForward.REST_DAYS` says yes. A 调休 make-up Saturday is a
working day either way, so a period ending on one stays there (§G.3 example 2).
"""

from __future__ import annotations

import calendar as gregorian
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from enum import StrEnum

from shared.calendar.deadline import SHANGHAI, DayNote, Deadline, Explanation, format_day
from shared.calendar.default import resolve_calendar
from shared.calendar.errors import PeriodSyntaxError, UnitMismatchError
from shared.calendar.hours import add_hours
from shared.calendar.periods import Period, Unit
from shared.calendar.schedule import DayKind, DayStatus
from shared.calendar.workcalendar import WorkCalendar

START_EXCLUDED = "start day not counted (Civil Code art. 201; CPL art. 85 ¶2)"
ROLL_BASIS = "Civil Code art. 203 ¶1; CPL art. 85 ¶3; Patent Impl. Regs art. 5"


class RollForward(StrEnum):
    """Which days move a last day forward (Open Question 7)."""

    REST_DAYS = "rest_days"
    """Default: holidays and ordinary weekends (not 调休 make-up days) are rest days."""
    HOLIDAYS_ONLY = "holidays_only"
    """Only the 放假 days of the notice or statute move a last day; weekends do not."""


def compute(
    start: date,
    period: Period,
    *,
    calendar: WorkCalendar | None = None,
    roll_forward: RollForward = RollForward.REST_DAYS,
) -> Deadline:
    """Deadline for ``period`` counted from the event on ``start``.

    ``start`` may be a ``datetime``: day periods use its Asia/Shanghai date
    (a naive datetime is taken as Shanghai wall-clock time; the hour of the
    event is not counted either), hour periods need it to be aware. See the
    module docstring for the rules.

    Raises:
        UnitMismatchError: for an hour period started from a plain date.
        ClockError: for an hour period started from a naive datetime.
    """
    if period.unit is Unit.HOURS:
        if not isinstance(start, datetime):
            raise UnitMismatchError(
                f"{period} is an hour period: start it from an aware datetime, not a date"
            )
        return add_hours(start, period.length)
    cal = resolve_calendar(calendar)
    day = _local_day(start)
    if period.unit is Unit.WD:
        return count_working_days(cal, day, period.length)
    if period.unit is Unit.CD:
        return count_calendar_days(cal, day, period.length, roll_forward)
    return count_months(cal, day, period.length, roll_forward)


def count_working_days(cal: WorkCalendar, start: date, n: int) -> Deadline:
    """The N-th working day after ``start`` (§G.3 step 1); for N = 0, the first working day from ``start``."""
    _check_length(n)
    counted: list[DayNote]
    skipped: list[DayNote]
    day, counted, skipped = start, [], []
    if n == 0:
        due, skipped = _roll(cal, start, RollForward.REST_DAYS)
        return finish(cal, span=(start, due), due=due, rule=_wd_rule(start, n), skipped=skipped)
    while len(counted) < n:
        day += timedelta(days=1)
        status = cal.status(day)
        if status.is_working_day:
            counted.append(DayNote(day, _counted_reason(status)))
        else:
            skipped.append(DayNote(day, status.reason))
    span = (start + timedelta(days=1), day)
    return finish(cal, span=span, due=day, rule=_wd_rule(start, n), counted=counted, skipped=skipped)


def count_calendar_days(cal: WorkCalendar, start: date, n: int, policy: RollForward) -> Deadline:
    """``start`` + N calendar days, rolled forward off rest days (§G.3 step 2)."""
    _check_length(n)
    nominal = start + timedelta(days=n)
    days = Period(n, Unit.CD).describe()
    rule = f"{format_day(start)} + {days} = {format_day(nominal)}; {START_EXCLUDED}"
    return _ending(cal, start, nominal, rule, policy, ())


def count_months(cal: WorkCalendar, start: date, n: int, policy: RollForward) -> Deadline:
    """Same day-of-month N months after ``start``, clamped to month end, rolled forward (§G.3 step 3)."""
    _check_length(n)
    nominal = shift_months(start, n)
    rule = (
        f"{format_day(start)} + {Period(n, Unit.MONTHS).describe()} = {format_day(nominal)}; {START_EXCLUDED}"
    )
    notes: tuple[str, ...] = ()
    if nominal.day != start.day:
        notes = (f"the final month has no day {start.day}, so its last day ends it (Civil Code art. 202)",)
    return _ending(cal, start, nominal, rule, policy, notes)


def shift_months(day: date, n: int) -> date:
    """The same day-of-month ``n`` months later (or earlier for negative ``n``), clamped to month end."""
    month_index = day.year * 12 + day.month - 1 + n
    year, month = divmod(month_index, 12)
    last = gregorian.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def roll_forward_from(cal: WorkCalendar, nominal: date, policy: RollForward) -> tuple[date, list[DayNote]]:
    """First day on or after ``nominal`` that does not trigger a roll-forward, and the days passed over."""
    return _roll(cal, nominal, policy)


def finish(
    cal: WorkCalendar,
    *,
    span: tuple[date, date],
    due: date,
    rule: str,
    counted: Sequence[DayNote] = (),
    skipped: Sequence[DayNote] = (),
    notes: Sequence[str] = (),
) -> Deadline:
    """Assemble a :class:`Deadline`; ``span`` is the range of days the result depends on.

    The deadline is provisional when any year in ``span`` has no notice loaded,
    and the explanation gains one note per year naming the calendar data used.
    """
    first, last = sorted(span)
    provisional = cal.provisional_years(first, last)
    sources = tuple(f"calendar {cal.schedule(year).describe()}" for year in range(first.year, last.year + 1))
    explanation = Explanation(rule, tuple(counted), tuple(skipped), (*notes, *sources))
    return Deadline(due=due, provisional=bool(provisional), explanation=explanation)


def _ending(
    cal: WorkCalendar, start: date, nominal: date, rule: str, policy: RollForward, notes: tuple[str, ...]
) -> Deadline:
    counted = [DayNote(day, cal.status(day).reason) for day in _days_between(start, nominal)]
    due, skipped = _roll(cal, nominal, policy)
    notes = (*notes, roll_note(cal, nominal, due, policy))
    span = (start + timedelta(days=1), due)
    return finish(cal, span=span, due=due, rule=rule, counted=counted, skipped=skipped, notes=notes)


def _roll(cal: WorkCalendar, day: date, policy: RollForward) -> tuple[date, list[DayNote]]:
    skipped: list[DayNote] = []
    status = cal.status(day)
    while _moves_last_day(status, policy):
        skipped.append(DayNote(day, status.reason))
        day += timedelta(days=1)
        status = cal.status(day)
    return day, skipped


def _moves_last_day(status: DayStatus, policy: RollForward) -> bool:
    if policy is RollForward.HOLIDAYS_ONLY:
        return status.kind is DayKind.HOLIDAY
    return not status.is_working_day


def roll_note(cal: WorkCalendar, nominal: date, due: date, policy: RollForward) -> str:
    """Explain what the roll-forward did (or why it did nothing) to the last day ``nominal``."""
    status = cal.status(nominal)
    if due != nominal:
        return f"last day {format_day(nominal)} is a rest day; moved to {format_day(due)} ({ROLL_BASIS})"
    if status.kind is DayKind.MAKEUP:
        return f"last day {format_day(nominal)} is a {status.reason}, so it stays (§G.3 example 2)"
    if status.kind is DayKind.WEEKEND:
        return f"last day {format_day(nominal)} is a weekend but roll-forward policy {policy} keeps it"
    return f"last day {format_day(nominal)} is a working day, so no roll-forward"


def _days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=offset) for offset in range(1, (end - start).days + 1)]


def _counted_reason(status: DayStatus) -> str:
    return f"{status.reason} counts" if status.kind is DayKind.MAKEUP else status.reason


def _wd_rule(start: date, n: int) -> str:
    if n == 0:
        return f"0 working days from {format_day(start)}: that day if it is a working day, else the next one"
    return (
        f"{n} working days after {format_day(start)}: {START_EXCLUDED}; only working days count (§G.3 step 1)"
    )


def _check_length(n: int) -> None:
    if n < 0:
        raise PeriodSyntaxError(f"a period length cannot be negative: {n}")


def _local_day(start: date) -> date:
    if isinstance(start, datetime):
        return start.astimezone(SHANGHAI).date() if start.tzinfo else start.date()
    return start
