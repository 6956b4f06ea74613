"""What acceptance records on a case: the §A.3 checklist, the docket, corrections, other offices' dockets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from adjudication.domain.case.parts.jurisdiction import Jurisdiction


@dataclass(frozen=True, slots=True, kw_only=True)
class AcceptanceChecklist:
    """The §A.3 conditions a handler confirms (jurisdiction and court actions are checked separately)."""

    requester_entitled: bool
    respondent_identified: bool
    claims_specific: bool
    patent_valid: bool

    def unmet(self) -> list[str]:
        return [
            name
            for name in ("requester_entitled", "respondent_identified", "claims_specific", "patent_valid")
            if not getattr(self, name)
        ]


@dataclass(frozen=True, slots=True, kw_only=True)
class OtherAcceptance:
    """Another office's docketing of the same dispute (same patent, requester and respondent)."""

    office_code: str
    docket_no: str
    docketed_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class DocketRecord:
    docket_no: str
    sequence: int
    docketed_at: dt.datetime
    docketed_on: dt.date
    approved_by: str
    jurisdiction: Jurisdiction
    checklist: AcceptanceChecklist
    late: bool = False


@dataclass(slots=True, kw_only=True)
class CorrectionRequest:
    items: tuple[str, ...]
    requested_at: dt.datetime
    respond_by: dt.date
    supplemented_at: dt.datetime | None = None
    note: str | None = None


def docket_number(year: int, office_abbreviation: str, sequence: int) -> str:
    """The official docket number, e.g. ``（2026）浙知裁字第1号``: per office and year, gap-free."""
    return f"（{year}）{office_abbreviation}知裁字第{sequence}号"


def docket_series(office_code: str, year: int) -> str:
    return f"docket-{office_code}-{year}"
