"""Counting rules of domain-rules §G.2–G.3, including the four worked examples."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shared.calendar import (
    SHANGHAI,
    PeriodSyntaxError,
    RollForward,
    WorkCalendar,
    add_calendar_days,
    add_months,
    add_working_days,
    compute,
    is_working_day,
    parse_period,
)
from shared.calendar.counting import shift_months

d = date.fromisoformat


def test_example_1_cd_period_rolls_forward_out_of_the_national_day_break() -> None:
    assert add_calendar_days(d("2025-09-16"), 15) == d("2025-10-09")


def test_example_1_explanation_names_the_skipped_holidays(bundled: WorkCalendar) -> None:
    deadline = compute(d("2025-09-16"), parse_period("+15cd"), calendar=bundled)
    skipped = {note.day: note.reason for note in deadline.explanation.skipped}
    assert sorted(skipped) == [d(f"2025-10-0{i}") for i in range(1, 9)]
    assert skipped[d("2025-10-01")] == "国庆节 holiday"
    assert not deadline.provisional


def test_example_2_cd_period_ending_on_a_makeup_saturday_stays_there() -> None:
    assert add_calendar_days(d("2025-09-26"), 15) == d("2025-10-11")


def test_example_3_wd_period_across_the_break_counts_the_makeup_sunday(bundled: WorkCalendar) -> None:
    deadline = compute(d("2025-09-26"), parse_period("+5wd"), calendar=bundled)
    assert deadline.due == d("2025-10-10")
    counted = [note.day for note in deadline.explanation.counted]
    assert counted == [d("2025-09-28"), d("2025-09-29"), d("2025-09-30"), d("2025-10-09"), d("2025-10-10")]
    assert deadline.explanation.counted[0].reason == "调休 make-up working day (国庆节) counts"


def test_example_4_wd_period_around_labour_day() -> None:
    assert add_working_days(d("2025-04-28"), 5) == d("2025-05-08")


def test_start_day_is_excluded() -> None:
    # Monday + 1 WD is Tuesday, not Monday; Monday + 1 CD is Tuesday.
    assert add_working_days(d("2025-06-09"), 1) == d("2025-06-10")
    assert add_calendar_days(d("2025-06-09"), 1) == d("2025-06-10")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        ("2025-01-31", 1, "2025-02-28"),  # no Feb 31: last day of February
        ("2024-01-31", 1, "2024-02-29"),  # leap year
        ("2025-03-31", 1, "2025-04-30"),
        ("2025-08-31", 6, "2026-02-28"),
        ("2025-11-15", 3, "2026-02-15"),
        ("2025-06-16", -6, "2024-12-16"),
    ],
)
def test_shift_months_clamps_to_month_end(start: str, months: int, expected: str) -> None:
    assert shift_months(d(start), months) == d(expected)


def test_month_period_clamped_then_rolled_forward() -> None:
    # 2025-05-31 + 1 month = 2025-06-30 (Mon, working): clamp only.
    assert add_months(d("2025-05-31"), 1) == d("2025-06-30")
    # 2025-07-31 + 2 months = 2025-09-30 (Tue, working).
    assert add_months(d("2025-07-31"), 2) == d("2025-09-30")
    # 2025-08-31 + 1 month = 2025-09-30; 2025-09-01 + 1 month = 2025-10-01 → holiday → 2025-10-09.
    assert add_months(d("2025-09-01"), 1) == d("2025-10-09")


def test_month_clamp_is_explained(bundled: WorkCalendar) -> None:
    deadline = compute(d("2025-01-31"), parse_period("+1m"), calendar=bundled)
    assert deadline.due == d("2025-02-28")
    assert any("Civil Code art. 202" in note for note in deadline.explanation.notes)


def test_cd_period_ending_on_an_ordinary_weekend_rolls_to_monday() -> None:
    # 2025-06-05 (Thu) + 2 = Sat 2025-06-07 → Mon 2025-06-09.
    assert add_calendar_days(d("2025-06-05"), 2) == d("2025-06-09")


def test_holidays_only_policy_keeps_an_ordinary_weekend_last_day(bundled: WorkCalendar) -> None:
    deadline = compute(
        d("2025-06-05"), parse_period("+2cd"), calendar=bundled, roll_forward=RollForward.HOLIDAYS_ONLY
    )
    assert deadline.due == d("2025-06-07")
    assert any("keeps it" in note for note in deadline.explanation.notes)


def test_holidays_only_policy_still_rolls_out_of_a_holiday_break(bundled: WorkCalendar) -> None:
    deadline = compute(
        d("2025-09-16"), parse_period("+15cd"), calendar=bundled, roll_forward=RollForward.HOLIDAYS_ONLY
    )
    assert deadline.due == d("2025-10-09")


def test_makeup_saturday_counts_as_a_working_day() -> None:
    assert is_working_day(d("2025-10-11"))
    # Fri 2025-10-10 + 1 WD = the make-up Saturday 2025-10-11.
    assert add_working_days(d("2025-10-10"), 1) == d("2025-10-11")


def test_zero_working_days_from_a_rest_day_is_the_next_working_day() -> None:
    assert add_working_days(d("2025-10-03"), 0) == d("2025-10-09")
    assert add_working_days(d("2025-10-09"), 0) == d("2025-10-09")


def test_zero_calendar_days_rolls_forward_only() -> None:
    assert add_calendar_days(d("2025-10-09"), 0) == d("2025-10-09")
    assert add_calendar_days(d("2025-10-05"), 0) == d("2025-10-09")


def test_negative_lengths_are_rejected() -> None:
    with pytest.raises(PeriodSyntaxError):
        add_working_days(d("2025-10-09"), -1)
    with pytest.raises(PeriodSyntaxError):
        add_months(d("2025-10-09"), -1)


def test_a_datetime_start_counts_from_its_shanghai_date(bundled: WorkCalendar) -> None:
    # 17:00 UTC on Sep 15 is already Sep 16 in Shanghai: example 1, not Sep 15 + 15 = Sep 30.
    start = datetime(2025, 9, 15, 17, 0, tzinfo=UTC)
    assert compute(start, parse_period("+15cd"), calendar=bundled).due == d("2025-10-09")


def test_rendered_explanation_lists_rule_skips_and_source(bundled: WorkCalendar) -> None:
    text = compute(d("2025-09-16"), parse_period("+15cd"), calendar=bundled).render()
    assert text.startswith("due: 2025-10-09 (Thu)\nprovisional: no\nrule: ")
    assert "skipped: 2025-10-06 (Mon) 中秋节 holiday" in text
    assert "国办发明电〔2024〕12号" in text


def test_deadline_ends_at_midnight_shanghai(bundled: WorkCalendar) -> None:
    deadline = compute(d("2025-09-16"), parse_period("+15cd"), calendar=bundled)
    assert deadline.ends_at == datetime(2025, 10, 10, 0, 0, tzinfo=SHANGHAI)
