"""The case clock: closing within 3 months of docketing (+ at most 1 month extension), net of pauses.

Suspension, appraisal (鉴定) and publication (公告) time is not counted (浙江省专利条例 art. 26 ¶2 [V];
专利行政执法办法 art. 18 ¶2 [U]). Pauses of different kinds may overlap, so the clock stands still
while *any* pause is open: the intervals are merged before the calendar library counts around them.
How a pause moves the end is a policy (Open Question 8, ``CaseRules.pause_policy``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from adjudication.domain.errors import CaseTransitionRefused, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.legal import ENFORCEMENT_MEASURES, ZHEJIANG_REGS
from shared.calendar import (
    Deadline,
    PausableClock,
    Pause,
    PeriodNotConfiguredError,
    catalogue,
    clock_deadline,
    compute,
)
from shared.domain import deadlines
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, DisarmTimer, TrackedDeadline
from shared.domain.legal import Citation
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules

CLOSE_KEY = "close"
CLOSE = "adjudication.close"
SIMPLE_CLOSE = "adjudication.simple_procedure_close"
EXTENSION = "adjudication.close_extension"


class PauseReason(StrEnum):
    SUSPENSION = "suspension"
    APPRAISAL = "appraisal"
    PUBLICATION = "publication"


@dataclass(slots=True, kw_only=True)
class ClockPause:
    reason: PauseReason
    start: dt.date
    end: dt.date | None = None
    reference: str | None = None

    @property
    def is_open(self) -> bool:
        return self.end is None

    @property
    def status(self) -> PauseStatus:
        return PauseStatus.OPEN if self.is_open else PauseStatus.ENDED


class PauseStatus(StrEnum):
    OPEN = "open"  # the case clock stands still
    ENDED = "ended"


# fmt: off
PAUSE_STATUSES: Final = TransitionTable(PauseStatus, (
    transition("end", {PauseStatus.OPEN}, PauseStatus.ENDED, event=CaseEvent.CLOCK_RESUMED,
               guard="appraisal or publication ended, or the suspended case resumed",
               basis=(Citation(ZHEJIANG_REGS, "26 ¶2"),)),
))
# fmt: on
PAUSES = StatusMachine(PAUSE_STATUSES, CaseTransitionRefused)


def end_pause_on(pause: ClockPause, day: dt.date) -> None:
    """The pause is over on ``day``: from then on the case clock runs again."""
    PAUSES.step(pause.status, "end")
    pause.end = day


@dataclass(frozen=True, slots=True, kw_only=True)
class Extension:
    approved_by: str
    approved_on: dt.date
    reason: str


@dataclass(slots=True, kw_only=True)
class CloseClock:
    start: dt.date
    period: str = CLOSE
    pauses: list[ClockPause] = field(default_factory=list)
    extension: Extension | None = None
    note: str | None = None

    def open_pause(self, reason: PauseReason) -> ClockPause | None:
        return next((p for p in self.pauses if p.reason is reason and p.is_open), None)

    @property
    def paused(self) -> bool:
        return any(p.is_open for p in self.pauses)


def clock_period_for(simple_procedure: bool, province: str | None) -> tuple[str, str | None]:
    """The catalogue entry for the clock, and a note when the simple-procedure one is not configured."""
    if not simple_procedure:
        return CLOSE, None
    try:
        catalogue.get(SIMPLE_CLOSE, province).required_period()
    except PeriodNotConfiguredError:
        return CLOSE, (
            f"{SIMPLE_CLOSE} has no configured length (CNIPA Order 81 text not found); "
            f"the ordinary {CLOSE} period applies until an operator configures it"
        )
    return SIMPLE_CLOSE, None


def close_deadline(clock: CloseClock, rules: CaseRules) -> Deadline | None:
    """The closing deadline net of pauses (with any extension), or ``None`` while paused."""
    definition = catalogue.get(clock.period, rules.province)
    pauses = merged_pauses(clock.pauses, clock.start)
    base = clock_deadline(
        PausableClock(clock.start, definition.required_period(), pauses), policy=rules.pause_policy
    )
    if base is None:
        return None
    notes = [f"{clock.period}: {definition.citation()}"]
    if clock.note:
        notes.append(clock.note)
    result = base
    if clock.extension is not None:
        extension = catalogue.get(EXTENSION, rules.province)
        extended = compute(base.due, extension.required_period())
        notes.append(
            f"extended by {extension.required_period().describe()} from {base.due.isoformat()}, "
            f"approved by {clock.extension.approved_by} on {clock.extension.approved_on.isoformat()} "
            f"({extension.citation()})"
        )
        result = replace(extended, provisional=extended.provisional or base.provisional)
        notes.extend(f"base: {line}" for line in base.explanation.lines())
    explanation = replace(result.explanation, notes=(*notes, *result.explanation.notes))
    return replace(result, explanation=explanation)


def merged_pauses(pauses: list[ClockPause], clock_start: dt.date) -> tuple[Pause, ...]:
    """Overlapping pauses of different kinds as disjoint ``[start, end)`` intervals, in order."""
    intervals = sorted(
        ((max(p.start, clock_start), p.end, p.reason.value) for p in pauses), key=lambda i: i[0]
    )
    merged: list[Pause] = []
    for start, end, reason in intervals:
        last = merged[-1] if merged else None
        if last is not None and (last.end is None or start <= last.end):
            new_end = None if last.end is None or end is None else max(last.end, end)
            reasons = last.reason if reason in last.reason.split("+") else f"{last.reason}+{reason}"
            merged[-1] = Pause(last.start, new_end, reasons)
        else:
            merged.append(Pause(start, end, reason))
    return tuple(merged)


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
    from adjudication.domain.states import PRE_DECISION

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
