"""The +15cd notation and the Period value."""

from __future__ import annotations

import pytest

from shared.calendar import Period, PeriodSyntaxError, Unit, parse_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+15cd", Period(15, Unit.CD)),
        ("+5wd", Period(5, Unit.WD)),
        ("+3m", Period(3, Unit.MONTHS)),
        ("+24h", Period(24, Unit.HOURS)),
        ("+2y", Period(24, Unit.MONTHS)),
        ("15CD", Period(15, Unit.CD)),
        (" +0wd ", Period(0, Unit.WD)),
    ],
)
def test_parse_period_reads_the_notation(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["+15d", "-3wd", "15", "+cd", "+1.5m", "", "+15 days"])
def test_parse_period_rejects_anything_else(text: str) -> None:
    with pytest.raises(PeriodSyntaxError, match="cannot read period"):
        parse_period(text)


def test_bare_d_is_rejected_because_it_hides_the_unit() -> None:
    with pytest.raises(ValueError, match="cd, wd"):
        parse_period("+5d")


def test_period_round_trips_and_describes_itself() -> None:
    period = parse_period("+5wd")
    assert parse_period(str(period)) == period
    assert period.describe() == "5 working days"
    assert Period(1, Unit.MONTHS).describe() == "1 month"


def test_negative_period_is_rejected() -> None:
    with pytest.raises(PeriodSyntaxError):
        Period(-1, Unit.CD)
