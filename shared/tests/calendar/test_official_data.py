"""The chinesecalendar data against the notices transcribed in domain-rules §G.1."""

from __future__ import annotations

from datetime import date, timedelta
from importlib.metadata import version

import pytest

from shared.calendar import ScheduleSource, WorkCalendar

d = date.fromisoformat


def _days(first: str, last: str) -> set[date]:
    start, end = d(first), d(last)
    return {start + timedelta(days=i) for i in range((end - start).days + 1)}


def _union(*ranges: tuple[str, str]) -> set[date]:
    return set().union(*(_days(first, last) for first, last in ranges))


# §G.1 tables: "off" ranges and "makeup working days".
NOTICE_2025_OFF = _union(
    ("2025-01-01", "2025-01-01"),
    ("2025-01-28", "2025-02-04"),
    ("2025-04-04", "2025-04-06"),
    ("2025-05-01", "2025-05-05"),
    ("2025-05-31", "2025-06-02"),
    ("2025-10-01", "2025-10-08"),
)
NOTICE_2025_MAKEUP = {d("2025-01-26"), d("2025-02-08"), d("2025-04-27"), d("2025-09-28"), d("2025-10-11")}
NOTICE_2026_OFF = _union(
    ("2026-01-01", "2026-01-03"),
    ("2026-02-15", "2026-02-23"),
    ("2026-04-04", "2026-04-06"),
    ("2026-05-01", "2026-05-05"),
    ("2026-06-19", "2026-06-21"),
    ("2026-09-25", "2026-09-27"),
    ("2026-10-01", "2026-10-07"),
)
NOTICE_2026_MAKEUP = {
    d("2026-01-04"),
    d("2026-02-14"),
    d("2026-02-28"),
    d("2026-05-09"),
    d("2026-09-20"),
    d("2026-10-10"),
}


@pytest.mark.parametrize(
    ("year", "off", "makeup"),
    [(2025, NOTICE_2025_OFF, NOTICE_2025_MAKEUP), (2026, NOTICE_2026_OFF, NOTICE_2026_MAKEUP)],
    ids=["2025", "2026"],
)
def test_library_schedule_matches_the_notice_tables(
    bundled: WorkCalendar, year: int, off: set[date], makeup: set[date]
) -> None:
    schedule = bundled.schedule(year)
    assert set(schedule.holidays) == off
    assert set(schedule.makeup_workdays) == makeup


def test_library_years_record_their_source_and_library_version(bundled: WorkCalendar) -> None:
    schedule = bundled.schedule(2025)
    assert schedule.source is ScheduleSource.LIBRARY
    assert schedule.data_version == f"chinesecalendar {version('chinesecalendar')}"
    assert schedule.source_doc_no == "国办发明电〔2024〕12号"
    assert schedule.published_at == d("2024-11-12")
    assert bundled.schedule(2026).published_at == d("2025-11-04")


def test_years_without_a_known_notice_number_say_so(bundled: WorkCalendar) -> None:
    schedule = bundled.schedule(2024)
    assert schedule.source_doc_no is None
    assert "notice number not recorded" in schedule.describe()


def test_holiday_names_use_the_statute_wording(bundled: WorkCalendar) -> None:
    assert bundled.status(d("2025-10-06")).reason == "中秋节 holiday"
    assert bundled.status(d("2025-10-01")).reason == "国庆节 holiday"
    assert bundled.status(d("2025-05-31")).reason == "端午节 holiday"


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2025-09-28", True),  # Sunday make-up day
        ("2025-10-11", True),  # Saturday make-up day
        ("2025-10-08", False),  # Wednesday inside the break
        ("2025-10-12", False),  # ordinary Sunday
        ("2025-10-09", True),  # ordinary Thursday
    ],
)
def test_is_working_day_follows_the_notice(bundled: WorkCalendar, day: str, working: bool) -> None:
    assert bundled.is_working_day(d(day)) is working
