"""The look-back window of repeat infringement is configuration (Open Question 14); bounds inclusive."""

from __future__ import annotations

import datetime as dt

from adjudication.domain.case.parts.repeat import PriorFinding, within_lookback

D = dt.date


def finding(on: dt.date) -> PriorFinding:
    return PriorFinding(
        subject_key="S", patent_number="P", decision_no=f"No.{on}", office_code="110108", effective_on=on
    )


def test_only_findings_inside_the_window_count() -> None:
    findings = [
        finding(D(2021, 5, 6)),
        finding(D(2021, 5, 7)),
        finding(D(2025, 1, 1)),
        finding(D(2026, 5, 8)),
    ]
    inside = within_lookback(findings, D(2026, 5, 7), 60)
    assert [f.effective_on for f in inside] == [D(2021, 5, 7), D(2025, 1, 1)]
    assert within_lookback(findings, D(2026, 5, 7), 12) == []
