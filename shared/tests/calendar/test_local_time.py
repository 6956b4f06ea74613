"""Instants to legal days and back, in Asia/Shanghai whatever the instant's own zone."""

from __future__ import annotations

from datetime import UTC, date, datetime

from shared.calendar import SHANGHAI
from shared.calendar.local_time import end_of_day, local_date


def test_an_instant_falls_on_its_day_in_shanghai() -> None:
    assert local_date(datetime(2026, 3, 1, 16, 30, tzinfo=UTC)) == date(2026, 3, 2)
    assert local_date(datetime(2026, 3, 1, 15, 59, tzinfo=UTC)) == date(2026, 3, 1)


def test_a_day_ends_at_the_next_midnight_in_shanghai() -> None:
    end = end_of_day(date(2026, 3, 2))
    assert end == datetime(2026, 3, 3, tzinfo=SHANGHAI)
    assert local_date(end) == date(2026, 3, 3)
    assert end.astimezone(UTC) == datetime(2026, 3, 2, 16, 0, tzinfo=UTC)
