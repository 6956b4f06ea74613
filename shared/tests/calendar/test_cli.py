"""`ipcase deadline START PERIOD`, stand-alone and mounted on a parent Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from shared.calendar.cli import deadline, deadline_app, deadline_command

runner = CliRunner()


def _parent_app() -> typer.Typer:
    """Stand-in for the main ipcase CLI, which mounts the command under the name "deadline"."""
    app = typer.Typer()
    app.command("deadline")(deadline_command)

    @app.command()
    def version() -> None:
        typer.echo("0")

    return app


def test_mounted_command_prints_the_due_date_and_the_skipped_days() -> None:
    result = runner.invoke(_parent_app(), ["deadline", "2025-09-16", "+15cd"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("due: 2025-10-09 (Thu)\nprovisional: no\n")
    assert "skipped: 2025-10-01 (Wed) 国庆节 holiday" in result.output
    assert "Civil Code art. 203" in result.output


def test_standalone_app_handles_working_days_and_months() -> None:
    working = runner.invoke(deadline_app, ["2025-09-26", "+5wd"])
    assert "due: 2025-10-10 (Fri)" in working.output
    assert "2025-09-28 (Sun) 调休 make-up working day (国庆节) counts" in working.output
    months = runner.invoke(deadline_app, ["2025-01-31", "+1m"])
    assert "due: 2025-02-28 (Fri)" in months.output


def test_rules_only_year_is_flagged_provisional() -> None:
    result = runner.invoke(deadline_app, ["2027-09-16", "+15cd"])
    assert result.exit_code == 0
    assert "provisional: PROVISIONAL" in result.output


def test_catalogue_name_with_a_province() -> None:
    result = runner.invoke(deadline_app, ["2025-09-16", "adjudication.close", "--province", "330000"])
    assert result.exit_code == 0, result.output
    assert "due: 2025-11-17 (Mon)" in result.output  # 2 months → Sun Nov 16 → Mon Nov 17
    assert "浙江省专利条例 art. 26 [V]" in result.output


def test_hour_period_reads_a_local_datetime() -> None:
    result = runner.invoke(deadline_app, ["2025-10-01T09:30", "+24h"])
    assert "due: 2025-10-02T09:30:00+08:00" in result.output


def test_calendar_dir_option_loads_operator_files(tmp_path: Path) -> None:
    notice = {
        "year": 2027,
        "source_doc_no": "TEST-NOTICE-2",
        "published_at": "2026-11-05",
        "holidays": [{"name": "国庆节", "first": "2027-10-01", "last": "2027-10-07"}],
    }
    (tmp_path / "2027.json").write_text(json.dumps(notice), encoding="utf-8")
    result = runner.invoke(deadline_app, ["2027-09-16", "+15cd", "--calendar-dir", str(tmp_path)])
    assert "due: 2027-10-08 (Fri)" in result.output
    assert "provisional: no" in result.output
    assert "TEST-NOTICE-2" in result.output


def test_bad_input_is_a_usage_error() -> None:
    for args in (
        ["2025-09-16", "+15d"],
        ["2025-13-01", "+15cd"],
        ["2025-09-16", "+15cd", "--province", "330000"],
    ):
        result = runner.invoke(deadline_app, args)
        assert result.exit_code == 2, args


def test_plain_function_returns_the_rendered_text() -> None:
    assert deadline("2025-04-28", "+5wd").startswith("due: 2025-05-08 (Thu)")
