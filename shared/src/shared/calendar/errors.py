"""Errors raised by the statutory-clock library.

Everything derives from one root, so a caller that only needs to know "the
calendar could not answer" catches :class:`CalendarError`; a caller that can
do something about a specific failure catches the leaf::

    CalendarError
    ├── CalendarDataError             a schedule file, the period catalogue or an override file is malformed
    ├── PeriodError                   a period cannot be used as asked
    │   ├── PeriodSyntaxError         unreadable period text or a negative length (also ValueError)
    │   ├── UnitMismatchError         the unit does not fit the operation, e.g. hours from a plain date
    │   └── PeriodNotConfiguredError  a catalogue entry has no length yet; an operator must set one
    ├── UnknownPeriodError            the catalogue has no entry of that name (also LookupError)
    └── ClockError                    clock input is inconsistent: overlapping pauses, a pause ending
                                      before it starts, a naive datetime where an aware one is needed
"""

from __future__ import annotations


class CalendarError(Exception):
    """Root of every error raised by :mod:`shared.calendar`."""


class CalendarDataError(CalendarError):
    """A holiday schedule, the period catalogue or an operator override file is malformed.

    The message names the file and the offending entry so an operator can fix it.
    """


class PeriodError(CalendarError):
    """A period cannot be used as asked."""


class PeriodSyntaxError(PeriodError, ValueError):
    """The text given to :func:`parse_period` is not a period, or a length is negative."""


class UnitMismatchError(PeriodError):
    """The period's unit does not fit the operation.

    Examples: an hour period started from a plain ``date`` (hours need an aware
    ``datetime``), or a "notice at least N before" rule written in months.
    """


class PeriodNotConfiguredError(PeriodError):
    """A catalogue entry has no length: the spec found none, so an operator must configure it."""


class UnknownPeriodError(CalendarError, LookupError):
    """The period catalogue has no entry with the requested name."""


class ClockError(CalendarError):
    """Clock input is inconsistent.

    Raised for pauses that overlap or end before they start, and for naive
    datetimes where an aware one is required (hour periods).
    """
