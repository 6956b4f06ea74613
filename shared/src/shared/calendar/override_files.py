"""Operator files that add or replace a year's holiday schedule.

The notice for next year usually appears in November, long after a release, so
operators drop one JSON file per year into the calendar directory the service
settings point at (e.g. ``/etc/ipcase/calendar/2027.json``). A file replaces
the whole year, whatever the bundled library says. The format is documented in
:mod:`shared.calendar` and the package README.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from shared.calendar.errors import CalendarDataError
from shared.calendar.schedule import ScheduleSource, YearSchedule


def read_schedule_dir(directory: Path) -> dict[int, YearSchedule]:
    """Read every ``<year>.json`` in ``directory``; other files are ignored.

    Raises:
        CalendarDataError: if the directory is missing or a file is malformed.
    """
    if not directory.is_dir():
        raise CalendarDataError(f"calendar directory {directory} does not exist")
    schedules = [read_schedule_file(path) for path in sorted(directory.glob("*.json"))]
    return {schedule.year: schedule for schedule in schedules}


def read_schedule_file(path: Path) -> YearSchedule:
    """Read one year's schedule from a JSON file named after the year.

    Raises:
        CalendarDataError: naming the file, if it is not valid JSON, misses a
            field, has a date outside its year, or its name disagrees with ``year``.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        schedule = _parse(raw, path)
    except KeyError as exc:
        raise CalendarDataError(f"{path}: missing field {exc}") from exc
    except (OSError, ValueError, TypeError, CalendarDataError) as exc:
        raise CalendarDataError(f"{path}: {exc}") from exc
    if path.stem != str(schedule.year):
        raise CalendarDataError(f"{path}: file name must be {schedule.year}.json")
    return schedule


def _parse(raw: Any, path: Path) -> YearSchedule:
    if not isinstance(raw, dict):
        raise TypeError("top level must be a JSON object")
    return YearSchedule(
        year=_int(raw["year"], "year"),
        holidays=_holiday_days(raw["holidays"]),
        makeup_workdays=_makeup_days(raw.get("makeup_workdays", [])),
        source=ScheduleSource.OPERATOR_FILE,
        data_version=f"operator file {path}",
        source_doc_no=_text(raw["source_doc_no"], "source_doc_no"),
        published_at=date.fromisoformat(_text(raw["published_at"], "published_at")),
    )


def _holiday_days(entries: Any) -> dict[date, str]:
    days: dict[date, str] = {}
    for entry in _objects(entries, "holidays"):
        name = _text(entry["name"], "holidays[].name")
        first = date.fromisoformat(_text(entry["first"], "holidays[].first"))
        last = date.fromisoformat(_text(entry.get("last", entry["first"]), "holidays[].last"))
        if last < first:
            raise ValueError(f"holiday {name!r} ends ({last}) before it starts ({first})")
        days.update({first + timedelta(days=i): name for i in range((last - first).days + 1)})
    return days


def _makeup_days(entries: Any) -> dict[date, str]:
    return {
        date.fromisoformat(_text(entry["date"], "makeup_workdays[].date")): _text(
            entry["name"], "makeup_workdays[].name"
        )
        for entry in _objects(entries, "makeup_workdays")
    }


def _objects(value: Any, field: str) -> list[dict[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise TypeError(f"{field} must be a list of objects")
    return value


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value:
        raise TypeError(f"{field} must be a non-empty string")
    return value


def _int(value: Any, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"{field} must be an integer")
    return value
