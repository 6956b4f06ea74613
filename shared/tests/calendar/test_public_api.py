"""The public surface of shared.calendar and its exception tree."""

from __future__ import annotations

import inspect

import shared.calendar
from shared.calendar import errors


def test_all_lists_exactly_the_public_names() -> None:
    public = {
        name
        for name, value in vars(shared.calendar).items()
        if not name.startswith("_") and not inspect.ismodule(value) and name != "annotations"
    }
    assert public == set(shared.calendar.__all__)


def test_the_four_plain_functions_take_and_return_dates() -> None:
    for name in ("add_working_days", "add_calendar_days", "add_months"):
        signature = inspect.signature(getattr(shared.calendar, name))
        assert list(signature.parameters) == ["start", "n"]
        assert signature.return_annotation == "date"
    assert inspect.signature(shared.calendar.is_working_day).return_annotation == "bool"


def test_every_error_derives_from_calendar_error() -> None:
    classes = [
        obj for _, obj in inspect.getmembers(errors, inspect.isclass) if obj.__module__ == errors.__name__
    ]
    assert len(classes) == 8
    assert all(issubclass(cls, errors.CalendarError) for cls in classes)


def test_errors_also_fit_the_builtin_hierarchy() -> None:
    assert issubclass(errors.PeriodSyntaxError, ValueError)
    assert issubclass(errors.UnknownPeriodError, LookupError)
    assert issubclass(errors.PeriodNotConfiguredError, errors.PeriodError)
