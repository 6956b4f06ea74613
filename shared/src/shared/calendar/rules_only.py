"""Rules-only fallback for a year whose holiday notice is not loaded yet.

全国年节及纪念日放假办法 (rev. 2024-11-10) art. 2 gives all citizens 13 days:
New Year (Jan 1), Spring Festival 4 days (lunar New Year's Eve and lunar
days 1–3), Qingming (the solar term), Labour Day (May 1–2), Dragon Boat
(lunar 5/5), Mid-Autumn (lunar 8/15) and National Day (Oct 1–3).

The real schedule also moves holidays that fall on weekends (art. 6) and adds
调休 make-up working days (art. 7), but those are policy choices of the yearly
notice. Here a holiday on a weekend is NOT moved and NO make-up day is invented
(§G.3 step 6); the schedule is marked rules-only, and deadlines computed on it
are provisional until the notice is loaded.

The lunar dates and the Qingming solar term come from ``lunar_python``. The
2024 rules are applied to any uncovered year, including years before 2025.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from lunar_python import Lunar

from shared.calendar.schedule import ScheduleSource, YearSchedule

RULES_INSTRUMENT: Final = "全国年节及纪念日放假办法 (2024 rev.) art. 2"


def rules_only_schedule(year: int) -> YearSchedule:
    """The statutory holidays of ``year`` as they fall (none moved), with no make-up working days."""
    return YearSchedule(
        year=year,
        holidays=statutory_holidays(year),
        makeup_workdays={},
        source=ScheduleSource.RULES_ONLY,
        data_version=RULES_INSTRUMENT,
    )


def statutory_holidays(year: int) -> dict[date, str]:
    """The 13 statutory holiday dates of ``year`` mapped to their names.

    When two holidays share a date (Mid-Autumn on Oct 1, say) the names are
    joined; the date is still one rest day and nothing is added in its place.
    """
    holidays: dict[date, str] = {}
    for day, name in _named_days(year):
        holidays[day] = f"{holidays[day]}/{name}" if day in holidays else name
    return holidays


def _named_days(year: int) -> list[tuple[date, str]]:
    new_year = _solar_of_lunar(year, 1, 1)
    return [
        (date(year, 1, 1), "元旦"),
        *((new_year + timedelta(days=offset), "春节") for offset in range(-1, 3)),
        (_qingming(year), "清明节"),
        (date(year, 5, 1), "劳动节"),
        (date(year, 5, 2), "劳动节"),
        (_solar_of_lunar(year, 5, 5), "端午节"),
        (_solar_of_lunar(year, 8, 15), "中秋节"),
        *((date(year, 10, day), "国庆节") for day in (1, 2, 3)),
    ]


def _solar_of_lunar(lunar_year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(lunar_year, month, day).getSolar()
    return date(int(solar.getYear()), int(solar.getMonth()), int(solar.getDay()))


def _qingming(year: int) -> date:
    # The jieqi table of the lunar year that starts in `year` holds that April's 清明.
    solar = Lunar.fromYmd(year, 1, 1).getJieQiTable()["清明"]
    return date(int(solar.getYear()), int(solar.getMonth()), int(solar.getDay()))
