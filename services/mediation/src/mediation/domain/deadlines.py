"""The statutory deadlines a mediation case tracks, and the timer that watches each.

Every period comes from the catalogue (``shared.calendar.catalogue``), or is one the parties or the
agreement set (``+Ncd`` from a day: an agreed extension, an instalment's due day), counted by the
same calendar rules. The case keeps each as a ``TrackedDeadline`` and leaves the timer changes for
its step (``shared.domain.lifecycle.TracksDeadlines``). A timer's kind is the command it becomes
when it fires (``domain.commands``): deadlines whose consequence is automatic in law move the case;
the others — an unverified [U] period, a court's own time limit — are only recorded as missed, for
staff to act on (``TimerKind.MONITOR``).

Unlike ``shared.domain.deadlines.from_catalogue``, a step here may ask for a due-soon warning before
any kind of deadline (reminders to parties too) and each timer names its own kind.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Final

from shared.calendar import catalogue, compute, parse_period
from shared.domain.deadlines import ArmTimer, DeadlineKind, TrackedDeadline


class TimerKind(StrEnum):
    MONITOR = "mediation.deadline_monitor"  # records a missed deadline; staff decide
    ASSIGNMENT_ANSWER = "mediation.assignment_answer"
    COURT_ASSIGNMENT_CONFIRM = "mediation.court_assignment_confirm"
    MEDIATION_PERIOD = "mediation.mediation_period"
    CONFIRMATION_WINDOW = "mediation.confirmation_window"
    OBJECTION_WINDOW = "mediation.objection_window"
    INSTALMENT_DUE = "mediation.instalment_due"
    ENFORCEMENT_PERIOD = "mediation.enforcement_period"


OPINION_STATEMENT: Final = "opinion_statement"
DOCKETING: Final = "docketing"
COURT_ASSIGNMENT_CONFIRM: Final = "court_assignment_confirm"
MEDIATION_PERIOD: Final = "mediation_period"
CONFIRMATION_WINDOW: Final = "confirmation_window"
COURT_ACCEPTANCE: Final = "court_acceptance"
COURT_REVIEW: Final = "court_review"
OBJECTION_PARTY: Final = "objection_party"
OBJECTION_THIRD_PARTY: Final = "objection_third_party"
ENFORCEMENT_PERIOD: Final = "enforcement_period"

PRE_AGREEMENT: Final = (OPINION_STATEMENT, DOCKETING, COURT_ASSIGNMENT_CONFIRM, MEDIATION_PERIOD)
COURT_TIMERS: Final = (COURT_ACCEPTANCE, COURT_REVIEW)


def assignment_deadline(assignment_id: uuid.UUID) -> str:
    return f"assignment.{assignment_id}"


def instalment_deadline(agreement_id: uuid.UUID, number: int) -> str:
    return f"instalment.{agreement_id}.{number}"


def party_objection_deadline(party_id: uuid.UUID) -> str:
    """A party's own objection window: 15 CD from *its* receipt of the ruling (Interp. art. 372)."""
    return f"{OBJECTION_PARTY}.{party_id}"


@dataclass(frozen=True, slots=True)
class Watch:
    """Whose deadline it is (``shared.domain.deadlines.DeadlineKind``) and the timer kind that fires it."""

    kind: DeadlineKind
    timer: TimerKind


WATCHES: Final[Mapping[str, Watch]] = {
    OPINION_STATEMENT: Watch(DeadlineKind.PARTY_PERIOD, TimerKind.MONITOR),  # [U]
    DOCKETING: Watch(DeadlineKind.OFFICE_DUTY, TimerKind.MONITOR),  # [U]
    COURT_ASSIGNMENT_CONFIRM: Watch(DeadlineKind.OFFICE_DUTY, TimerKind.COURT_ASSIGNMENT_CONFIRM),
    MEDIATION_PERIOD: Watch(DeadlineKind.TIME_LIMIT, TimerKind.MEDIATION_PERIOD),
    CONFIRMATION_WINDOW: Watch(DeadlineKind.PARTY_PERIOD, TimerKind.CONFIRMATION_WINDOW),
    COURT_ACCEPTANCE: Watch(DeadlineKind.TIME_LIMIT, TimerKind.MONITOR),  # the court's own
    COURT_REVIEW: Watch(DeadlineKind.TIME_LIMIT, TimerKind.MONITOR),  # the court's own
    OBJECTION_PARTY: Watch(DeadlineKind.PARTY_PERIOD, TimerKind.OBJECTION_WINDOW),
    OBJECTION_THIRD_PARTY: Watch(DeadlineKind.PARTY_PERIOD, TimerKind.OBJECTION_WINDOW),
    ENFORCEMENT_PERIOD: Watch(DeadlineKind.PARTY_PERIOD, TimerKind.ENFORCEMENT_PERIOD),
}
ASSIGNMENT_ANSWER: Final = Watch(DeadlineKind.OFFICE_DUTY, TimerKind.ASSIGNMENT_ANSWER)
INSTALMENT_DUE: Final = Watch(DeadlineKind.PARTY_PERIOD, TimerKind.INSTALMENT_DUE)


def watch_of(key: str) -> Watch:
    if key.startswith("assignment."):
        return ASSIGNMENT_ANSWER
    if key.startswith("instalment."):
        return INSTALMENT_DUE
    if key.startswith(f"{OBJECTION_PARTY}."):
        return WATCHES[OBJECTION_PARTY]
    return WATCHES[key]


@dataclass(frozen=True, slots=True, kw_only=True)
class Timing:
    """What a step needs to set deadlines: the province (its own period rules) and the warnings.

    A warning of 0 working days means none.
    """

    province: str | None = None
    warning_working_days: int = 3
    confirmation_reminder_working_days: int = 5
    instalment_reminder_working_days: int = 3
    enforcement_reminder_working_days: int = 20


def track(
    key: str,
    *,
    period: str,
    start: dt.date,
    province: str | None,
    warn: int | None = None,
    basis: str = "",
    payload: Mapping[str, Any] | None = None,
) -> tuple[TrackedDeadline, ArmTimer]:
    """The deadline ``period`` from ``start`` and the timer that watches it (and warns, if ``warn``).

    ``period`` is a catalogue name, or ``+Ncd`` for a period the parties or the agreement set
    (``basis`` then says which). Raises ``PeriodNotConfiguredError`` for a catalogue period with no
    figure ([U] entries nobody configured).
    """
    watch = watch_of(key)
    if period.startswith("+"):
        deadline, confidence = compute(start, parse_period(period)), "V"
    else:
        definition = catalogue.get(period, province)
        deadline, confidence = (
            catalogue.deadline(period, start, province=province),
            definition.confidence.value,
        )
        basis = definition.citation()
    warn = warn or None
    tracked = TrackedDeadline(
        key=key,
        period=period,
        kind=watch.kind,
        start=start,
        due=deadline.due,
        basis=basis,
        confidence=confidence,
        explanation=deadline.render(),
        provisional=deadline.provisional,
    )
    # The rule has the shape of shared.timers' PeriodRule: `ipcase timers recompute` redoes provisional ones.
    rule = {"period": period, "start": start.isoformat(), "province": province, "warn_working_days": warn}
    return tracked, ArmTimer(key, deadline, warn, rule, dict(payload or {}), kind=watch.timer)
