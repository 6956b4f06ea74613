"""Fixtures for the calendar tests: the bundled calendar, and isolation of the module defaults."""

from __future__ import annotations

import sys

# pytest's importlib mode names this file "shared.tests.calendar.conftest" and, on the
# way, registers the *directory* shared/ as a namespace package called "shared", which
# hides the installed shared package. Drop that stand-in so the imports below resolve
# to the real package. (A project-wide fix would be to preload it: `addopts = -p shared`.)
if getattr(sys.modules.get("shared"), "__file__", None) is None:
    sys.modules.pop("shared", None)

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
