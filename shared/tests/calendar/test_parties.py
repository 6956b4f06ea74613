"""Per-party deadlines from each party's own receipt date (§G.3 step 8)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.calendar import WorkCalendar, last_deadline, parse_period, per_party_deadlines

d = date.fromisoformat


def test_each_party_gets_its_own_window(bundled: WorkCalendar) -> None:
    received = {"requester": d("2025-09-16"), "respondent": d("2025-09-26")}
    deadlines = per_party_deadlines(received, parse_period("+15cd"), calendar=bundled)
    assert deadlines["requester"].due == d("2025-10-09")
    assert deadlines["respondent"].due == d("2025-10-11")
    assert last_deadline(deadlines) is deadlines["respondent"]


def test_unserved_parties_have_no_window_yet(bundled: WorkCalendar) -> None:
    assert per_party_deadlines({}, parse_period("+15cd"), calendar=bundled) == {}
    with pytest.raises(ValueError, match="no party"):
        last_deadline({})
