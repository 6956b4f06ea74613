"""Hour periods (trade-fair 24 h) on aware datetimes in Asia/Shanghai."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from shared.calendar import SHANGHAI, ClockError, UnitMismatchError, add_hours, compute, parse_period


def test_24_hours_run_through_a_holiday_without_rolling() -> None:
    start = datetime(2025, 10, 1, 9, 30, tzinfo=SHANGHAI)
    deadline = add_hours(start, 24)
    assert deadline.due_at == datetime(2025, 10, 2, 9, 30, tzinfo=SHANGHAI)
    assert deadline.due == date(2025, 10, 2)
    assert deadline.ends_at == deadline.due_at
    assert not deadline.provisional


def test_result_is_expressed_in_shanghai_time() -> None:
    start = datetime(2025, 10, 1, 20, 0, tzinfo=UTC)  # 04:00 on Oct 2 in Shanghai
    deadline = compute(start, parse_period("+24h"))
    assert deadline.due_at is not None
    assert deadline.due_at.utcoffset() == SHANGHAI.utcoffset(deadline.due_at)
    assert deadline.due_at.isoformat() == "2025-10-03T04:00:00+08:00"


def test_naive_datetime_is_rejected() -> None:
    with pytest.raises(ClockError, match="aware"):
        add_hours(datetime(2025, 10, 1, 9, 30), 24)


def test_hour_period_from_a_plain_date_is_rejected() -> None:
    with pytest.raises(UnitMismatchError):
        compute(date(2025, 10, 1), parse_period("+24h"))
