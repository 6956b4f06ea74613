"""Drug-patent linkage periods ([U], warnings only) and the way back from mediation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from adjudication.domain.case.parts.drug_linkage import DeclarationType, LinkageRequest
from adjudication.domain.case.parts.mediation import MediationResult
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import drug_linkage, mediation
from adjudication.domain.errors import CaseTransitionRefused

D = dt.date


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
        rules=builder.rules,
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
        rules=builder.rules,
    )
    builder.docket(case)  # 4 Mar
    assert case.deadlines["drug_linkage.cde_notice"].due == D(2026, 3, 25)  # 15 WD
    assert case.deadlines["drug_linkage.waiting_period"].due == D(2026, 12, 4)  # 9 months
    drug_linkage.record_cde_notice(
        case, notified_on=D(2026, 3, 10), by=builder.handler, at=builder.moment(D(2026, 3, 10))
    )
    assert case.deadlines["drug_linkage.cde_notice"].status.value == "met"


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
