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
from typing import TYPE_CHECKING

from adjudication.domain.actors import Actor
from adjudication.domain.case_clock import ClockPause, PauseReason, refresh_close_deadline
from adjudication.domain.deadlines import DeadlineKind, DeadlineStatus
from adjudication.domain.delivery import answer_key, new_id
from adjudication.domain.errors import RecordNotFound, rule_violated
from adjudication.domain.legal import IMPL_REGS, SHANDONG_REGS, ZHEJIANG_REGS, Citation
from adjudication.domain.parties import PartyRole
from adjudication.domain.procedure import revert_to_ordinary
from adjudication.domain.records import Advisory
from adjudication.domain.states import PRE_DECISION, CaseState

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules

LIMIT_KEY = "suspension_limit"
SPC_TEMPLATE = Citation("最高人民法院关于审理专利纠纷案件适用法律问题的若干规定", "8-12")


class SuspensionReason(StrEnum):
    INVALIDATION = "invalidation"
    OWNERSHIP = "ownership"
    COURT_PRESERVATION = "court_preservation"
    OTHER = "other"


class Attachment(StrEnum):
    """What an invalidation-based request must attach (山东省专利条例 art. 19 [V])."""

    ACCEPTANCE_NOTICE = "acceptance_notice"  # 无效宣告请求受理通知书
    INVALIDATION_REQUEST = "invalidation_request"  # 无效宣告请求书
    INVALIDATION_EVIDENCE = "invalidation_evidence"  # 证据


class RefusalGround(StrEnum):
    INVALIDATION_GROUNDS_INSUFFICIENT = "invalidation_grounds_insufficient"
    PRIOR_ART = "prior_art"
    OUTSIDE_CLAIMS = "outside_claims"
    EVALUATION_REPORT_NO_DEFECT = "evaluation_report_no_defect"
    INCOMPLETE_REQUEST = "incomplete_request"
    LATE_REQUEST = "late_request"
    OTHER = "other"


