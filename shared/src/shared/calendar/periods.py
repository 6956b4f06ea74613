"""Periods: a length plus a unit, and the ``+15cd`` notation used by the CLI and config.

The unit matters legally (domain-rules §0.3): a "15 日" period under the Patent
Law is 15 calendar days, while a "5 日" period inside an administrative-penalty
procedure is 5 working days (APL art. 85; ACL art. 69). That is why the notation
has no bare ``d``: the writer must say ``cd`` or ``wd``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from shared.calendar.errors import PeriodSyntaxError


class Unit(StrEnum):
    """Unit of a statutory period; the value is its suffix in the ``+15cd`` notation."""

    CD = "cd"
    WD = "wd"
    MONTHS = "m"
    HOURS = "h"

    @property
    def label(self) -> str:
        """Plural English name, e.g. ``"calendar days"``."""
        return _LABELS[self]


_LABELS = {
    Unit.CD: "calendar days",
    Unit.WD: "working days",
    Unit.MONTHS: "months",
    Unit.HOURS: "hours",
}

_NOTATION = re.compile(r"^\+?(?P<length>\d+)\s*(?P<unit>cd|wd|m|h|y)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Period:
    """A statutory period such as 15 calendar days or 3 months.

    Years are stored as months (``Period(24, Unit.MONTHS)`` for 2 years): Civil
    Code art. 202 ends both on the corresponding day, so they count the same way.
    """

    length: int
    unit: Unit

    def __post_init__(self) -> None:
        if self.length < 0:
            raise PeriodSyntaxError(f"a period length cannot be negative: {self.length}")

    def __str__(self) -> str:
        return f"+{self.length}{self.unit.value}"

    def describe(self) -> str:
        """Human wording, e.g. ``"15 calendar days"`` or ``"1 working day"``."""
        label = self.unit.label
        return f"{self.length} {label[:-1] if self.length == 1 else label}"


def parse_period(text: str) -> Period:
    """Read a period written as ``+15cd``, ``+5wd``, ``+3m``, ``+24h`` (or ``+2y``).

    The leading ``+`` is optional and case is ignored. ``y`` is accepted for
    convenience and stored as twelve months per year.

    Raises:
        PeriodSyntaxError: for anything else, including a bare ``d`` (ambiguous
            between calendar and working days) and negative periods.
    """
    match = _NOTATION.match(text.strip())
    if match is None:
        raise PeriodSyntaxError(
            f"cannot read period {text!r}: write +<number><unit> with unit cd, wd, m, h or y, "
            "e.g. +15cd, +5wd, +3m, +24h"
        )
    length = int(match["length"])
    suffix = match["unit"].lower()
    if suffix == "y":
        return Period(length * 12, Unit.MONTHS)
    return Period(length, Unit(suffix))
