"""Suspension (中止) and resumption (domain-rules §A.5), and the other pauses of the case clock.

* Invalidation: the respondent asks, CNIPA has accepted the invalidation request; the office *may*
  suspend and may refuse on the Shandong art. 19 [V] checklist. A recommendation from the court
  template (SPC patent-dispute provisions arts. 8-12 [V]) is computed for the panel.
* Ownership dispute (专利法实施细则 art. 103 [V]): at most 1 year unless extended, then the case
  resumes by itself.
* Court preservation (art. 104 [V]): suspended from the day the ruling is received.

The case clock stands still while suspended; appraisal (鉴定) and publication (公告) pause it too
without changing the state. On resumption the new closing deadline is recorded with its explanation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from adjudication.domain.actors import system
from adjudication.domain.case_clock import PauseReason, end_pause_on, refresh_close_deadline
from adjudication.domain.clock_pauses import deadline_details, pause_clock
from adjudication.domain.errors import CaseTransitionRefused, RecordNotFound, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.legal import IMPL_REGS, SHANDONG_REGS
from adjudication.domain.procedure import revert_to_ordinary
from adjudication.domain.service_records import new_id
from adjudication.domain.states import PRE_DECISION, CaseState
from adjudication.domain.status import guarded
from adjudication.domain.suspension_checklist import (
    Attachment,
    RefusalGround,
    SuspensionReason,
    check_application,
    recommendation,
)
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.events import Advisory
from shared.domain.legal import Citation
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules

LIMIT_KEY = "suspension_limit"
SPC_TEMPLATE = Citation("最高人民法院关于审理专利纠纷案件适用法律问题的若干规定", "8-12")


class SuspensionDecision(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"


D = SuspensionDecision
# fmt: off
SUSPENSION_DECISIONS: Final = TransitionTable(D, (
    transition("grant", {D.PENDING}, D.GRANTED, event=CaseEvent.CASE_SUSPENDED,
               guard="a ground of Impl. Regs arts. 98, 103, 104; the case can be suspended now",
               basis=(Citation(IMPL_REGS, "98"), Citation(IMPL_REGS, "103-104"))),
    transition("refuse", {D.PENDING}, D.REFUSED, event=CaseEvent.SUSPENSION_REFUSED,
               guard="at least one ground of refusal named",
               basis=(Citation(SHANDONG_REGS, "19"), SPC_TEMPLATE)),
))
# fmt: on
REQUESTS = StatusMachine(SUSPENSION_DECISIONS, CaseTransitionRefused)


@dataclass(slots=True, kw_only=True)
class SuspensionRequest:
    id: str
    reason: SuspensionReason
    requested_by: str | None
    filed_on: dt.date
    invalidation_case_no: str | None = None
    invalidation_accepted_on: dt.date | None = None
    attachments: tuple[Attachment, ...] = ()
    court_ruling_no: str | None = None
    note: str | None = None
    recommendation: str = ""
    decision: SuspensionDecision = SuspensionDecision.PENDING
    refusal_grounds: tuple[RefusalGround, ...] = ()
    decision_reasons: str | None = None
    decided_on: dt.date | None = None
    resumed_on: dt.date | None = None

    @property
    def concerns_invalidation(self) -> bool:
        return self.reason is SuspensionReason.INVALIDATION

    @property
    def is_open_or_granted(self) -> bool:
        pending = self.decision is SuspensionDecision.PENDING
        return pending or (self.decision is SuspensionDecision.GRANTED and self.resumed_on is None)


@dataclass(frozen=True, slots=True, kw_only=True)
class SuspensionApplication:
    reason: SuspensionReason
    requested_by: str | None
    filed_on: dt.date
    invalidation_case_no: str | None = None
    invalidation_accepted_on: dt.date | None = None
    attachments: tuple[Attachment, ...] = ()
    court_ruling_no: str | None = None
    note: str | None = None


def request_suspension(
    case: Case, *, application: SuspensionApplication, by: Actor, at: dt.datetime, rules: CaseRules
) -> SuspensionRequest:
    if case.state not in PRE_DECISION:
        raise rule_violated(
            "state",
            "not_pending",
            "Suspension is possible only before the decision",
            "仅可在裁决作出前申请中止",
        )
    check_application(case, application)
    request = SuspensionRequest(
        id=new_id(),
        reason=application.reason,
        requested_by=application.requested_by,
        filed_on=application.filed_on,
        invalidation_case_no=application.invalidation_case_no,
        invalidation_accepted_on=application.invalidation_accepted_on,
        attachments=application.attachments,
        court_ruling_no=application.court_ruling_no,
        note=application.note,
        recommendation=recommendation(case, application),
    )
    case.suspension_requests.append(request)
    case.record(
        CaseEvent.SUSPENSION_REQUESTED,
        by=by,
        at=at,
        basis=_basis(application.reason),
        details={
            "request_id": request.id,
            "reason": request.reason.value,
            "invalidation_case_no": request.invalidation_case_no,
            "recommendation": request.recommendation,
        },
    )
    if request.concerns_invalidation:
        revert_to_ordinary(case, reason="invalidation request pending", by=by, at=at, rules=rules)
    return request


def decide_suspension(
    case: Case,
    *,
    request_id: str,
    grant: bool,
    refusal_grounds: Sequence[RefusalGround],
    reasons: str | None,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    request = _request(case, request_id)
    decided = guarded(REQUESTS, request.decision, "grant" if grant else "refuse", _already_decided)
    today = case.day_of(at)
    if not grant:
        if not refusal_grounds:
            raise rule_violated(
                "refusal_grounds",
                "required",
                "A refusal names at least one ground (§A.5)",
                "不予中止须说明至少一项理由",
            )
        request.decision, request.refusal_grounds = decided.target, tuple(refusal_grounds)
        request.decision_reasons, request.decided_on = reasons, today
        case.record(
            CaseEvent.SUSPENSION_REFUSED,
            by=by,
            at=at,
            basis=[Citation(SHANDONG_REGS, "19"), SPC_TEMPLATE],
            details={"request_id": request_id, "grounds": [g.value for g in refusal_grounds]},
        )
        return
    case.require_state("suspend")
    # Court preservation suspends from the day the ruling arrived (专利法实施细则 art. 104).
    start = request.filed_on if request.reason is SuspensionReason.COURT_PRESERVATION else today
    request.decision, request.decision_reasons, request.decided_on = decided.target, reasons, today
    pause_clock(case, PauseReason.SUSPENSION, start, request.id)
    if request.reason is SuspensionReason.OWNERSHIP:
        case.start_deadline(
            LIMIT_KEY,
            period="adjudication.ownership_suspension_max",
            start=request.filed_on,
            kind=DeadlineKind.TIME_LIMIT,
            province=rules.province,
            warn_working_days=rules.warn_working_days,
        )
    refresh_close_deadline(case, rules)
    case.move(
        "suspend",
        by=by,
        at=at,
        details={
            "request_id": request_id,
            "reason": request.reason.value,
            "suspended_on": start,
            "invalidation_case_no": request.invalidation_case_no,
            "court_ruling_no": request.court_ruling_no,
        },
    )


def extend_ownership_suspension(case: Case, *, by: Actor, at: dt.datetime, rules: CaseRules) -> None:
    """Impl. Regs art. 103: the one-year limit may be extended on request."""
    limit = case.deadlines.get(LIMIT_KEY)
    if case.state is not CaseState.SUSPENDED or limit is None or not limit.is_open or limit.due is None:
        raise rule_violated(
            "state",
            "no_ownership_suspension",
            "No ownership-dispute suspension is running",
            "当前没有因权属纠纷的中止",
        )
    case.start_deadline(
        LIMIT_KEY,
        period="adjudication.ownership_suspension_max",
        start=limit.due,
        kind=DeadlineKind.TIME_LIMIT,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    case.record(
        CaseEvent.SUSPENSION_EXTENDED,
        by=by,
        at=at,
        basis=[Citation(IMPL_REGS, "103")],
        details={"until": case.deadlines[LIMIT_KEY].due},
    )


def resume(case: Case, *, reason: str, by: Actor, at: dt.datetime, rules: CaseRules) -> None:
    case.require_state("resume")
    _resume(case, "resume", reason, by, at, rules)


def suspension_limit_reached(case: Case, at: dt.datetime, rules: CaseRules) -> None:
    """Timer: an ownership suspension reached its limit with no extension: the case resumes itself."""
    case.end_deadline(LIMIT_KEY, DeadlineStatus.LAPSED)
    if case.state is CaseState.SUSPENDED:
        _resume(case, "resume_at_time_limit", "time limit reached", system("suspension limit"), at, rules)


def _resume(case: Case, transition: str, reason: str, by: Actor, at: dt.datetime, rules: CaseRules) -> None:
    today = case.day_of(at)
    granted = [
        r for r in case.suspension_requests if r.decision is SuspensionDecision.GRANTED and not r.resumed_on
    ]
    for request in granted:
        request.resumed_on = today
    clock = case.clock
    pause = clock.open_pause(PauseReason.SUSPENSION) if clock else None
    if pause is not None:
        end_pause_on(pause, today)
    case.end_deadline(LIMIT_KEY, DeadlineStatus.CANCELLED)
    deadline = refresh_close_deadline(case, rules)
    details = {"reason": reason, "resumed_on": today, **deadline_details(deadline)}
    if granted:
        details["suspension_reason"] = granted[-1].reason.value
    advisories = (
        [
            Advisory(
                "new_close_deadline",
                f"New closing deadline: {deadline.due.isoformat()}",
                f"新的结案期限：{deadline.due.isoformat()}",
            )
        ]
        if deadline
        else []
    )
    case.move(transition, by=by, at=at, details=details, advisories=advisories)


def _already_decided() -> Exception:
    return rule_violated("request_id", "already_decided", "Already decided", "该中止申请已作出决定")


def _request(case: Case, request_id: str) -> SuspensionRequest:
    for request in case.suspension_requests:
        if request.id == request_id:
            return request
    raise RecordNotFound(f"No suspension request {request_id}", f"没有中止申请 {request_id}")


def _basis(reason: SuspensionReason) -> list[Citation]:
    article = {
        SuspensionReason.INVALIDATION: "98",
        SuspensionReason.OWNERSHIP: "103",
        SuspensionReason.COURT_PRESERVATION: "104",
    }.get(reason)
    return [Citation(IMPL_REGS, article)] if article else []