class SuspensionDecision(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"


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
    _check_application(case, application)
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
        "SuspensionRequested",
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
    if request.decision is not SuspensionDecision.PENDING:
        raise rule_violated("request_id", "already_decided", "Already decided", "该中止申请已作出决定")
    today = case.day_of(at)
    if not grant:
        if not refusal_grounds:
            raise rule_violated(
                "refusal_grounds",
                "required",
                "A refusal names at least one ground (§A.5)",
                "不予中止须说明至少一项理由",
            )
        request.decision, request.refusal_grounds = SuspensionDecision.REFUSED, tuple(refusal_grounds)
        request.decision_reasons, request.decided_on = reasons, today
        case.record(
            "SuspensionRefused",
            by=by,
            at=at,
            basis=[Citation(SHANDONG_REGS, "19"), SPC_TEMPLATE],
            details={"request_id": request_id, "grounds": [g.value for g in refusal_grounds]},
        )
        return
    case.require_state("suspend")
    # Court preservation suspends from the day the ruling arrived (专利法实施细则 art. 104).
    start = request.filed_on if request.reason is SuspensionReason.COURT_PRESERVATION else today
    request.decision, request.decision_reasons, request.decided_on = (
        SuspensionDecision.GRANTED,
        reasons,
        today,
    )
    _pause(case, PauseReason.SUSPENSION, start, request.id)
    if request.reason is SuspensionReason.OWNERSHIP:
        case.start_deadline(
            LIMIT_KEY,
            period="adjudication.ownership_suspension_max",
            start=request.filed_on,
            kind=DeadlineKind.TIME_LIMIT,
            rules=rules,
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
        rules=rules,
    )
    case.record(
        "SuspensionExtended",
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
        _resume(
            case, "resume_at_time_limit", "time limit reached", Actor.system("suspension limit"), at, rules
        )


def start_pause(
    case: Case, *, reason: PauseReason, reference: str | None, by: Actor, at: dt.datetime, rules: CaseRules
) -> None:
    """Appraisal or publication started: the case clock stops without a change of state."""
    if reason is PauseReason.SUSPENSION or case.state not in PRE_DECISION:
        raise rule_violated(
            "reason",
            "not_a_pause",
            "Appraisal or publication before the decision only",
            "仅鉴定、公告期间可在裁决前暂停计时",
        )
    clock = case.clock
    if clock is None or clock.open_pause(reason) is not None:
        raise rule_violated(
            "reason", "already_paused", f"The clock is already paused for {reason}", f"已因{reason}暂停计时"
        )
    _pause(case, reason, case.day_of(at), reference)
    refresh_close_deadline(case, rules)
    case.record(
        "ClockPaused",
        by=by,
        at=at,
        basis=[Citation(ZHEJIANG_REGS, "26 ¶2")],
        details={"reason": reason.value, "reference": reference},
    )


def end_pause(case: Case, *, reason: PauseReason, by: Actor, at: dt.datetime, rules: CaseRules) -> None:
    clock = case.clock
    pause = clock.open_pause(reason) if clock else None
    if pause is None or reason is PauseReason.SUSPENSION:
        raise rule_violated(
            "reason", "not_paused", f"The clock is not paused for {reason}", f"未因{reason}暂停计时"
        )
    pause.end = case.day_of(at)
    deadline = refresh_close_deadline(case, rules)
    case.record(
        "ClockResumed",
        by=by,
        at=at,
        basis=[Citation(ZHEJIANG_REGS, "26 ¶2")],
        details=_deadline_details(deadline),
    )


def recommendation(case: Case, application: SuspensionApplication) -> str:
    """What the §A.5 checklist and the court template suggest; the panel decides."""
    if application.reason is SuspensionReason.OWNERSHIP:
        return "suspend: ownership dispute (专利法实施细则 art. 103), at most 1 year unless extended"
    if application.reason is SuspensionReason.COURT_PRESERVATION:
        return "suspend from receipt of the preservation ruling (专利法实施细则 art. 104)"
    if application.reason is SuspensionReason.OTHER:
        return "discretionary"
    missing = [a.value for a in Attachment if a not in application.attachments]
    if missing:
        return f"refuse: incomplete request, missing {', '.join(missing)} (山东省专利条例 art. 19)"
    answer_due = _answer_due(case, application.requested_by)
    if answer_due is not None and application.filed_on > answer_due:
        return "normally do not suspend: requested after the answer period (SPC template arts. 8-12)"
    if any(r.needs_evaluation_report for r in case.rights):
        return (
            "normally suspend (utility model/design, requested within the answer period), unless the "
            "evaluation report found no invalidity ground, prior art is clearly proven or the invalidation "
            "evidence is clearly insufficient (SPC template art. 9)"
        )
    return (
        "discretionary: invention patent (SPC template art. 11); refuse if the grounds are clearly untenable"
    )


def _check_application(case: Case, application: SuspensionApplication) -> None:
    if application.reason is SuspensionReason.INVALIDATION:
        requester = case.party(application.requested_by) if application.requested_by else None
        if requester is None or requester.role is not PartyRole.RESPONDENT:
            raise rule_violated(
                "requested_by",
                "respondent_only",
                "The respondent asks for this suspension",
                "因无效宣告中止应由被请求人申请",
            )
        if application.invalidation_accepted_on is None or not application.invalidation_case_no:
            raise rule_violated(
                "invalidation_accepted_on",
                "not_accepted",
                "Only an invalidation request CNIPA has accepted counts (专利法实施细则 art. 98)",
                "须为国家知识产权局已受理的无效宣告请求（专利法实施细则第九十八条）",
            )
    if application.reason is SuspensionReason.COURT_PRESERVATION and not application.court_ruling_no:
        raise rule_violated(
            "court_ruling_no", "required", "Give the preservation ruling's number", "请填写保全裁定书编号"
        )


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
        pause.end = today
    case.end_deadline(LIMIT_KEY, DeadlineStatus.CANCELLED)
    deadline = refresh_close_deadline(case, rules)
    details = {"reason": reason, "resumed_on": today, **_deadline_details(deadline)}
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


def _pause(case: Case, reason: PauseReason, start: dt.date, reference: str | None) -> None:
    if case.clock is not None:
        case.clock.pauses.append(ClockPause(reason=reason, start=start, reference=reference))


def _deadline_details(deadline: object) -> dict[str, object]:
    from shared.calendar import Deadline

    if not isinstance(deadline, Deadline):
        return {"close_deadline": None}
    return {"close_deadline": deadline.due, "close_deadline_explanation": deadline.render()}


def _answer_due(case: Case, party_id: str | None) -> dt.date | None:
    tracked = case.deadlines.get(answer_key(party_id)) if party_id else None
    return tracked.due if tracked else None


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
