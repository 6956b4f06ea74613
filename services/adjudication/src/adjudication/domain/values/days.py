"""The calendar day legal periods count from."""

from __future__ import annotations

import datetime as dt

from shared.calendar import SHANGHAI


def local_date(moment: dt.datetime) -> dt.date:
    """The calendar day of ``moment`` in China Standard Time, the day legal periods count from."""
    return moment.astimezone(SHANGHAI).date()
