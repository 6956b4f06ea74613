"""The plain API: ``datetime.date`` in, ``datetime.date`` out, on the default calendar.

These are the four functions most callers need. For the explanation, the
provisional flag or a non-default policy use :func:`shared.calendar.compute`
and friends, which return a :class:`~shared.calendar.Deadline`.
"""

from __future__ import annotations

from datetime import date

from shared.calendar.counting import RollForward, count_calendar_days, count_months, count_working_days
from shared.calendar.default import default_calendar


def is_working_day(day: date) -> bool:
    """True unless ``day`` is a 放假 day or a weekend day that is not a 调休 make-up day."""
    return default_calendar().is_working_day(day)


def add_working_days(start: date, n: int) -> date:
    """The n-th working day after ``start`` (start day excluded); always a working day.

    Make-up Saturdays count; holidays and ordinary weekends do not (§G.3 step 1).
    """
    return count_working_days(default_calendar(), start, n).due


def add_calendar_days(start: date, n: int) -> date:
    """``start`` + n days, moved forward while that last day is a rest day (§G.3 step 2)."""
    return count_calendar_days(default_calendar(), start, n, RollForward.REST_DAYS).due


def add_months(start: date, n: int) -> date:
    """Same day-of-month n months later, clamped to month end (Civil Code art. 202), then rolled forward."""
    return count_months(default_calendar(), start, n, RollForward.REST_DAYS).due
