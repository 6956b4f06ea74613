"""The case clock as recorded: pauses (with their table), the one extension, the deadline net of pauses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Final

from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.legal import ZHEJIANG_REGS
from adjudication.domain.values.rules import CaseRules
from shared.calendar import (
    Deadline,
    PausableClock,
    Pause,
    PeriodNotConfiguredError,
    catalogue,
    clock_deadline,
    compute,
)
from shared.domain.legal import Citation
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition

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
