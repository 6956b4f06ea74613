"""Operator JSON files that add or replace a year's schedule."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shared.calendar import (
    CalendarDataError,
    ScheduleSource,
    add_calendar_days,
    add_working_days,
    compute,
    is_working_day,
    load_calendar,
    parse_period,
    set_default_calendar,
)

d = date.fromisoformat


def _notice(year: int, **changes: object) -> dict[str, Any]:
    """A made-up notice for tests only: a New Year break and one make-up Saturday."""
    notice: dict[str, Any] = {
        "year": year,
        "source_doc_no": "TEST-NOTICE-1",
        "published_at": f"{year - 1}-11-05",
        "holidays": [{"name": "元旦", "first": f"{year}-01-01", "last": f"{year}-01-04"}],
        "makeup_workdays": [{"name": "元旦", "date": f"{year}-01-09"}],
    }
    notice.update(changes)
    return notice


def _write(directory: Path, name: str, content: object) -> Path:
    path = directory / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_a_file_adds_a_missing_year(tmp_path: Path) -> None:
    _write(tmp_path, "2027.json", _notice(2027))
    calendar = load_calendar(override_dir=tmp_path)
    schedule = calendar.schedule(2027)
    assert schedule.source is ScheduleSource.OPERATOR_FILE
    assert schedule.source_doc_no == "TEST-NOTICE-1"
    assert schedule.published_at == d("2026-11-05")
    assert 2027 in calendar.official_years
    # Sat 2027-01-09 is a make-up working day; Mon 2027-01-04 is a holiday.
    assert calendar.is_working_day(d("2027-01-09"))
    assert not calendar.is_working_day(d("2027-01-04"))
    deadline = compute(d("2027-01-05"), parse_period("+1wd"), calendar=calendar)
    assert deadline.due == d("2027-01-06")
    assert not deadline.provisional


def test_a_file_replaces_the_library_year_and_the_default_calendar(tmp_path: Path) -> None:
    # Replace 2025 with a schedule that has no National Day break at all.
    _write(tmp_path, "2025.json", _notice(2025, makeup_workdays=[]))
    assert add_calendar_days(d("2025-09-16"), 15) == d("2025-10-09")
    set_default_calendar(load_calendar(override_dir=tmp_path))
    assert add_calendar_days(d("2025-09-16"), 15) == d("2025-10-01")
    assert is_working_day(d("2025-10-08"))
    assert not is_working_day(d("2025-10-11"))  # no longer a make-up Saturday
    assert add_working_days(d("2025-10-10"), 1) == d("2025-10-13")


def test_non_json_files_are_ignored(tmp_path: Path) -> None:
    _write(tmp_path, "README.txt", "notes")
    assert 2027 not in load_calendar(override_dir=tmp_path).official_years


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("2027.json", "{not json", "2027.json"),
        ("2027.json", {"year": 2027}, "missing field"),
        ("2027.json", _notice(2027, holidays=[{"name": "元旦", "first": "2028-01-01"}]), "outside the year"),
        ("2028.json", _notice(2027), "file name must be 2027.json"),
        ("2027.json", _notice(2027, makeup_workdays=[{"name": "x", "date": "2027-01-02"}]), "both"),
        (
            "2027.json",
            _notice(2027, holidays=[{"name": "x", "first": "2027-01-05", "last": "2027-01-01"}]),
            "ends .* before",
        ),
        ("2027.json", {**_notice(2027), "year": "2027"}, "integer"),
        ("2027.json", [1, 2], "JSON object"),
    ],
    ids=[
        "bad-json",
        "missing-field",
        "outside-year",
        "name-mismatch",
        "overlap",
        "reversed",
        "year-type",
        "list",
    ],
)
def test_malformed_files_are_reported_with_their_path(
    tmp_path: Path, name: str, content: object, message: str
) -> None:
    _write(tmp_path, name, content)
    with pytest.raises(CalendarDataError, match=message):
        load_calendar(override_dir=tmp_path)


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CalendarDataError, match="does not exist"):
        load_calendar(override_dir=tmp_path / "nope")
