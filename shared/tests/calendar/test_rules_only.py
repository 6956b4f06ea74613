"""Rules-only fallback: statutory holidays only, nothing moved, no invented 调休, always provisional."""

from __future__ import annotations

from datetime import date

import pytest

from shared.calendar import DayKind, ScheduleSource, WorkCalendar, compute, parse_period
from shared.calendar.rules_only import rules_only_schedule, statutory_holidays

d = date.fromisoformat


def test_2027_has_the_thirteen_statutory_days() -> None:
    holidays = statutory_holidays(2027)
    assert len(holidays) == 13
    assert {day for day, name in holidays.items() if name == "春节"} == {
        d("2027-02-05"),  # lunar New Year's Eve
        d("2027-02-06"),
        d("2027-02-07"),
        d("2027-02-08"),
    }
    assert holidays[d("2027-01-01")] == "元旦"
    assert holidays[d("2027-04-05")] == "清明节"
    assert holidays[d("2027-06-09")] == "端午节"
    assert holidays[d("2027-09-15")] == "中秋节"
    assert [holidays[d(f"2027-10-0{i}")] for i in (1, 2, 3)] == ["国庆节"] * 3


@pytest.mark.parametrize("year", [2025, 2026])
def test_every_statutory_day_is_off_in_the_official_notice(bundled: WorkCalendar, year: int) -> None:
    """Cross-check of the lunar and solar-term arithmetic against two real notices."""
    official = bundled.schedule(year).holidays
    assert set(statutory_holidays(year)) <= set(official)


def test_rules_only_invents_no_makeup_day_and_moves_no_weekend_holiday() -> None:
    schedule = rules_only_schedule(2027)
    assert schedule.makeup_workdays == {}
    assert schedule.source is ScheduleSource.RULES_ONLY
    # 2027-10-02/03 are Saturday/Sunday: they stay holidays and no weekday is added after them.
    assert d("2027-10-04") not in schedule.holidays
    assert d("2027-10-02").weekday() == 5


def test_a_year_without_a_notice_is_provisional(bundled: WorkCalendar) -> None:
    assert 2027 not in bundled.official_years
    status = bundled.status(d("2027-10-01"))
    assert status.kind is DayKind.HOLIDAY
    assert status.provisional


def test_deadlines_on_a_rules_only_year_are_marked_provisional(bundled: WorkCalendar) -> None:
    deadline = compute(d("2027-09-16"), parse_period("+15cd"), calendar=bundled)
    assert deadline.provisional
    assert deadline.due == d("2027-10-04")
    assert any("no notice loaded" in note for note in deadline.explanation.notes)


def test_deadlines_inside_official_years_are_not_provisional(bundled: WorkCalendar) -> None:
    assert not compute(d("2026-12-01"), parse_period("+15cd"), calendar=bundled).provisional


def test_a_deadline_crossing_into_a_rules_only_year_is_provisional(bundled: WorkCalendar) -> None:
    deadline = compute(d("2026-12-20"), parse_period("+15cd"), calendar=bundled)
    assert deadline.provisional


def test_shared_date_gets_both_names() -> None:
    # 2020: Mid-Autumn fell on National Day (lunar 8/15 = Oct 1).
    assert statutory_holidays(2020)[date(2020, 10, 1)] == "中秋节/国庆节"
