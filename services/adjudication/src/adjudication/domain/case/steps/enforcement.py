"""Enforcement of an effective decision (§A.8): compliance check, demand (催告), court application.

* The office demands performance in writing first (行政强制法 art. 54 [V]); it may apply to the court
  once 10 working days (art. 69) have passed since the demand was served without compliance.
* It must apply within 3 months after the litigation window ran out (art. 53 [V]); later only with a
  good reason (SPC ALL Interpretation art. 156 [V]).
* A court that refuses can be asked for review within 15 days (art. 58 [V]); if nobody asks, the case
  closes by itself. A granted application means the infringer refused to perform: credit acts on it.

These periods are [V], so they are enforced as hard rules.
"""

from __future__ import annotations

import datetime as dt

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.enforcement import (
    ENFORCEMENTS,
    ComplianceCheck,
    Enforcement,
    EnforcementApplication,
    EnforcementRuling,
)
from adjudication.domain.case.parts.litigation import ENFORCEMENT_APPLICATION_KEY
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod, ServiceRecord, new_id
from adjudication.domain.case.states import CaseState
from adjudication.domain.errors import InvariantBroken, not_before, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.actors import system
from adjudication.domain.values.legal import COERCION_LAW
from adjudication.domain.values.rules import CaseRules
from adjudication.domain.values.status import guarded
from shared.calendar import catalogue
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.legal import Citation

DEMAND_WAIT = "adjudication.enforcement_demand_wait"
REVIEW_KEY = "enforcement_review"
ACL54 = Citation(COERCION_LAW, "54")


def check_compliance(
    case: Case,
    *,
    checked_on: dt.date,
    complied: bool,
    findings: str,
    inspector: str,
    by: Actor,
    at: dt.datetime,
) -> None:
    """Record an inspection; if the infringement has stopped as ordered, the case is COMPLIED."""
    if case.state not in (CaseState.EFFECTIVE, CaseState.ENFORCEMENT_DEMAND_SENT):
        case.require_state("verify_compliance")
    if not case.infringement_established:
        raise rule_violated(
            "state",
            "nothing_to_perform",
            "The decision ordered nothing to perform",
            "该裁决没有需要履行的内容",
        )
    if checked_on > case.day_of(at):
        raise rule_violated(
            "checked_on", "in_future", "The inspection date is in the future", "检查日期不能晚于今天"
        )
    case.compliance_checks.append(
        ComplianceCheck(
            checked_on=checked_on, complied=complied, findings=findings, inspector=inspector, recorded_at=at
        )
    )
    details = {"checked_on": checked_on, "complied": complied, "inspector": inspector}
    if not complied:
        case.record(CaseEvent.NON_COMPLIANCE_FOUND, by=by, at=at, details=details)
        return
    case.meet_deadline(ENFORCEMENT_APPLICATION_KEY, checked_on)
    case.cancel_open_deadlines()
    case.move("verify_compliance", by=by, at=at, details=details)


def send_demand(
    case: Case, *, served_on: dt.date, method: ServiceMethod, by: Actor, at: dt.datetime, rules: CaseRules
) -> Enforcement:
    case.require_state("send_enforcement_demand")
    if not case.infringement_established:
        raise rule_violated(
            "state",
            "nothing_to_enforce",
            "Only a finding of infringement is enforced",
            "仅侵权成立的裁决可申请强制执行",
        )
    if not case.compliance_checks or case.compliance_checks[-1].complied:
        raise rule_violated(
            "compliance_checks",
            "no_non_compliance",
            "Record an inspection that found the infringement not stopped first",
            "请先记录未停止侵权的检查结果",
        )
    if served_on > case.day_of(at) or (case.effective_on and served_on < case.effective_on):
        raise rule_violated(
            "served_on",
            "bad_date",
            "The demand is served after the decision is effective, and not in the future",
            "催告书送达日期应在裁决生效之后且不晚于今天",
        )
    wait = catalogue.deadline(DEMAND_WAIT, served_on, province=rules.province)
    application = case.deadlines.get(ENFORCEMENT_APPLICATION_KEY)
    deadline = application.due if application and application.due else served_on
    enforcement = Enforcement(
        demand_served_on=served_on,
        demand_method=method,
        earliest_application_date=wait.due + dt.timedelta(days=1),
        application_deadline=deadline,
        wait_explanation=wait.render(),
    )
    case.enforcement = enforcement
    for party in case.respondents:
        case.services.append(
            ServiceRecord(
                id=new_id(),
                document=DocumentKind.ENFORCEMENT_DEMAND,
                party_id=party.party_id,
                method=method,
                served_on=served_on,
                recorded_at=at,
            )
        )
    case.move(
        "send_enforcement_demand",
        by=by,
        at=at,
        details={
            "served_on": served_on,
            "earliest_application_date": enforcement.earliest_application_date,
            "application_deadline": deadline,
        },
    )
    return enforcement


