"""Official yearly schedules, read at runtime from the ``chinesecalendar`` package.

``chinesecalendar`` transcribes each State Council General Office holiday
notice into two tables: 放假 days (``holidays``, including weekend days inside a
break) and 调休 working weekend days (``workdays``). We regroup them per year
and record the package version, so an explanation can say which data it used.

The package does not record notice numbers. Where domain-rules §G.1 names the
notice, :data:`KNOWN_NOTICES` adds it; other years say "not recorded" rather
than guess.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from importlib.metadata import version
from typing import Final

import chinese_calendar

from shared.calendar.schedule import ScheduleSource, YearSchedule

LIBRARY_DISTRIBUTION: Final = "chinesecalendar"


@dataclass(frozen=True, slots=True)
class NoticeReference:
    """Document number and publication date of one yearly holiday notice."""

    source_doc_no: str | None
    published_at: date


KNOWN_NOTICES: Final[Mapping[int, NoticeReference]] = {
    # domain-rules §G.1 [P]: 国办发明电〔2024〕12号, issued 2024-11-12.
    2025: NoticeReference("国办发明电〔2024〕12号", date(2024, 11, 12)),
    # domain-rules §G.1 [P]: issued 2025-11-04; the spec gives no document number.
    2026: NoticeReference(None, date(2025, 11, 4)),
}

# The package uses short names; we use the statute's names (放假办法 art. 2) everywhere.
_STATUTORY_NAMES: Final = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}


def library_version() -> str:
    """The installed ``chinesecalendar`` version, e.g. ``"chinesecalendar 1.11.0"``."""
    return f"{LIBRARY_DISTRIBUTION} {version(LIBRARY_DISTRIBUTION)}"


def library_schedules() -> dict[int, YearSchedule]:
    """Every year the installed ``chinesecalendar`` covers, as :class:`YearSchedule` objects."""
    holidays = _by_year(chinese_calendar.holidays)
    makeup = _by_year(chinese_calendar.workdays)
    data_version = library_version()
    return {
        year: _schedule(year, holidays[year], makeup.get(year, {}), data_version) for year in sorted(holidays)
    }


def _schedule(
    year: int, holidays: dict[date, str], makeup: dict[date, str], data_version: str
) -> YearSchedule:
    notice = KNOWN_NOTICES.get(year)
    return YearSchedule(
        year=year,
        holidays=holidays,
        makeup_workdays=makeup,
        source=ScheduleSource.LIBRARY,
        data_version=data_version,
        source_doc_no=notice.source_doc_no if notice else None,
        published_at=notice.published_at if notice else None,
    )


def _by_year(table: Mapping[date, str]) -> dict[int, dict[date, str]]:
    grouped: dict[int, dict[date, str]] = defaultdict(dict)
    for day, english_name in table.items():
        grouped[day.year][day] = _chinese_name(english_name)
    return grouped


def _chinese_name(english_name: str) -> str:
    chinese = str(chinese_calendar.Holiday(english_name).chinese)
    return _STATUTORY_NAMES.get(chinese, chinese)
