"""Pausable clocks and the two pause policies of §G.3 step 5 (Open Question 8)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.calendar import (
    ClockError,
    PausableClock,
    Pause,
    PausePolicy,
    UnitMismatchError,
    WorkCalendar,
    clock_deadline,
    compute,
    parse_period,
)

d = date.fromisoformat
EXTEND = PausePolicy.EXTEND_BY_PAUSED_CALENDAR_DAYS
RECOMPUTE = PausePolicy.RECOMPUTE_FROM_REMAINING
APPRAISAL = Pause(d("2025-04-01"), d("2025-04-11"), "appraisal")


def test_unpaused_clock_matches_a_plain_computation(bundled: WorkCalendar) -> None:
    clock = PausableClock(d("2025-07-01"), parse_period("+3m"))
    deadline = clock_deadline(clock, calendar=bundled)
    assert deadline is not None
    assert (
        deadline.due == compute(d("2025-07-01"), parse_period("+3m"), calendar=bundled).due == d("2025-10-09")
    )


@pytest.mark.parametrize("policy", [EXTEND, RECOMPUTE])
def test_month_clock_is_extended_by_the_paused_days(bundled: WorkCalendar, policy: PausePolicy) -> None:
    # 2025-03-03 + 3 months = Tue 2025-06-03; appraisal paused [Apr 1, Apr 11) = 10 days → Fri Jun 13.
    clock = PausableClock(
        d("2025-03-03"), parse_period("+3m"), (Pause(d("2025-04-01"), d("2025-04-11"), "appraisal"),)
    )
    deadline = clock_deadline(clock, policy=policy, calendar=bundled)
    assert deadline is not None
    assert deadline.due == d("2025-06-13")
    assert any("appraisal" in note for note in deadline.explanation.notes)


def test_policies_differ_for_working_day_periods(bundled: WorkCalendar) -> None:
    # 10 WD from Mon 2025-09-22 ends on the make-up Saturday Oct 11. Paused [Sep 29, Oct 1).
    clock = PausableClock(d("2025-09-22"), parse_period("+10wd"), (Pause(d("2025-09-29"), d("2025-10-01")),))
    extended = clock_deadline(clock, policy=EXTEND, calendar=bundled)
    recomputed = clock_deadline(clock, policy=RECOMPUTE, calendar=bundled)
    assert extended is not None and recomputed is not None
    # Extend: Oct 11 + 2 calendar days = Mon Oct 13.
    assert extended.due == d("2025-10-13")
    # Recompute: 5 WD remained (Sep 29, 30, Oct 9, 10, 11), counted again from Oct 1 → Tue Oct 14.
    assert recomputed.due == d("2025-10-14")
    assert any("5 working days remained" in note for note in recomputed.explanation.notes)


def test_an_open_pause_means_no_due_date_yet(bundled: WorkCalendar) -> None:
    clock = PausableClock(d("2025-03-03"), parse_period("+3m")).pause(d("2025-04-01"), "suspension")
    assert clock.paused
    assert clock_deadline(clock, calendar=bundled) is None


def test_resume_gives_the_same_result_as_a_closed_pause(bundled: WorkCalendar) -> None:
    clock = PausableClock(d("2025-03-03"), parse_period("+3m"))
    resumed = clock.pause(d("2025-04-01"), "appraisal").resume(d("2025-04-11"))
    closed = PausableClock(
        d("2025-03-03"), parse_period("+3m"), (Pause(d("2025-04-01"), d("2025-04-11"), "appraisal"),)
    )
    assert resumed == closed
    assert not resumed.paused


def test_a_pause_after_the_clock_ran_out_has_no_effect(bundled: WorkCalendar) -> None:
    clock = PausableClock(d("2025-03-03"), parse_period("+15cd"), (Pause(d("2025-05-01")),))
    deadline = clock_deadline(clock, calendar=bundled)
    assert deadline is not None
    assert deadline.due == d("2025-03-18")
    assert any("no effect" in note for note in deadline.explanation.notes)


def test_a_rules_only_year_makes_the_clock_provisional(bundled: WorkCalendar) -> None:
    clock = PausableClock(d("2026-11-02"), parse_period("+3m"))
    deadline = clock_deadline(clock, calendar=bundled)
    assert deadline is not None and deadline.provisional


@pytest.mark.parametrize(
    "pauses",
    [
        (Pause(d("2025-04-01"), d("2025-04-11")), Pause(d("2025-04-05"), d("2025-04-20"))),
        (Pause(d("2025-04-01")), Pause(d("2025-04-05"), d("2025-04-20"))),
        (Pause(d("2025-02-01"), d("2025-02-05")),),
    ],
    ids=["overlapping", "open-pause-not-last", "before-clock-start"],
)
def test_inconsistent_pauses_are_rejected(pauses: tuple[Pause, ...]) -> None:
    with pytest.raises(ClockError):
        PausableClock(d("2025-03-03"), parse_period("+3m"), pauses)


def test_pause_that_ends_before_it_starts_is_rejected() -> None:
    with pytest.raises(ClockError):
        Pause(d("2025-04-10"), d("2025-04-01"))


def test_pausing_twice_or_resuming_a_running_clock_is_rejected() -> None:
    clock = PausableClock(d("2025-03-03"), parse_period("+3m"))
    with pytest.raises(ClockError):
        clock.resume(d("2025-04-01"))
    with pytest.raises(ClockError):
        clock.pause(d("2025-04-01")).pause(d("2025-04-02"))


def test_hour_clocks_are_not_supported() -> None:
    with pytest.raises(UnitMismatchError):
        PausableClock(d("2025-03-03"), parse_period("+24h"))
