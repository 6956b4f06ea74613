"""The working-day calendar: per-year schedules plus the weekend rule.

Definitions (domain-rules §G.3):

* ``is_rest_day(d) = holiday(d) or (d is Sat/Sun and not makeup_workday(d))``
* ``is_working_day(d) = not is_rest_day(d)``

Saturdays and Sundays are the weekly rest days of state organs (国务院关于职工
工作时间的规定 art. 7). Years with no loaded notice fall back to the statutory
rules (:mod:`shared.calendar.rules_only`) and are flagged provisional.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path

from shared.calendar.official import library_schedules
from shared.calendar.override_files import read_schedule_dir
from shared.calendar.rules_only import rules_only_schedule
from shared.calendar.schedule import DayKind, DayStatus, YearSchedule

_SATURDAY = 5


class WorkCalendar:
    """Answers "is this a working day, and why?" for any date.

    Built from official schedules keyed by year; any other year is computed
    from the statutory rules on first use and cached. Instances are cheap to
    build in tests from hand-written :class:`YearSchedule` objects.
    """

    def __init__(self, schedules: Mapping[int, YearSchedule]) -> None:
        self._official = dict(schedules)
        self._rules_only: dict[int, YearSchedule] = {}

    @property
    def official_years(self) -> frozenset[int]:
        """Years backed by a notice (library or operator file)."""
        return frozenset(self._official)

    def schedule(self, year: int) -> YearSchedule:
        """The schedule used for ``year``: official if loaded, rules-only otherwise."""
        if year in self._official:
            return self._official[year]
        if year not in self._rules_only:
            self._rules_only[year] = rules_only_schedule(year)
        return self._rules_only[year]

    def status(self, day: date) -> DayStatus:
        """Classify ``day`` as working, weekend, holiday or 调休 make-up working day."""
        schedule = self.schedule(day.year)
        provisional = schedule.provisional
        if day in schedule.holidays:
            return DayStatus(day, DayKind.HOLIDAY, schedule.holidays[day], provisional)
        if day in schedule.makeup_workdays:
            return DayStatus(day, DayKind.MAKEUP, schedule.makeup_workdays[day], provisional)
        kind = DayKind.WEEKEND if day.weekday() >= _SATURDAY else DayKind.WORKING
        return DayStatus(day, kind, None, provisional)

    def is_working_day(self, day: date) -> bool:
        """True unless ``day`` is a holiday or a weekend day that is not a make-up day."""
        return self.status(day).is_working_day

    def provisional_years(self, first: date, last: date) -> list[YearSchedule]:
        """Rules-only schedules of the years touched by ``first``..``last`` (inclusive)."""
        years = range(min(first, last).year, max(first, last).year + 1)
        return [self.schedule(year) for year in years if self.schedule(year).provisional]


def load_calendar(override_dir: Path | None = None) -> WorkCalendar:
    """Build a calendar from the bundled ``chinesecalendar`` data plus operator files.

    Args:
        override_dir: directory of ``<year>.json`` files (format in the package
            docstring). A file replaces the library's data for its year. The
            caller passes it from its settings; this library reads no
            environment variables.

    Raises:
        CalendarDataError: if the directory is missing or a file is malformed.
    """
    schedules = library_schedules()
    if override_dir is not None:
        schedules.update(read_schedule_dir(override_dir))
    return WorkCalendar(schedules)
