"""After the decision (§A.8): per-party service, 15-day windows to sue, the suit and its judgment.

Each party may sue within 15 calendar days of its own receipt of the decision (专利法 art. 65 [V]);
the decision becomes effective only when every party has been served and every window has passed
with no suit, or when a court upholds it. A revoked decision is decided again or the case closes.
"""

from __future__ import annotations

import datetime as dt

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.litigation import (
    ENFORCEMENT_APPLICATION_KEY,
    WINDOW,
    AdminSuit,
    Judgment,
    JudgmentResult,
    window_key,
)
from adjudication.domain.case.parts.participants import release_person
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod, ServiceRecord, new_id
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps.clock import start_clock
from adjudication.domain.errors import not_before, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.actors import system
from adjudication.domain.values.legal import PL65
from adjudication.domain.values.rules import CaseRules
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus
from shared.domain.events import Advisory


def serve_decision(
    case: Case,
    *,
    party_id: str,
    method: ServiceMethod,
    served_on: dt.date,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    """The decision reached a party: that party's own 15-day window starts."""
    if case.state is not CaseState.LITIGATION_WINDOW:
        case.require_state("serve_decision")
    case.party(party_id)
    decision = case.decision
    if decision is None:
        raise rule_violated("state", "no_decision", "There is no decision to serve", "没有可送达的裁决书")
    if window_key(party_id) in case.deadlines:
        raise rule_violated(
            "party_id", "already_served", f"{party_id} was already served", f"已向 {party_id} 送达"
        )
    if served_on < decision.decided_on or served_on > case.day_of(at):
        raise rule_violated(
            "served_on",
            "bad_date",
            "Service falls between the decision and today",
            "送达日期应在裁决日期与今天之间",
        )
    case.services.append(
        ServiceRecord(
            id=new_id(),
            document=DocumentKind.DECISION,
            party_id=party_id,
            method=method,
            served_on=served_on,
            recorded_at=at,
        )
    )
    window = case.start_deadline(
        window_key(party_id),
        period=WINDOW,
        start=served_on,
        kind=DeadlineKind.PARTY_PERIOD,
        province=rules.province,
        warn_working_days=rules.warn_working_days,
        party_id=party_id,
    )
    details = {
        "party_id": party_id,
        "method": method.value,
        "served_on": served_on,
        "litigation_deadline": window.due,
    }
    if case.state is CaseState.DECIDED:
        case.move("serve_decision", by=by, at=at, details=details)
    else:
        case.record(CaseEvent.DECISION_SERVED, by=by, at=at, basis=[PL65], details=details)


def window_lapsed(case: Case, party_id: str, at: dt.datetime, rules: CaseRules) -> None:
    """Timer: a party's window passed. With every party served and every window passed, it is effective."""
    case.end_deadline(window_key(party_id), DeadlineStatus.LAPSED)
    timer = system("litigation window")
    case.record(
        CaseEvent.LITIGATION_WINDOW_LAPSED, by=timer, at=at, basis=[PL65], details={"party_id": party_id}
    )
    if case.state is not CaseState.LITIGATION_WINDOW or not _every_window_passed(case):
        return
    last_due = max(d.due for d in _windows(case) if d.due is not None)
    case.effective_on = last_due + dt.timedelta(days=1)
    _start_enforcement_clock(case, last_due, rules)
    case.move("become_effective", by=timer, at=at, details={"effective_on": case.effective_on})


def record_suit(
    case: Case,
    *,
    court_code: str,
    court_case_no: str,
    plaintiff: str,
    filed_on: dt.date,
    decision_no: str | None = None,
    by: Actor,
    at: dt.datetime,
) -> None:
    """A party sued (行政诉讼); the remaining windows no longer matter. Execution is not stayed.

    ``decision_no`` is the decision the court names, if it names one: it must be this case's.
    """
    check_decision_reference(case, decision_no)
    case.require_state("record_admin_suit")
    if case.decision is not None:
        not_before("filed_on", filed_on, case.decision.decided_on, "the decision", "裁决日期")
    advisories = []
    party = next((p for p in case.parties if p.name == plaintiff or p.party_id == plaintiff), None)
    window = case.deadlines.get(window_key(party.party_id)) if party else None
    if window is not None and window.due is not None and filed_on > window.due:
        advisories.append(
            Advisory(
                "suit_after_window",
                f"Filed after {plaintiff}'s window ended on {window.due}",
                f"起诉日期晚于{plaintiff}的起诉期限（{window.due}）",
            )
        )
    for key in [d.key for d in _windows(case)]:
        case.end_deadline(key, DeadlineStatus.CANCELLED)
    case.suit = AdminSuit(
        court_code=court_code, court_case_no=court_case_no, plaintiff=plaintiff, filed_on=filed_on
    )
    case.move(
        "record_admin_suit",
        by=by,
        at=at,
        advisories=advisories,
        details={
            "court_code": court_code,
            "court_case_no": court_case_no,
            "plaintiff": plaintiff,
            "filed_on": filed_on,
        },
    )


def record_judgment(
    case: Case,
    *,
    result: JudgmentResult,
    judgment_no: str,
    effective_on: dt.date,
    decision_no: str | None = None,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    """The court's judgment took effect: the decision is upheld (effective) or revoked."""
    check_decision_reference(case, decision_no)
    case.require_state("uphold")
    suit = case.suit
    if suit is None:
        raise rule_violated("state", "no_suit", "No administrative suit is recorded", "没有行政诉讼记录")
    not_before("effective_on", effective_on, suit.filed_on, "the suit's filing", "起诉日期")
    suit.judgment = Judgment(
        result=result, judgment_no=judgment_no, effective_on=effective_on, recorded_at=at
    )
    details = {
        "judgment_no": judgment_no,
        "result": result.value,
        "effective_on": effective_on,
        "court_case_no": suit.court_case_no,
    }
    if result is JudgmentResult.UPHELD:
        case.effective_on = effective_on
        _start_enforcement_clock(case, effective_on, rules)
        case.move("uphold", by=by, at=at, details=details)
    else:
        case.move("revoke", by=by, at=at, details=details)


def reopen_after_revocation(case: Case, *, reason: str, by: Actor, at: dt.datetime, rules: CaseRules) -> None:
    """The court ordered a new decision: the earlier panel steps down and the case clock restarts."""
    case.require_state("reopen_after_revocation")
    if case.suit is not None and case.decision is not None:
        case.suit.previous_decision_no = case.decision.decision_no
    for person in case.participants:
        if person.active:
            release_person(person, at, "original decision revoked")
    case.redeciding, case.outcome, case.effective_on = True, None, None
    close = start_clock(case, case.day_of(at), rules, simple_procedure=False)
    case.move(
        "reopen_after_revocation",
        by=by,
        at=at,
        details={"reason": reason, "close_deadline": close.due if close else None},
    )


def _start_enforcement_clock(case: Case, window_end: dt.date, rules: CaseRules) -> None:
    """Infringement found: the office has 3 months after the window to apply to court (ACL art. 53)."""
    if case.infringement_established:
        case.start_deadline(
            ENFORCEMENT_APPLICATION_KEY,
            period="adjudication.enforcement_application",
            start=window_end,
            kind=DeadlineKind.OFFICE_DUTY,
            province=rules.province,
            warn_working_days=rules.warn_working_days,
        )


def _windows(case: Case) -> list:  # type: ignore[type-arg]
    return [
        case.deadlines[window_key(p.party_id)]
        for p in case.parties
        if window_key(p.party_id) in case.deadlines
    ]


def _every_window_passed(case: Case) -> bool:
    windows = _windows(case)
    return len(windows) == len(case.parties) and all(w.status is DeadlineStatus.LAPSED for w in windows)


def check_decision_reference(case: Case, decision_no: str | None) -> None:
    """A court's message names the decision it concerns; it must be this case's decision."""
    if decision_no and case.decision is not None and decision_no != case.decision.decision_no:
        raise rule_violated(
            "decision_no",
            "other_decision",
            f"The case's decision is {case.decision.decision_no}, not {decision_no}",
            f"本案裁决书编号为{case.decision.decision_no}，不是{decision_no}",
        )
