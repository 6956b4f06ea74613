"""The process-wide default calendar used when a caller passes none.

It starts as the bundled ``chinesecalendar`` data, built lazily on first use.
A service replaces it at startup with :func:`set_default_calendar`, typically
``set_default_calendar(load_calendar(override_dir=settings.calendar_dir))``;
this module never reads the environment itself.
"""

from __future__ import annotations

from shared.calendar.workcalendar import WorkCalendar, load_calendar

_default: WorkCalendar | None = None


def default_calendar() -> WorkCalendar:
    """The calendar used by the module-level functions; built from bundled data if unset."""
    global _default
    if _default is None:
        _default = load_calendar()
    return _default


def set_default_calendar(calendar: WorkCalendar | None) -> None:
    """Replace the default calendar; ``None`` goes back to the bundled data on next use."""
    global _default
    _default = calendar


def resolve_calendar(calendar: WorkCalendar | None) -> WorkCalendar:
    """``calendar`` if given, else the default one."""
    return calendar if calendar is not None else default_calendar()
