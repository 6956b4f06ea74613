"""Dates as the law counts them: in China Standard Time, a day ending at 24:00 (Civil Code art. 203)."""

from __future__ import annotations

import datetime as dt

from shared.calendar import SHANGHAI

__all__ = ["SHANGHAI", "end_of", "local_date"]


def local_date(moment: dt.datetime) -> dt.date:
    return moment.astimezone(SHANGHAI).date()


def end_of(day: dt.date) -> dt.datetime:
    """The moment a day-deadline runs out: 24:00 of ``day`` in Asia/Shanghai."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(), tzinfo=SHANGHAI)
