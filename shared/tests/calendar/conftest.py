"""Fixtures for the calendar tests: the bundled calendar, and isolation of the module defaults."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shared.calendar import WorkCalendar, load_calendar, set_default_calendar
from shared.calendar.catalogue import set_default_catalogue


@pytest.fixture(scope="session")
def bundled() -> WorkCalendar:
    """The calendar built from the installed chinesecalendar data, shared across tests (it caches)."""
    return load_calendar()


@pytest.fixture(autouse=True)
def isolated_defaults() -> Iterator[None]:
    """Every test starts and ends with the bundled default calendar and catalogue."""
    set_default_calendar(None)
    set_default_catalogue(None)
    yield
    set_default_calendar(None)
    set_default_catalogue(None)
