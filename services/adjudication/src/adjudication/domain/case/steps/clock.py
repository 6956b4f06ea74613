"""The case clock: closing within 3 months of docketing (+ at most 1 month extension), net of pauses.

Suspension, appraisal (鉴定) and publication (公告) time is not counted (浙江省专利条例 art. 26 ¶2 [V];
专利行政执法办法 art. 18 ¶2 [U]). Pauses of different kinds may overlap, so the clock stands still
while *any* pause is open: the intervals are merged before the calendar library counts around them.
How a pause moves the end is a policy (Open Question 8, ``CaseRules.pause_policy``).
"""

from __future__ import annotations

import datetime as dt

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.clock import CloseClock, Extension, clock_period_for, close_deadline
from adjudication.domain.errors import rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.legal import ENFORCEMENT_MEASURES, ZHEJIANG_REGS
from adjudication.domain.values.rules import CaseRules
from shared.calendar import (
    Deadline,
    catalogue,
)
from shared.domain import deadlines
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, DisarmTimer, TrackedDeadline
from shared.domain.legal import Citation

CLOSE_KEY = "close"


def start_clock(case: Case, on: dt.date, rules: CaseRules, *, simple_procedure: bool) -> Deadline | None:
    """Start (or restart, on a change of procedure) the case clock from the docketing day ``on``."""
    period, note = clock_period_for(simple_procedure, rules.province)
    pauses = case.clock.pauses if case.clock else []
    extension = case.clock.extension if case.clock else None
    case.clock = CloseClock(start=on, period=period, pauses=pauses, extension=extension, note=note)
    case.deadlines.pop(CLOSE_KEY, None)
    return refresh_close_deadline(case, rules)


def refresh_close_deadline(case: Case, rules: CaseRules) -> Deadline | None:
    """Recompute the closing deadline after a pause, resumption or extension; re-arm or disarm its timer."""
    clock = case.clock
    if clock is None:
        return None
    tracked = case.deadlines.get(CLOSE_KEY) or _tracked(clock, rules)
    if not tracked.is_open:
        return None
    case.deadlines[CLOSE_KEY] = tracked
    deadline = close_deadline(clock, rules)
    if deadline is None:
        tracked.status, tracked.due = DeadlineStatus.PAUSED, None
        tracked.explanation = "paused: " + ", ".join(p.reason.value for p in clock.pauses if p.is_open)
        case.timer_changes.append(DisarmTimer(CLOSE_KEY))
        return None
    case.timer_changes.append(deadlines.computed(tracked, deadline, rules.warn_working_days))
    return deadline


def _tracked(clock: CloseClock, rules: CaseRules) -> TrackedDeadline:
    definition = catalogue.get(clock.period, rules.province)
    return TrackedDeadline(
        key=CLOSE_KEY,
        period=clock.period,
        kind=DeadlineKind.OFFICE_DUTY,
        start=clock.start,
        due=None,
        basis=definition.citation(),
        confidence=definition.confidence.value,
    )


def extend_time_limit(
    case: Case, *, approved_by: str, reason: str, by: Actor, at: dt.datetime, rules: CaseRules
) -> Deadline | None:
    """The office head approves the one extension a particularly complex case may get."""
    from adjudication.domain.case.states import PRE_DECISION

    clock = case.clock
    if clock is None or case.state not in PRE_DECISION:
        raise rule_violated(
            "state",
            "no_clock",
            "Only a docketed case before its decision has a time limit",
            "仅已立案且未作出裁决的案件可延长期限",
        )
    if clock.extension is not None:
        raise rule_violated(
            "extension",
            "already_extended",
            "The time limit was already extended once",
            "结案期限已延长过一次",
        )
    if not reason.strip() or not approved_by.strip():
        raise rule_violated(
            "reason",
            "required",
            "An extension needs the head's approval and a reason",
            "延长期限须经负责人批准并说明理由",
        )
    clock.extension = Extension(approved_by=approved_by, approved_on=case.day_of(at), reason=reason)
    deadline = refresh_close_deadline(case, rules)
    case.record(
        CaseEvent.TIME_LIMIT_EXTENDED,
        by=by,
        at=at,
        basis=[Citation(ENFORCEMENT_MEASURES, "18", "U"), Citation(ZHEJIANG_REGS, "26")],
        details={
            "approved_by": approved_by,
            "reason": reason,
            "close_deadline": deadline.due if deadline else None,
        },
    )
    return deadline
