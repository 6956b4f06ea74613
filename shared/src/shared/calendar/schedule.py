"""One year's holiday arrangement, and the status of a single day.

A :class:`YearSchedule` holds what the State Council General Office notice for
that year says (domain-rules §G.1, §G.3 step 6):

* ``holidays``: the 放假 days, including weekdays shifted into a break and the
  weekend days inside it;
* ``makeup_workdays``: the 调休 weekend days that become working days.

A schedule built from the statute alone (no notice yet) says so through
``source``; every deadline computed on it is provisional.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType

from shared.calendar.errors import CalendarDataError


class ScheduleSource(StrEnum):
    """Where a year's schedule came from."""

    LIBRARY = "library"
    """The ``chinesecalendar`` package, which transcribes the yearly notices."""
    OPERATOR_FILE = "operator_file"
    """A JSON file an operator dropped into the configured calendar directory."""
    RULES_ONLY = "rules_only"
    """No notice loaded: weekends plus the statutory holidays, nothing moved, no 调休."""


@dataclass(frozen=True, slots=True)
class YearSchedule:
    """The holidays and make-up working days of one calendar year, with their provenance.

    ``source_doc_no`` and ``published_at`` identify the notice; they are ``None``
    when the data source does not record them. ``data_version`` says exactly what
    produced the data (e.g. ``"chinesecalendar 1.11.0"`` or a file path).
    """

    year: int
    holidays: Mapping[date, str]
    makeup_workdays: Mapping[date, str]
    source: ScheduleSource
    data_version: str
    source_doc_no: str | None = None
    published_at: date | None = None

    def __post_init__(self) -> None:
        _check_dates_in_year(self.year, self.holidays, "holiday")
        _check_dates_in_year(self.year, self.makeup_workdays, "make-up working day")
        both = sorted(set(self.holidays) & set(self.makeup_workdays))
        if both:
            raise CalendarDataError(f"{self.year}: {both[0]} is both a holiday and a make-up working day")
        if self.source is ScheduleSource.RULES_ONLY and self.makeup_workdays:
            raise CalendarDataError(f"{self.year}: a rules-only schedule cannot have make-up working days")
        object.__setattr__(self, "holidays", MappingProxyType(dict(self.holidays)))
        object.__setattr__(self, "makeup_workdays", MappingProxyType(dict(self.makeup_workdays)))

    @property
    def provisional(self) -> bool:
        """True when no official notice backs this year (rules-only fallback)."""
        return self.source is ScheduleSource.RULES_ONLY

    def describe(self) -> str:
        """One line naming the source, e.g. for a deadline's explanation."""
        if self.provisional:
            return f"{self.year}: no notice loaded, rules only ({self.data_version})"
        notice = self.source_doc_no or "notice number not recorded"
        published = f", published {self.published_at.isoformat()}" if self.published_at else ""
        return f"{self.year}: {notice}{published} (data: {self.data_version})"


def _check_dates_in_year(year: int, days: Mapping[date, str], what: str) -> None:
    stray = sorted(day for day in days if day.year != year)
    if stray:
        raise CalendarDataError(f"{year}: {what} {stray[0]} lies outside the year")


class DayKind(StrEnum):
    """What kind of day a date is, for counting purposes."""

    WORKING = "working day"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP = "调休 make-up working day"


@dataclass(frozen=True, slots=True)
class DayStatus:
    """The status of one date, with the holiday it belongs to and whether it is provisional."""

    day: date
    kind: DayKind
    holiday_name: str | None = None
    provisional: bool = False

    @property
    def is_working_day(self) -> bool:
        """True for ordinary working days and 调休 make-up days (§G.3 definitions)."""
        return self.kind in (DayKind.WORKING, DayKind.MAKEUP)

    @property
    def reason(self) -> str:
        """Why the day is what it is, e.g. ``"国庆节 holiday"`` or ``"weekend"``."""
        if self.kind is DayKind.HOLIDAY:
            return f"{self.holiday_name} holiday"
        if self.kind is DayKind.MAKEUP:
            return f"{self.kind.value} ({self.holiday_name})"
        return self.kind.value
