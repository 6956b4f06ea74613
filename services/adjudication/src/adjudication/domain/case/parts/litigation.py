"""After the decision, as recorded: the administrative suit and its judgment; the windows' keys."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

WINDOW = "adjudication.litigation_window"
ENFORCEMENT_APPLICATION_KEY = "enforcement_application"


class JudgmentResult(StrEnum):
    UPHELD = "upheld"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True, kw_only=True)
class Judgment:
    result: JudgmentResult
    judgment_no: str
    effective_on: dt.date
    recorded_at: dt.datetime


@dataclass(slots=True, kw_only=True)
class AdminSuit:
    court_code: str
    court_case_no: str
    plaintiff: str
    filed_on: dt.date
    judgment: Judgment | None = None
    previous_decision_no: str | None = None


def window_key(party_id: str) -> str:
    return f"litigation.{party_id}"
