"""Checks on the days a step names: none in the future, none before what it follows.

Days are counted in China (§G.3 step 7): a step taken at 01:00 on 2 March Beijing time happened
on 2 March, even though it was still 1 March in UTC.
"""

from __future__ import annotations

import datetime as dt

from credit.domain.errors import invalid
from credit.domain.vocabulary import CHINA


def day_of(moment: dt.datetime) -> dt.date:
    return moment.astimezone(CHINA).date()


def not_after(day: dt.date, today: dt.date, field: str) -> None:
    if day > today:
        raise invalid(field, "date_in_future", f"{day} is in the future", f"{day} 晚于今日")


def not_before(day: dt.date, earliest: dt.date, field: str, what: tuple[str, str]) -> None:
    """``what`` names the earlier event in English and Chinese, e.g. ("the listing decision", "列入决定")."""
    if day < earliest:
        raise invalid(
            field,
            "date_too_early",
            f"{day} is before {what[0]} ({earliest})",
            f"{day} 早于{what[1]}（{earliest}）",
        )
