"""What happens when a case's tracked deadline is reached (or its due-soon warning fires).

* An office duty alerts (:mod:`adjudication.domain.alerts`).
* A party period or time limit running out moves the case where the law says so (answer periods
  over -> review; every litigation window over -> effective; ownership suspension at its limit ->
  resumed; no review of a refused enforcement -> closed), or is recorded for the handler.

A timer for a deadline that was met, paused or cancelled meanwhile is stale and does nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from adjudication.domain.alerts import office_duty, record_lapse
from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.steps import delivery, enforcement, litigation, suspension
from adjudication.domain.values.rules import CaseRules
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TrackedDeadline
from shared.domain.events import Advisory

Lapse = Callable[[Case, TrackedDeadline, dt.datetime, CaseRules], None]


def deadline_reached(case: Case, key: str, *, warning: bool, at: dt.datetime, rules: CaseRules) -> None:
    tracked = case.deadlines.get(key)
    if tracked is None or tracked.status is not DeadlineStatus.RUNNING:
        return
    if tracked.kind is DeadlineKind.OFFICE_DUTY:
        office_duty(case, tracked, warning, at)
    elif not warning:
        _lapse_handler(key)(case, tracked, at, rules)


def _lapse_handler(key: str) -> Lapse:
    prefix = key.split(".", 1)[0]
    return _LAPSES.get(key) or _LAPSES.get(prefix) or _recorded


def _answer(case: Case, tracked: TrackedDeadline, at: dt.datetime, rules: CaseRules) -> None:
    delivery.answer_period_lapsed(case, tracked.party_id or tracked.key.split(".", 1)[1], at)


def _window(case: Case, tracked: TrackedDeadline, at: dt.datetime, rules: CaseRules) -> None:
    litigation.window_lapsed(case, tracked.party_id or tracked.key.split(".", 1)[1], at, rules)


def _suspension_limit(case: Case, tracked: TrackedDeadline, at: dt.datetime, rules: CaseRules) -> None:
    suspension.suspension_limit_reached(case, at, rules)


def _review(case: Case, tracked: TrackedDeadline, at: dt.datetime, rules: CaseRules) -> None:
    enforcement.review_period_lapsed(case, at)


def _recorded(case: Case, tracked: TrackedDeadline, at: dt.datetime, rules: CaseRules) -> None:
    record_lapse(case, tracked, at, _LAPSE_ADVICE.get(tracked.key.split(".", 1)[0], ()))


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
