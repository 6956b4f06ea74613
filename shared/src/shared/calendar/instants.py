"""Instants typed by people: a time without an offset is a local time in the office's zone.

Staff and operators think in Beijing time; reading ``2026-12-06T10:00`` as UTC would silently
shift it by eight hours, so a naive time is placed in the given zone (Asia/Shanghai by default).
"""

from __future__ import annotations

import datetime as dt

from shared.calendar.deadline import SHANGHAI


def parse_instant(text: str, zone: dt.tzinfo = SHANGHAI) -> dt.datetime:
    """An aware datetime from ISO 8601 ``text``; a date alone means its local midnight.

    Raises ValueError for text that is not ISO 8601.
    """
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO 8601 date or time (e.g. 2026-12-06T10:00)") from None
    return in_zone(moment, zone)


def in_zone(moment: dt.datetime, zone: dt.tzinfo = SHANGHAI) -> dt.datetime:
    """``moment`` unchanged if it carries an offset, else read as a wall-clock time in ``zone``."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)
