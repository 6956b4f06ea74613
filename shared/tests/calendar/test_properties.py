"""Property tests over the bundled calendar: official years 2004-2026 and rules-only years after."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from shared.calendar import (
    PausableClock,
    Pause,
    Period,
    Unit,
    WorkCalendar,
    clock_deadline,
    compute,
    is_notice_timely,
    latest_notice_date,
)
from shared.calendar.counting import (
    RollForward,
    count_calendar_days,
    count_months,
    count_working_days,
    roll_forward_from,
)
from shared.calendar.workcalendar import load_calendar

CALENDAR: WorkCalendar = load_calendar()
days = st.dates(min_value=date(2004, 1, 1), max_value=date(2030, 12, 31))
small = st.integers(min_value=0, max_value=60)
quick = settings(deadline=None, max_examples=60)


def wd(start: date, n: int) -> date:
    return count_working_days(CALENDAR, start, n).due


def cd(start: date, n: int) -> date:
    return count_calendar_days(CALENDAR, start, n, RollForward.REST_DAYS).due


def months(start: date, n: int) -> date:
    return count_months(CALENDAR, start, n, RollForward.REST_DAYS).due


@quick
@given(days, small)
def test_working_day_results_are_working_days(start: date, n: int) -> None:
    assert CALENDAR.is_working_day(wd(start, n))


@quick
@given(days, st.integers(min_value=1, max_value=60))
def test_working_day_results_lie_after_the_start_and_count_exactly_n(start: date, n: int) -> None:
    due = wd(start, n)
    assert due > start
    between = [start + timedelta(days=i) for i in range(1, (due - start).days + 1)]
    assert sum(CALENDAR.is_working_day(day) for day in between) == n


@quick
@given(days, small, st.integers(min_value=1, max_value=30))
def test_deadlines_never_move_backwards_as_n_grows(start: date, n: int, more: int) -> None:
    assert wd(start, n) <= wd(start, n + more)
    assert cd(start, n) <= cd(start, n + more)
    assert months(start, n % 37) <= months(start, n % 37 + more)


@quick
@given(days, small)
def test_calendar_day_results_are_working_days_not_before_the_nominal_end(start: date, n: int) -> None:
    due = cd(start, n)
    assert due >= start + timedelta(days=n)
    assert CALENDAR.is_working_day(due)


@quick
@given(days, st.sampled_from(list(RollForward)))
def test_rolling_forward_is_idempotent(day: date, policy: RollForward) -> None:
    once, _ = roll_forward_from(CALENDAR, day, policy)
    twice, skipped = roll_forward_from(CALENDAR, once, policy)
    assert twice == once
    assert skipped == []


@quick
@given(days, st.integers(min_value=0, max_value=10))
def test_latest_notice_date_is_the_exact_boundary(event: date, n: int) -> None:
    latest = latest_notice_date(event, n, calendar=CALENDAR).due
    assert is_notice_timely(latest, event, n, calendar=CALENDAR)
    assert not is_notice_timely(latest + timedelta(days=1), event, n, calendar=CALENDAR)


@quick
@given(days, st.integers(min_value=0, max_value=40), st.sampled_from([Unit.CD, Unit.WD, Unit.MONTHS]))
def test_an_unpaused_clock_equals_a_plain_computation(start: date, n: int, unit: Unit) -> None:
    period = Period(n, unit)
    deadline = clock_deadline(PausableClock(start, period), calendar=CALENDAR)
    assert deadline is not None
    assert deadline.due == compute(start, period, calendar=CALENDAR).due


@quick
@given(days, st.integers(min_value=1, max_value=40), st.integers(0, 30), st.integers(0, 30))
def test_a_pause_never_brings_the_deadline_forward(start: date, n: int, offset: int, length: int) -> None:
    pause = Pause(start + timedelta(days=offset), start + timedelta(days=offset + length))
    paused = clock_deadline(PausableClock(start, Period(n, Unit.WD), (pause,)), calendar=CALENDAR)
    unpaused = clock_deadline(PausableClock(start, Period(n, Unit.WD)), calendar=CALENDAR)
    assert paused is not None and unpaused is not None
    assert paused.due >= unpaused.due
