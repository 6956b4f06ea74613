""" "At least N working days before" rules, e.g. hearing notices (domain-rules §G.3 step 4).

Walk backwards N working days from the hearing, not counting the hearing day;
call the day reached ``b``. Two readings exist:

* :attr:`NoticeReading.CONSERVATIVE` (default): the party must learn of the
  hearing *before* ``b``, so N full working days lie strictly between notice
  and hearing. The latest acceptable receipt is the day before ``b``.
* :attr:`NoticeReading.LENIENT`: receipt *on* ``b`` is enough.

The hearing-notice period itself is [U] (专利行政执法办法 art. 14), so callers
should warn rather than hard-block unless the catalogue entry is verified.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from shared.calendar.counting import finish
from shared.calendar.deadline import DayNote, Deadline, format_day
from shared.calendar.default import resolve_calendar
from shared.calendar.errors import PeriodSyntaxError
from shared.calendar.workcalendar import WorkCalendar


class NoticeReading(StrEnum):
    """How to read "notice at least N working days before" (§G.3 step 4)."""

    CONSERVATIVE = "conservative"
    """N full working days strictly between receipt and the event (default)."""
    LENIENT = "lenient"
    """Receipt on the N-th working day before the event is still in time."""


def latest_notice_date(
    event: date,
    working_days: int,
    *,
    reading: NoticeReading = NoticeReading.CONSERVATIVE,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """Latest day a party may receive notice of ``event`` (e.g. a hearing) and still be in time.

    The result's ``due`` is that day; it need not be a working day (receipt on
    a Sunday before ``b`` still leaves N working days). ``counted`` lists the N
    working days walked back over.
    """
    if working_days < 0:
        raise PeriodSyntaxError(f"a period length cannot be negative: {working_days}")
    cal = resolve_calendar(calendar)
    boundary, counted, skipped = _walk_back(cal, event, working_days)
    latest = boundary - timedelta(days=1) if reading is NoticeReading.CONSERVATIVE else boundary
    rule = (
        f"notice at least {working_days} working days before {format_day(event)} (event day not counted): "
        f"walking back reaches {format_day(boundary)}; {reading} reading, latest receipt {format_day(latest)}"
    )
    note = _reading_note(reading, boundary)
    return finish(
        cal, span=(latest, event), due=latest, rule=rule, counted=counted, skipped=skipped, notes=(note,)
    )


def is_notice_timely(
    received: date,
    event: date,
    working_days: int,
    *,
    reading: NoticeReading = NoticeReading.CONSERVATIVE,
    calendar: WorkCalendar | None = None,
) -> bool:
    """True if notice received on ``received`` satisfies "at least N working days before ``event``"."""
    return received <= latest_notice_date(event, working_days, reading=reading, calendar=calendar).due


def _walk_back(cal: WorkCalendar, event: date, n: int) -> tuple[date, list[DayNote], list[DayNote]]:
    day = event
    counted: list[DayNote] = []
    skipped: list[DayNote] = []
    while len(counted) < n:
        day -= timedelta(days=1)
        status = cal.status(day)
        (counted if status.is_working_day else skipped).append(DayNote(day, status.reason))
    return day, counted, skipped


def _reading_note(reading: NoticeReading, boundary: date) -> str:
    if reading is NoticeReading.CONSERVATIVE:
        return f"conservative reading: receipt must come before {format_day(boundary)} (§G.3 step 4)"
    return f"lenient reading: receipt on {format_day(boundary)} itself is enough (§G.3 step 4)"
