"""Enforcement after an effective decision (§A.8): compliance, demand, application window, court result."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from adjudication.domain.case.parts.decision import Outcome
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import deadlines, endings, enforcement
from adjudication.domain.errors import RuleViolated

D = dt.date


def test_a_demand_needs_an_inspection_that_found_no_compliance(builder: Any) -> None:
    case = builder.case_in(CaseState.EFFECTIVE)
    with pytest.raises(RuleViolated, match="not stopped"):
        enforcement.send_demand(
            case,
            served_on=D(2026, 5, 12),
            method=ServiceMethod.POST,
            by=builder.handler,
            at=builder.moment(D(2026, 5, 12)),
            rules=builder.rules,
        )


def test_a_rejected_request_has_nothing_to_enforce_and_closes(builder: Any) -> None:
    case = builder.case_in(CaseState.EFFECTIVE, outcome=Outcome.REQUEST_REJECTED)
    with pytest.raises(RuleViolated, match="nothing to perform"):
        builder.inspect(case, complied=False)
    assert "enforcement_application" not in case.deadlines
    endings.close(case, note=None, by=builder.handler, at=builder.moment(D(2026, 5, 8)))
    assert case.state is CaseState.CLOSED


def test_an_established_infringement_cannot_be_closed_without_compliance_or_enforcement(builder: Any) -> None:
    case = builder.case_in(CaseState.EFFECTIVE)
    with pytest.raises(RuleViolated, match="verify compliance or enforce"):
        endings.close(case, note=None, by=builder.handler, at=builder.moment(D(2026, 5, 8)))


def test_the_office_may_not_apply_before_ten_working_days_have_passed(builder: Any) -> None:
    case = builder.case_in(CaseState.ENFORCEMENT_DEMAND_SENT)
    assert case.enforcement is not None
    # Demand served Tue 12 May: 10 WD end Tue 26 May; applications from Wed 27 May.
    assert case.enforcement.earliest_application_date == D(2026, 5, 27)
    with pytest.raises(RuleViolated) as early:
        builder.apply(case, on=D(2026, 5, 26))
    assert early.value.field_errors[0].code == "too_early"
    builder.apply(case, on=D(2026, 5, 27))
    assert case.state is CaseState.ENFORCEMENT_APPLIED


def test_a_late_application_needs_a_good_reason(builder: Any) -> None:
    case = builder.case_in(CaseState.ENFORCEMENT_DEMAND_SENT)
    assert case.enforcement is not None
    assert case.enforcement.application_deadline == D(2026, 8, 6)  # window ran out 6 May + 3 months
    with pytest.raises(RuleViolated) as late:
        builder.apply(case, on=D(2026, 8, 7))
    assert late.value.field_errors[0].field == "late_reason"
    builder.apply(case, on=D(2026, 8, 7), late_reason="不可抗力致延误")
    assert case.events[-1].details["late"] is True


def test_compliance_after_the_demand_ends_the_enforcement(builder: Any) -> None:
    case = builder.case_in(CaseState.ENFORCEMENT_DEMAND_SENT)
    builder.inspect(case, complied=True, on=D(2026, 5, 20))
    assert case.state is CaseState.COMPLIED
    assert case.deadlines["enforcement_application"].status.value == "met"


def test_a_granted_application_closes_the_case(builder: Any) -> None:
    case = builder.case_in(CaseState.ENFORCEMENT_APPLIED)
    builder.rule(case, granted=True)
    assert case.state is CaseState.CLOSED
    assert case.events[-1].name == "EnforcementGranted"


def test_a_refusal_leaves_fifteen_days_to_seek_review_then_closes_by_itself(builder: Any) -> None:
    case = builder.case_in(CaseState.ENFORCEMENT_APPLIED)
    builder.rule(case, granted=False, on=D(2026, 6, 5))
    assert case.state == CaseState.ENFORCEMENT_APPLIED
    assert case.deadlines["enforcement_review"].due == D(2026, 6, 22)  # Fri 5 Jun + 15 = Sat 20 -> Mon 22
    builder.lapse(case, "enforcement_review", D(2026, 6, 23))
    assert case.state is CaseState.CLOSED


def test_seeking_review_keeps_the_case_open_for_the_next_ruling(builder: Any) -> None:
    case = builder.case_in(CaseState.ENFORCEMENT_APPLIED)
    builder.rule(case, granted=False, on=D(2026, 6, 5))
    enforcement.seek_review(
        case,
        court_name="北京市第一中级人民法院",
        filed_on=D(2026, 6, 10),
        by=builder.head,
        at=builder.moment(D(2026, 6, 10)),
    )
    deadlines.deadline_reached(
        case, "enforcement_review", warning=False, at=builder.moment(D(2026, 6, 23)), rules=builder.rules
    )  # a stale timer does nothing
    assert case.state == CaseState.ENFORCEMENT_APPLIED
    builder.rule(case, granted=True, on=D(2026, 7, 1))
    assert case.state is CaseState.CLOSED


def test_a_ruling_cannot_precede_the_application_it_rules_on(builder: Any) -> None:
    case = builder.case_in(CaseState.ENFORCEMENT_APPLIED)
    applied_on = case.enforcement.application.applied_on
    with pytest.raises(RuleViolated) as refused:
        builder.rule(case, granted=True, on=applied_on - dt.timedelta(days=1))
    assert [(e.field, e.code) for e in refused.value.field_errors] == [("ruled_on", "before_its_object")]
    assert "申请日期" in refused.value.field_errors[0].message_zh
    assert case.state is CaseState.ENFORCEMENT_APPLIED
