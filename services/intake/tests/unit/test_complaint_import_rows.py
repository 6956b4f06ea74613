"""Reading a complaint-import row (CSV cells to the registration body), its key, and a job's progress."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from intake.adapters.complaint_import import UnreadableFile, count_rows, read_rows, unflatten
from intake.domain.complaint_imports import ImportFormat, progress, row_key

T0 = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)


def test_dotted_columns_become_the_nested_body_and_empty_cells_absent_fields() -> None:
    cells = {
        "ip_type": "invention_patent",
        "complainant.name": "甲公司",
        "respondents.1.name": "丙",
        "respondents.0.name": "乙",
        "respondents.0.credit_code": "",
        "alleged_acts": "offer_to_sell;sell",
        "known_since": "",
        None: "an overlong row's extra cell",
    }

    assert unflatten(cells) == {
        "ip_type": "invention_patent",
        "complainant": {"name": "甲公司"},
        "respondents": [{"name": "乙"}, {"name": "丙"}],
        "alleged_acts": ["offer_to_sell", "sell"],
    }


def test_a_column_nesting_inside_a_plain_value_makes_the_file_unreadable() -> None:
    with pytest.raises(UnreadableFile):
        unflatten({"facts": "x", "facts.more": "y"})


def test_the_same_row_of_the_same_office_has_the_same_key_whatever_its_key_order() -> None:
    one = {"ip_type": "invention_patent", "facts": "事实", "respondents": [{"name": "乙"}]}
    reordered = {"respondents": [{"name": "乙"}], "facts": "事实", "ip_type": "invention_patent"}

    assert row_key("330106", one) == row_key("330106", reordered)
    assert row_key("330106", one) != row_key("440305", one)
    assert row_key("330106", one) != row_key("330106", {**one, "facts": "另一事实"})


def test_a_platform_batch_defaults_the_channel_and_numbers_each_request(tmp_path: Path) -> None:
    path = tmp_path / "batch.json"
    batch = {"batch_id": "TB-1", "complaints": [{"facts": "a"}, {"facts": "b", "channel_ref": "own"}, 7]}
    path.write_text(json.dumps(batch))

    rows = list(read_rows(path, ImportFormat.PLATFORM_BATCH))

    assert [(r.get("channel"), r.get("channel_ref")) for r in rows[:2]] == [
        ("ecommerce_platform", "TB-1/1"),
        ("ecommerce_platform", "own"),
    ]
    assert rows[2] == {"__unreadable__": "not a JSON object"}
    assert count_rows(path, ImportFormat.PLATFORM_BATCH) == 3


def test_jsonl_skips_blank_lines_and_passes_a_bad_line_on_to_be_reported(tmp_path: Path) -> None:
    path = tmp_path / "rows.jsonl"
    path.write_text('{"facts": "a"}\n\n{oops\n[1]\n')

    rows = list(read_rows(path, ImportFormat.JSONL))

    assert rows[0] == {"facts": "a"}
    assert "not JSON" in rows[1]["__unreadable__"]
    assert rows[2] == {"__unreadable__": "not a JSON object"}


def test_a_csv_without_an_ip_type_column_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "rows.csv"
    path.write_text("colour,size\nred,1\n")

    with pytest.raises(UnreadableFile):
        list(read_rows(path, ImportFormat.CSV))


def test_progress_gives_percent_rate_and_time_left() -> None:
    running = progress(
        total=1000, processed=250, finished=False, started_at=T0, now=T0 + dt.timedelta(seconds=10)
    )
    queued = progress(total=None, processed=0, finished=False, started_at=None, now=T0)
    done = progress(
        total=1000, processed=1000, finished=True, started_at=T0, now=T0 + dt.timedelta(seconds=40)
    )

    assert (running.percent, running.rows_per_second, running.eta_seconds) == (25.0, 25.0, 30.0)
    assert (queued.percent, queued.rows_per_second, queued.eta_seconds) == (0.0, None, None)
    assert (done.percent, done.rows_per_second, done.eta_seconds) == (100.0, 25.0, 0.0)