def apply_to_court(case: Case, *, application: EnforcementApplication, by: Actor, at: dt.datetime) -> None:
    case.require_state("apply_for_enforcement")
    enforcement = case.enforcement
    if enforcement is None:
        raise InvariantBroken("ENFORCEMENT_DEMAND_SENT always has a demand")
    day = application.applied_on
    if day > case.day_of(at):
        raise rule_violated(
            "applied_on", "in_future", "The application date is in the future", "申请日期不能晚于今天"
        )
    if day < enforcement.earliest_application_date:
        raise rule_violated(
            "applied_on",
            "too_early",
            f"The office may apply from {enforcement.earliest_application_date.isoformat()}: "
            "10 working days after the demand was served (行政强制法 arts. 54, 69)",
            f"催告书送达十个工作日后方可申请，最早为{enforcement.earliest_application_date.isoformat()}（行政强制法第五十四条）",
        )
    if any(c.complied for c in case.compliance_checks if c.checked_on >= enforcement.demand_served_on):
        raise rule_violated(
            "applied_on",
            "complied",
            "An inspection after the demand found compliance",
            "催告后的检查显示已履行",
        )
    if day > enforcement.application_deadline and not (application.late_reason or "").strip():
        raise rule_violated(
            "late_reason",
            "too_late",
            f"The time to apply ended on {enforcement.application_deadline.isoformat()} "
            "(行政强制法 art. 53); a late application needs a good reason (ALL Interpretation art. 156)",
            f"申请期限已于{enforcement.application_deadline.isoformat()}届满，逾期申请须说明正当理由",
        )
    ENFORCEMENTS.step(enforcement.status, "apply")
    enforcement.application = application
    case.meet_deadline(ENFORCEMENT_APPLICATION_KEY, day)
    case.move(
        "apply_for_enforcement",
        by=by,
        at=at,
        details={
            "court_code": application.court_code,
            "application_no": application.application_no,
            "applied_on": day,
            "late": day > enforcement.application_deadline,
        },
    )


def record_ruling(
    case: Case,
    *,
    court_code: str,
    ruling_no: str,
    granted: bool,
    ruled_on: dt.date,
    reasons: str | None = None,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    """The court ruled on the application: granted closes the case; refused opens 15 days for review."""
    ruling = EnforcementRuling(
        ruling_no=ruling_no,
        court_code=court_code,
        granted=granted,
        reasons=reasons,
        ruled_on=ruled_on,
        recorded_at=at,
    )
    case.require_state("close_on_enforcement_granted")
    enforcement = case.enforcement
    if enforcement is None:
        raise InvariantBroken("enforcement is not None")
    if enforcement.application is not None:
        not_before("ruled_on", ruled_on, enforcement.application.applied_on, "the application", "申请日期")
    ENFORCEMENTS.step(enforcement.status, "grant" if ruling.granted else "refuse")
    enforcement.rulings.append(ruling)
    details = {"ruling_no": ruling.ruling_no, "granted": ruling.granted, "ruled_on": ruling.ruled_on}
    if ruling.granted:
        case.end_deadline(REVIEW_KEY, DeadlineStatus.CANCELLED)
        case.move("close_on_enforcement_granted", by=by, at=at, details=details)
        return
    case.start_deadline(
        REVIEW_KEY,
        period="adjudication.court_enforcement_review",
        start=ruling.ruled_on,
        kind=DeadlineKind.TIME_LIMIT,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
    )
    case.record(
        CaseEvent.ENFORCEMENT_REFUSED, by=by, at=at, basis=[Citation(COERCION_LAW, "58")], details=details
    )


def seek_review(case: Case, *, court_name: str, filed_on: dt.date, by: Actor, at: dt.datetime) -> None:
    enforcement = case.enforcement
    if case.state is not CaseState.ENFORCEMENT_APPLIED or enforcement is None:
        raise _not_refused()
    guarded(ENFORCEMENTS, enforcement.status, "seek_review", _not_refused)
    enforcement.review_sought_on = filed_on
    case.meet_deadline(REVIEW_KEY, filed_on)
    case.record(
        CaseEvent.ENFORCEMENT_REVIEW_SOUGHT,
        by=by,
        at=at,
        basis=[Citation(COERCION_LAW, "58")],
        details={"court_name": court_name, "filed_on": filed_on},
    )


def review_period_lapsed(case: Case, at: dt.datetime) -> None:
    """Timer: nobody sought review of the refusal in time: the case closes."""
    case.end_deadline(REVIEW_KEY, DeadlineStatus.LAPSED)
    enforcement = case.enforcement
    refused = case.state is CaseState.ENFORCEMENT_APPLIED and enforcement is not None and enforcement.refused
    if refused and enforcement is not None and enforcement.review_sought_on is None:
        case.cancel_open_deadlines()
        case.move(
            "close_after_review_period",
            by=system("enforcement review"),
            at=at,
            details={"reason": "court refused enforcement; no review sought"},
        )


def _not_refused() -> Exception:
    return rule_violated(
        "state", "not_refused", "Review follows a refusal to enforce", "仅可对不予执行裁定申请复议"
    )
