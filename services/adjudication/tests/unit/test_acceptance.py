"""Acceptance guards (§A.2-A.3): court actions, first-to-accept, conditions, jurisdiction, dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from adjudication.domain.case.parts.acceptance import AcceptanceChecklist, OtherAcceptance, docket_number
from adjudication.domain.case.parts.jurisdiction import Jurisdiction, JurisdictionBasis
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import acceptance
from adjudication.domain.errors import AcceptanceBlocked, RuleViolated
from adjudication.domain.values.rules import CaseRules
from shared.vocabulary import IpType

D = dt.date


def test_a_pending_court_action_blocks_acceptance(builder: Any) -> None:
    case = builder.new(court_action_pending=True)
    with pytest.raises(AcceptanceBlocked, match="sued in a people's court"):
        builder.docket(case)
    assert case.state is CaseState.SUBMITTED


def test_the_first_office_to_accept_keeps_the_case(builder: Any) -> None:
    case = builder.new()
    earlier = OtherAcceptance(
        office_code="120101", docket_no="（2026）津知裁字第7号", docketed_at=builder.moment(D(2026, 3, 3))
    )
    with pytest.raises(AcceptanceBlocked) as blocked:
        builder.docket(case, accepted_elsewhere=(earlier,))
    assert "120101" in blocked.value.message and "（2026）津知裁字第7号" in blocked.value.message_zh


def test_unmet_conditions_are_listed_field_by_field(builder: Any) -> None:
    case = builder.new()
    checklist = AcceptanceChecklist(
        requester_entitled=False, respondent_identified=True, claims_specific=False, patent_valid=True
    )
    with pytest.raises(RuleViolated) as refused:
        builder.docket(case, checklist=checklist)
    fields = [e.field for e in refused.value.field_errors]
    assert fields == ["checklist.requester_entitled", "checklist.claims_specific"]
    assert all(e.message_zh for e in refused.value.field_errors)


def test_a_respondent_outside_the_office_area_is_not_this_offices_case(builder: Any) -> None:
    case = builder.new()
    jurisdiction = Jurisdiction(basis=JurisdictionBasis.PLACE_OF_INFRINGEMENT, region_code="440305")
    with pytest.raises(RuleViolated) as refused:
        builder.docket(case, jurisdiction=jurisdiction)
    assert refused.value.field_errors[0].field == "jurisdiction.region_code"
    assert "art. 97" in refused.value.field_errors[0].message


def test_the_place_of_infringement_inside_the_area_founds_jurisdiction(builder: Any) -> None:
    case = builder.new()
    builder.docket(
        case, jurisdiction=Jurisdiction(basis=JurisdictionBasis.PLACE_OF_INFRINGEMENT, region_code="110108")
    )
    assert case.state is CaseState.DOCKETED


def test_only_cnipa_takes_disputes_of_national_significance(builder: Any, rules: CaseRules) -> None:
    national = Jurisdiction(
        basis=JurisdictionBasis.NATIONAL_SIGNIFICANCE, significance_grounds=("跨省重大案件",)
    )
    with pytest.raises(RuleViolated, match="Only CNIPA"):
        builder.docket(builder.new(), jurisdiction=national)

    cnipa = CaseRules(office_code="000000", national_office=True)
    case = builder.new()
    with pytest.raises(RuleViolated, match="national significance"):
        builder.docket(case, rules=cnipa)
    builder.docket(case, rules=cnipa, jurisdiction=national)
    assert case.state is CaseState.DOCKETED
    assert [a.code for a in case.events[-1].advisories] == ["local_certificate_missing"]


def test_docketing_late_is_recorded_and_advised_not_refused(builder: Any) -> None:
    case = builder.new()  # received Mon 2 Mar; 5 WD -> Mon 9 Mar
    builder.docket(case, on=D(2026, 3, 10))
    assert case.docket is not None and case.docket.late
    assert "docketed_late" in [a.code for a in case.events[-1].advisories]
    assert case.deadlines["docket"].met_late


def test_the_docketing_date_cannot_precede_the_request(builder: Any) -> None:
    with pytest.raises(RuleViolated) as refused:
        builder.docket(builder.new(), on=D(2026, 3, 1))
    assert refused.value.field_errors[0].field == "docketed_on"


def test_docketing_starts_service_and_case_clock_and_numbers(builder: Any) -> None:
    case = builder.new()
    builder.docket(case)

    assert case.deadlines["serve_request_copy"].due == D(2026, 3, 11)  # 5 WD after Wed 4 Mar
    assert case.deadlines["close"].due == D(2026, 6, 4)
    assert case.official_no == "（2026）京知裁字第1号"
    assert docket_number(2026, "浙", 12) == "（2026）浙知裁字第12号"


def test_a_correction_restarts_the_docketing_period_from_the_supplement(builder: Any) -> None:
    case = builder.case_in(CaseState.CORRECTION_REQUESTED)
    assert case.deadlines["docket"].status.value == "cancelled"
    acceptance.supplement_materials(
        case, note=None, by=builder.requester, at=builder.moment(D(2026, 3, 12)), rules=builder.rules
    )
    assert case.deadlines["docket"].start == D(2026, 3, 12)
    assert case.deadlines["docket"].due == D(2026, 3, 19)


def test_a_refusal_needs_reasons(builder: Any) -> None:
    with pytest.raises(RuleViolated):
        acceptance.refuse(
            builder.new(), reasons=("  ",), by=builder.handler, at=builder.moment(D(2026, 3, 4))
        )


def test_the_evaluation_report_advisory_for_utility_models(builder: Any) -> None:
    from adjudication.domain.values.parties import PatentRight

    case = builder.new(
        ip_type=IpType.UTILITY_MODEL,
        rights=(PatentRight(ip_type=IpType.UTILITY_MODEL, number="ZL202320000001.0"),),
    )
    builder.docket(case)
    assert "evaluation_report_missing" in [a.code for a in case.events[-1].advisories]


def test_a_case_routed_to_the_simple_procedure_is_advised_to_be_assessed(builder: Any) -> None:
    from adjudication.domain.case.parts.procedure import Procedure

    case = builder.new(procedure=Procedure.SIMPLE)
    builder.docket(case)
    assert "simple_procedure_unassessed" in [a.code for a in case.events[-1].advisories]
