"""Earlier effective findings of infringement, and the look-back window over them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from shared.calendar.counting import shift_months


@dataclass(frozen=True, slots=True, kw_only=True)
class PriorFinding:
    """An earlier effective finding of infringement, here or at another office."""

    subject_key: str
    patent_number: str
    decision_no: str
    office_code: str
    effective_on: dt.date
    case_id: str | None = None


def lookback_start(on: dt.date, months: int) -> dt.date:
    return shift_months(on, -months)


def within_lookback(findings: Sequence[PriorFinding], on: dt.date, months: int) -> list[PriorFinding]:
    start = lookback_start(on, months)
    return [f for f in findings if start <= f.effective_on <= on]
