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

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.clock import PauseReason, end_pause_on
from adjudication.domain.case.parts.service import new_id
from adjudication.domain.case.parts.suspension import (
    REQUESTS,
    SPC_TEMPLATE,
    RefusalGround,
    SuspensionApplication,
    SuspensionDecision,
    SuspensionReason,
    SuspensionRequest,
)
from adjudication.domain.case.states import PRE_DECISION, CaseState
from adjudication.domain.case.steps.clock import refresh_close_deadline
from adjudication.domain.case.steps.clock_pauses import deadline_details, pause_clock
from adjudication.domain.case.steps.procedure import revert_to_ordinary
from adjudication.domain.case.steps.suspension_checklist import check_application, recommendation
from adjudication.domain.errors import RecordNotFound, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.actors import system
from adjudication.domain.values.legal import IMPL_REGS, SHANDONG_REGS
from adjudication.domain.values.rules import CaseRules
from adjudication.domain.values.status import guarded
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.events import Advisory
from shared.domain.legal import Citation

LIMIT_KEY = "suspension_limit"


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
