"""The decision: outcomes, stop-order scope, no damages; the Chinese decision document in HTML and PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from adjudication.adapters.decision_document import decision_document
from adjudication.domain.case.parts.decision import (
    Decision,
    DecisionDraft,
    InfringingAct,
    Outcome,
    StopOrder,
    chinese_number,
    litigation_route,
)
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import decision
from adjudication.domain.errors import RuleViolated
from shared.documents import render_html, render_pdf
from shared.testing.pdf import pdf_text

D = dt.date


def draft(**overrides: Any) -> DecisionDraft:
    fields: dict[str, Any] = {
        "outcome": Outcome.INFRINGEMENT_ESTABLISHED,
        "requester_statement": "称",
        "respondent_statement": "辩",
        "findings": "查明",
        "reasons": "认为",
        "legal_provisions": (),
        "stop_order": StopOrder(acts=(InfringingAct.MAKE,), products=("X1型电动牙刷",)),
        "approved_by": "局长",
        "decided_on": D(2026, 4, 15),
    }
    return DecisionDraft(**(fields | overrides))


def test_a_decision_has_no_damages_field() -> None:
    names = {f.name for f in dataclasses.fields(Decision)} | {
        f.name for f in dataclasses.fields(DecisionDraft)
    }
    assert not [n for n in names if "damage" in n]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"stop_order": None}, "stop_order"),
        ({"stop_order": StopOrder(acts=(InfringingAct.SELL,), products=(" ",))}, "stop_order"),
        ({"outcome": Outcome.REQUEST_REJECTED}, "stop_order"),
        ({"outcome": Outcome.MEDIATED, "stop_order": None}, "outcome"),
        ({"approved_by": " "}, "approved_by"),
        ({"decided_on": D(2026, 3, 1)}, "decided_on"),
    ],
    ids=[
        "no-stop-order",
        "no-product",
        "rejection-with-order",
        "not-a-decision",
        "no-approval",
        "before-docket",
    ],
)
def test_a_decision_must_be_complete_and_consistent(
    builder: Any, overrides: dict[str, Any], field: str
) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    with pytest.raises(RuleViolated) as refused:
        decision.decide(
            case,
            decision_no="X",
            draft=draft(**overrides),
            by=builder.panel_actor,
            at=builder.moment(D(2026, 4, 15)),
            rules=builder.rules,
        )
    assert refused.value.field_errors[0].field == field
    assert case.state is CaseState.IN_REVIEW


def test_deciding_late_or_with_an_even_panel_is_advised(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    case.participants.pop()  # the technical investigator does not decide
    case.participants.pop()  # leaves two deciders
    decision.decide(
        case,
        decision_no="X",
        draft=draft(decided_on=D(2026, 6, 10)),
        by=builder.panel_actor,
        at=builder.moment(D(2026, 6, 10)),
        rules=builder.rules,
    )
    assert {a.code for a in case.events[-1].advisories} == {"decided_late", "panel_size"}
    assert case.decision is not None and case.decision.late
    assert not case.open_deadlines()


def test_the_route_and_the_fifteen_days_are_stated_from_the_catalogue(builder: Any) -> None:
    assert chinese_number(15) == "十五" and chinese_number(30) == "三十" and chinese_number(7) == "七"
    route = litigation_route(builder.rules)
    assert "自收到本裁决书之日起十五日内" in route and "向人民法院起诉" in route
    assert builder.rules.office_name in route


def test_the_decision_document_renders_to_html_and_to_a_pdf_carrying_its_text(builder: Any) -> None:
    case = builder.case_in(CaseState.DECIDED)
    document = decision_document(case, builder.rules)

    html = render_html(document)
    pdf = render_pdf(document)

    texts = [
        "专利侵权纠纷行政裁决书",
        "（2026）京知裁决字第1号",
        "杭州专利权人科技有限公司",
        "被请求人1贸易有限公司",
        "经审理查明",
        "立即停止销售、许诺销售侵犯第ZL202310000001.X号专利权的X1型电动牙刷的行为",
        "自收到本裁决书之日起十五日内",
        "北京市海淀区知识产权局",
        "2026年4月15日",
    ]
    for text in texts:
        assert text in html, text
    assert pdf.startswith(b"%PDF-")
    drawn = pdf_text(pdf)
    for text in ("专利侵权纠纷行政裁决书", "杭州专利权人科技有限公司", "十五日内", "北京市海淀区知识产权局"):
        assert text in drawn, text


def test_a_rejection_reads_as_a_rejection(builder: Any) -> None:
    case = builder.case_in(CaseState.DECIDED, outcome=Outcome.REQUEST_REJECTED)
    html = render_html(decision_document(case, builder.rules))
    assert "驳回请求人的处理请求" in html and "立即停止" not in html


def test_no_decision_without_an_assigned_panel(builder: Any) -> None:
    """A decision is taken by the handlers assigned to the case (专利行政执法办法 art. 11 [U]; §A.11 data
    model). Scenario of issue 17: a decision was issued with no panel assigned, and only advised."""
    case = builder.case_in(CaseState.IN_REVIEW)
    case.participants.clear()
    with pytest.raises(RuleViolated) as refused:
        decision.decide(
            case,
            decision_no="X",
            draft=draft(),
            by=builder.panel_actor,
            at=builder.moment(D(2026, 4, 15)),
            rules=builder.rules,
        )
    error = refused.value.field_errors[0]
    assert (error.field, error.code) == ("participants", "no_panel")
    assert "合议组" in error.message_zh
    assert case.state is CaseState.IN_REVIEW and case.decision is None
