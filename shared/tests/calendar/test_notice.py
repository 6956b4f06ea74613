"""Hearing notices: "at least N working days before", conservative and lenient readings (§G.3 step 4)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.calendar import (
    NoticeReading,
    PeriodSyntaxError,
    WorkCalendar,
    is_notice_timely,
    latest_notice_date,
)

d = date.fromisoformat


def test_conservative_reading_needs_receipt_before_the_boundary(bundled: WorkCalendar) -> None:
    # Hearing Thu 2025-05-08, 3 WD: walking back counts May 7, May 6, then skips May 1-5,
    # then Apr 30 → boundary Wed Apr 30; latest receipt Tue Apr 29.
    deadline = latest_notice_date(d("2025-05-08"), 3, calendar=bundled)
    assert deadline.due == d("2025-04-29")
    assert [note.day for note in deadline.explanation.counted] == [
        d("2025-05-07"),
        d("2025-05-06"),
        d("2025-04-30"),
    ]
    assert {note.day for note in deadline.explanation.skipped} == {d(f"2025-05-0{i}") for i in range(1, 6)}


def test_lenient_reading_accepts_receipt_on_the_boundary(bundled: WorkCalendar) -> None:
    deadline = latest_notice_date(d("2025-05-08"), 3, reading=NoticeReading.LENIENT, calendar=bundled)
    assert deadline.due == d("2025-04-30")


def test_makeup_days_count_when_walking_back(bundled: WorkCalendar) -> None:
    # Hearing Fri 2025-10-10, 3 WD back: Oct 9, (skip Oct 1-8), Sep 30, Sep 29 → boundary Sep 29;
    # the latest conservative receipt is Sun Sep 28, itself a make-up working day.
    assert latest_notice_date(d("2025-10-10"), 3, calendar=bundled).due == d("2025-09-28")
    # With 4 WD the make-up Sunday is the boundary.
    assert latest_notice_date(d("2025-10-10"), 4, calendar=bundled).due == d("2025-09-27")


@pytest.mark.parametrize(
    ("received", "reading", "timely"),
    [
        ("2025-04-29", NoticeReading.CONSERVATIVE, True),
        ("2025-04-30", NoticeReading.CONSERVATIVE, False),
        ("2025-04-30", NoticeReading.LENIENT, True),
        ("2025-05-01", NoticeReading.LENIENT, False),
    ],
)
def test_is_notice_timely(bundled: WorkCalendar, received: str, reading: NoticeReading, timely: bool) -> None:
    assert is_notice_timely(d(received), d("2025-05-08"), 3, reading=reading, calendar=bundled) is timely


def test_negative_notice_period_is_rejected(bundled: WorkCalendar) -> None:
    with pytest.raises(PeriodSyntaxError):
        latest_notice_date(d("2025-05-08"), -1, calendar=bundled)
