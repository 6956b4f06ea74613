"""Statutory clocks for PRC IP enforcement: working days, holidays and deadlines.

Pure Python: no I/O except reading the files a caller explicitly points at, no
environment variables, no network. The legal rules come from
``shared/domain-rules.md`` §G; ``README.md`` beside this file is the long form.

Plain API (``datetime.date`` in and out, on the default calendar)::

    is_working_day(d) -> bool
    add_working_days(start, n) -> date     # start excluded; result always a working day
    add_calendar_days(start, n) -> date    # start + n, rolled forward off rest days
    add_months(start, n) -> date           # same day-of-month, clamped, rolled forward

Richer API, returning a :class:`Deadline` (``due``, ``provisional``,
``explanation``): :func:`compute`, :func:`latest_notice_date`,
:func:`per_party_deadlines`, :func:`clock_deadline`, :func:`add_hours`, and
:mod:`shared.calendar.catalogue` for named statutory periods.

Calendar data. Official yearly schedules come from the ``chinesecalendar``
package at runtime. Years it does not cover fall back to the statutory rules
(weekends plus the 13 holidays of 全国年节及纪念日放假办法, none moved, no 调休
make-up days) and every result touching them is ``provisional``. An operator
adds or replaces a year by dropping ``<year>.json`` into a directory and
calling ``set_default_calendar(load_calendar(override_dir=that_dir))`` at
startup. The file format::

    {
      "year": 2027,
      "source_doc_no": "国办发明电〔2026〕N号",
      "published_at": "2026-11-05",
      "holidays": [
        {"name": "元旦", "first": "2027-01-01", "last": "2027-01-03"},
        {"name": "春节", "first": "2027-02-05", "last": "2027-02-12"}
      ],
      "makeup_workdays": [
        {"name": "春节", "date": "2027-02-14"}
      ]
    }

(The dates above only illustrate the shape.) ``holidays`` are inclusive
ranges of 放假 days, including weekdays shifted into a break; ``last`` may be
omitted for a single day. ``makeup_workdays`` are the 调休 weekend days worked.
All dates must lie in ``year``; a file replaces the whole year.
"""

from shared.calendar.clock import PausableClock, Pause, PausePolicy, clock_deadline
from shared.calendar.counting import RollForward, compute
from shared.calendar.dates import add_calendar_days, add_months, add_working_days, is_working_day
from shared.calendar.deadline import SHANGHAI, DayNote, Deadline, Explanation
from shared.calendar.default import default_calendar, set_default_calendar
from shared.calendar.errors import (
    CalendarDataError,
    CalendarError,
    ClockError,
    PeriodError,
    PeriodNotConfiguredError,
    PeriodSyntaxError,
    UnitMismatchError,
    UnknownPeriodError,
)
from shared.calendar.hours import add_hours
from shared.calendar.notice import NoticeReading, is_notice_timely, latest_notice_date
from shared.calendar.parties import last_deadline, per_party_deadlines
from shared.calendar.periods import Period, Unit, parse_period
from shared.calendar.schedule import DayKind, DayStatus, ScheduleSource, YearSchedule
from shared.calendar.workcalendar import WorkCalendar, load_calendar

__all__ = [
    "SHANGHAI",
    "CalendarDataError",
    "CalendarError",
    "ClockError",
    "DayKind",
    "DayNote",
    "DayStatus",
    "Deadline",
    "Explanation",
    "NoticeReading",
    "PausableClock",
    "Pause",
    "PausePolicy",
    "Period",
    "PeriodError",
    "PeriodNotConfiguredError",
    "PeriodSyntaxError",
    "RollForward",
    "ScheduleSource",
    "Unit",
    "UnitMismatchError",
    "UnknownPeriodError",
    "WorkCalendar",
    "YearSchedule",
    "add_calendar_days",
    "add_hours",
    "add_months",
    "add_working_days",
    "clock_deadline",
    "compute",
    "default_calendar",
    "is_notice_timely",
    "is_working_day",
    "last_deadline",
    "latest_notice_date",
    "load_calendar",
    "parse_period",
    "per_party_deadlines",
    "set_default_calendar",
]
