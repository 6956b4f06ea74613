"""Commands the service gives itself: timers reaching deadlines, other offices' reports."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from shared.domain.deadlines import DeadlineReached


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachDeadline(DeadlineReached):
    """A timer fired for one of a case's deadlines (or its due-soon warning)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordForeignDocket:
    """Another office docketed a dispute (from its ``adjudication.case.docketed``)."""

    office_code: str
    case_ref: str
    docket_no: str
    patent_number: str
    requester_key: str
    respondent_keys: tuple[str, ...]
    docketed_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordForeignFinding:
    """Another office's decision finding infringement became effective."""

    event_id: str
    office_code: str
    decision_no: str
    patent_number: str
    subjects: tuple[tuple[str, str], ...]
    effective_on: dt.date
