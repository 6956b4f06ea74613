"""What happens when a tracked deadline's timer fires.

* An office duty due soon: a ``DeadlineDueSoon`` event (published as an alert); once due and not
  done: ``DeadlineMissed`` and the deadline stays open, marked missed, until the act is done.
* A party period or time limit running out moves the case where the law says so (answer periods
  over -> review; every litigation window over -> effective; ownership suspension at its limit ->
  resumed; no review of a refused enforcement -> closed), or is recorded for the handler.

A timer for a deadline that was met, paused or cancelled meanwhile is stale and does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from adjudication.domain import delivery, enforcement, litigation, suspension
from adjudication.domain.actors import system
from adjudication.domain.case import Case
from adjudication.domain.events import DeadlineEvent
from adjudication.domain.penalty_case import PenaltyCase
from adjudication.domain.rules import CaseRules
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TrackedDeadline
from shared.domain.events import Advisory

Aggregate = Case | PenaltyCase
Lapse = Callable[[Case, TrackedDeadline, dt.datetime, CaseRules], None]


def deadline_reached(case: Case, key: str, *, warning: bool, at: dt.datetime, rules: CaseRules) -> None:
    tracked = case.deadlines.get(key)
    if tracked is None or tracked.status is not DeadlineStatus.RUNNING:
        return
    if tracked.kind is DeadlineKind.OFFICE_DUTY:
        _office_duty(case, tracked, warning, at)
    elif not warning:
        _lapse_handler(key)(case, tracked, at, rules)


def penalty_deadline_reached(case: PenaltyCase, key: str, *, warning: bool, at: dt.datetime) -> None:
    """A penalty case has no automatic moves: duties alert, a lapsed hearing period is recorded."""
    tracked = case.deadlines.get(key)
    if tracked is None or tracked.status is not DeadlineStatus.RUNNING:
        return
    if tracked.kind is DeadlineKind.OFFICE_DUTY:
        _office_duty(case, tracked, warning, at)
    elif not warning:
        _record_lapse(case, tracked, at)


def _office_duty(case: Aggregate, tracked: TrackedDeadline, warning: bool, at: dt.datetime) -> None:
    details = {"deadline": tracked.key, "period": tracked.period, "due_on": tracked.due}
    if not warning:
        tracked.status = DeadlineStatus.MISSED
    case.record(
        DeadlineEvent.DUE_SOON if warning else DeadlineEvent.MISSED,
        by=system(tracked.key),
        at=at,
        details=details,
    )


def _lapse_handler(key: str) -> Lapse:
    prefix = key.split(".", 1)[0]
    return _LAPSES.get(key) or _LAPSES.get(prefix) or _record_lapse


def _answer(case: Case, tracked: TrackedDeadline, at: dt.datetime, rules: CaseRules) -> None:
    delivery.answer_period_lapsed(case, tracked.party_id or tracked.key.split(".", 1)[1], at)


def _window(case: Case, tracked: TrackedDeadline, at: dt.datetime, rules: CaseRules) -> None:
    litigation.window_lapsed(case, tracked.party_id or tracked.key.split(".", 1)[1], at, rules)


def _suspension_limit(case: Case, tracked: TrackedDeadline, at: dt.datetime, rules: CaseRules) -> None:
    suspension.suspension_limit_reached(case, at, rules)


def _review(case: Case, tracked: TrackedDeadline, at: dt.datetime, rules: CaseRules) -> None:
    enforcement.review_period_lapsed(case, at)


def _record_lapse(case: Aggregate, tracked: TrackedDeadline, at: dt.datetime, rules: object = None) -> None:
    case.end_deadline(tracked.key, DeadlineStatus.LAPSED)
    case.record(
        DeadlineEvent.PERIOD_LAPSED,
        by=system(tracked.key),
        at=at,
        details={"deadline": tracked.key, "period": tracked.period, "due_on": tracked.due},
        advisories=_LAPSE_ADVICE.get(tracked.key.split(".", 1)[0], ()),
    )


_LAPSES: dict[str, Lapse] = {
    "answer": _answer,
    "litigation": _window,
    "suspension_limit": _suspension_limit,
    "enforcement_review": _review,
}

_LAPSE_ADVICE: dict[str, tuple[Advisory, ...]] = {
    "correction": (
        Advisory(
            "correction_not_supplied",
            "The completion date passed without the missing materials: refuse the request or wait",
            "补正期限届满仍未补正，可不予受理",
        ),
    ),
}
