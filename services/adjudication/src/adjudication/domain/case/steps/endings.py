"""Ends of a case other than a decision: withdrawal, procedural dismissal, and closing the file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.decision import Outcome
from adjudication.domain.case.parts.endings import Ending, EndingKind
from adjudication.domain.case.possible import close_blocked
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps.hearings import cancel_scheduled_hearings
from adjudication.domain.errors import rule_violated
from shared.domain.actors import Actor


def withdraw(case: Case, *, reason: str | None, by: Actor, at: dt.datetime) -> None:
    """The requester withdraws the request before a decision (广东省知识产权保护条例 art. 25)."""
    case.require_state("withdraw")
    _end(case, EndingKind.WITHDRAWN, (reason or "withdrawn by the requester",), at)
    case.outcome = Outcome.WITHDRAWN
    case.move("withdraw", by=by, at=at, details={"reason": reason})


def dismiss(case: Case, *, reasons: Sequence[str], by: Actor, at: dt.datetime) -> None:
    """Procedural dismissal (驳回), e.g. a court suit over the same dispute, or no evaluation report."""
    case.require_state("dismiss")
    if not [r for r in reasons if r.strip()]:
        raise rule_violated("reasons", "required", "A dismissal states its reasons", "驳回须说明理由")
    _end(case, EndingKind.DISMISSED, tuple(reasons), at)
    case.outcome = Outcome.DISMISSED
    case.move("dismiss", by=by, at=at, details={"reasons": list(reasons)})


def close(case: Case, *, note: str | None, by: Actor, at: dt.datetime) -> None:
    """Close the file (结案归档) once nothing is left to do."""
    case.require_state("close")
    if close_blocked(case) and case.state is CaseState.EFFECTIVE:
        raise rule_violated(
            "state",
            "enforcement_pending",
            "Infringement was established: verify compliance or enforce before closing",
            "侵权成立的裁决须经履行核查或申请强制执行后方可结案",
        )
    if close_blocked(case):
        raise rule_violated(
            "state", "ruling_pending", "The court has not refused the application", "法院尚未作出不予执行裁定"
        )
    case.cancel_open_deadlines()
    case.ending = Ending(kind=EndingKind.CLOSED, reasons=(note,) if note else (), at=at)
    case.move("close", by=by, at=at, details={"note": note})


def _end(case: Case, kind: EndingKind, reasons: tuple[str, ...], at: dt.datetime) -> None:
    cancel_scheduled_hearings(case, kind.value)
    case.cancel_open_deadlines()
    case.ending = Ending(kind=kind, reasons=reasons, at=at)
