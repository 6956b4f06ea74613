"""Drug-patent linkage: CNIPA only, a scope finding (专利法 art. 76; §A.10), periods ([U], warnings
only); and the way back from mediation."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from adjudication.adapters.decision_document import decision_document
from adjudication.domain.case.parts.decision import DecisionDraft, InfringingAct, Outcome, StopOrder
from adjudication.domain.case.parts.drug_linkage import DeclarationType, LinkageRequest
from adjudication.domain.case.parts.mediation import MediationResult
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import decision, drug_linkage, mediation
from adjudication.domain.errors import CaseTransitionRefused, RuleViolated
from adjudication.domain.values.rules import CaseRules
from shared.documents import render_html

D = dt.date


def cnipa(rules: CaseRules) -> CaseRules:
    return dataclasses.replace(rules, national_office=True, office_code="100000", office_abbreviation="国")


def linkage(published: dt.date, chemical: bool = True) -> LinkageRequest:
    return LinkageRequest(
        drug_name="某某片",
        marketing_application_no="CYHS2600001",
        generic_applicant="仿制药企业",
        declaration_type=DeclarationType.TYPE_4,
        cde_published_on=published,
        chemical_generic=chemical,
    )


def test_a_linkage_request_filed_late_is_advised_not_refused(builder: Any) -> None:
    case = builder.new()  # received 2 Mar 2026
    drug_linkage.register(
        case,
        request=linkage(D(2026, 1, 5)),
        by=builder.handler,
        at=builder.moment(D(2026, 3, 3)),
        rules=cnipa(builder.rules),
    )
    assert case.drug_linkage is not None
    assert case.drug_linkage.patentee_action_due == D(2026, 2, 24)  # 5 Jan + 45 = 19 Feb (break) -> 24 Feb
    assert not case.drug_linkage.filed_in_time
    assert case.events[-1].advisories[0].code == "linkage_request_late"


def test_acceptance_starts_the_cde_notice_and_the_waiting_period(builder: Any) -> None:
    case = builder.new()
    drug_linkage.register(
        case,
        request=linkage(D(2026, 2, 2)),
        by=builder.handler,
        at=builder.moment(D(2026, 3, 3)),
        rules=cnipa(builder.rules),
    )
    builder.docket(case)  # 4 Mar
    assert case.deadlines["drug_linkage.cde_notice"].due == D(2026, 3, 25)  # 15 WD
    assert case.deadlines["drug_linkage.waiting_period"].due == D(2026, 12, 4)  # 9 months
    drug_linkage.record_cde_notice(
        case, notified_on=D(2026, 3, 10), by=builder.handler, at=builder.moment(D(2026, 3, 10))
    )
    assert case.deadlines["drug_linkage.cde_notice"].status.value == "met"


def test_a_local_office_cannot_register_a_linkage_request(builder: Any) -> None:
    """专利法 art. 76 (§A.10): the administrative adjudication of a linkage dispute is CNIPA's alone.
    Scenario of issue 17: a district office registered one for a generic tablet."""
    case = builder.new()
    with pytest.raises(RuleViolated) as refused:
        drug_linkage.register(
            case,
            request=linkage(D(2026, 2, 2)),
            by=builder.handler,
            at=builder.moment(D(2026, 3, 3)),
            rules=builder.rules,  # 北京市海淀区知识产权局
        )
    error = refused.value.field_errors[0]
    assert (error.field, error.code) == ("drug_linkage", "cnipa_only")
    assert "国务院专利行政部门" in error.message_zh and "CNIPA" in error.message
    assert case.drug_linkage is None


def linkage_draft(outcome: Outcome, order: StopOrder | None = None) -> DecisionDraft:
    return DecisionDraft(
        outcome=outcome,
        requester_statement="请求人称",
        respondent_statement="被请求人辩称",
        findings="经查",
        reasons="本局认为",
        legal_provisions=("《中华人民共和国专利法》第七十六条",),
        stop_order=order,
        approved_by="局长",
        decided_on=D(2026, 4, 15),
    )


def linkage_case(builder: Any) -> Any:
    case = builder.case_in(CaseState.IN_REVIEW)
    drug_linkage.register(
        case,
        request=linkage(D(2026, 2, 2)),
        by=builder.handler,
        at=builder.moment(D(2026, 3, 3)),
        rules=cnipa(builder.rules),
    )
    return case


@pytest.mark.parametrize(
    ("outcome", "order", "field"),
    [
        (
            Outcome.INFRINGEMENT_ESTABLISHED,
            StopOrder(acts=(InfringingAct.MAKE,), products=("某某片",)),
            "outcome",
        ),
        (Outcome.REQUEST_REJECTED, None, "outcome"),
        (
            Outcome.WITHIN_PROTECTION_SCOPE,
            StopOrder(acts=(InfringingAct.MAKE,), products=("某某片",)),
            "stop_order",
        ),
    ],
    ids=["infringement-and-stop-order", "rejection", "scope-with-stop-order"],
)
def test_a_linkage_decision_is_a_scope_finding_not_infringement(
    builder: Any, outcome: Outcome, order: StopOrder | None, field: str
) -> None:
    """专利法 art. 76 (§A.10): what is decided is whether the generic drug's technical solution falls
    within the patent's protection scope. Scenario of issue 17: the result was forced into infringement
    plus a stop order, or a rejection."""
    case = linkage_case(builder)
    with pytest.raises(RuleViolated) as refused:
        decision.decide(
            case,
            decision_no="X",
            draft=linkage_draft(outcome, order),
            by=builder.panel_actor,
            at=builder.moment(D(2026, 4, 15)),
            rules=cnipa(builder.rules),
        )
    assert refused.value.field_errors[0].field == field
    assert case.state is CaseState.IN_REVIEW


@pytest.mark.parametrize(
    ("outcome", "words"),
    [
        (Outcome.WITHIN_PROTECTION_SCOPE, "的技术方案落入第"),
        (Outcome.OUTSIDE_PROTECTION_SCOPE, "的技术方案未落入第"),
    ],
)
def test_a_linkage_decision_finds_within_or_outside_the_scope(
    builder: Any, outcome: Outcome, words: str
) -> None:
    case = linkage_case(builder)
    decision.decide(
        case,
        decision_no="X",
        draft=linkage_draft(outcome),
        by=builder.panel_actor,
        at=builder.moment(D(2026, 4, 15)),
        rules=cnipa(builder.rules),
    )
    assert case.state is CaseState.DECIDED and case.outcome is outcome
    assert case.decision is not None and case.decision.stop_order is None
    assert not case.infringement_established
    html = render_html(decision_document(case, cnipa(builder.rules)))
    assert words in html and "停止" not in html.split("裁决如下")[-1].split("当事人不服")[0]


def result(outcome: str, amount: Decimal | None = None) -> MediationResult:
    return MediationResult(
        mediation_case_id="m-1",
        mediation_case_no="MD2026-000001",
        result=outcome,
        agreement_id="a-1" if amount else None,
        agreed_amount=amount,
        currency="CNY",
        summary=None,
        concluded_at=dt.datetime(2026, 4, 10, tzinfo=dt.UTC),
    )


def test_an_agreement_ends_the_case_with_the_amount_only_as_mediated(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_MEDIATION)
    mediation.conclude_mediation(
        case, result=result("agreement", Decimal("80000.00")), at=builder.moment(D(2026, 4, 10))
    )
    assert case.state is CaseState.MEDIATED and case.outcome is not None and case.outcome.value == "MEDIATED"
    assert case.mediation is not None and case.mediation.agreed_amount == Decimal("80000.00")
    assert case.decision is None
    assert not case.open_deadlines()


@pytest.mark.parametrize("outcome", ["failed", "withdrawn", "expired", "declined"])
def test_anything_but_an_agreement_returns_the_case_to_review(builder: Any, outcome: str) -> None:
    case = builder.case_in(CaseState.IN_MEDIATION)
    mediation.conclude_mediation(case, result=result(outcome), at=builder.moment(D(2026, 4, 10)))
    assert case.state is CaseState.IN_REVIEW
    assert case.events[-1].advisories[0].code == "decide_promptly"


def test_a_late_result_for_a_case_no_longer_in_mediation_is_refused(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    with pytest.raises(CaseTransitionRefused):
        mediation.conclude_mediation(case, result=result("failed"), at=builder.moment(D(2026, 4, 10)))
