"""Days as the law counts them: in China Standard Time, each ending at 24:00 (Civil Code art. 203).

An instant (a signature, a ruling, a timer firing) falls on the day it has in Asia/Shanghai, and a
day-deadline runs out at the midnight that ends that day there, whatever the server's zone.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from shared.calendar.deadline import SHANGHAI


def local_date(moment: datetime) -> date:
    """The day ``moment`` (timezone-aware) falls on in Asia/Shanghai."""
    return moment.astimezone(SHANGHAI).date()


def end_of_day(day: date) -> datetime:
    """The moment ``day`` runs out: 24:00 of it in Asia/Shanghai (00:00 of the next day)."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=SHANGHAI)
