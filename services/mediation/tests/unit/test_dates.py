"""Dates that cannot precede what they belong to are refused, naming the field (issue 13).

The regression behind it: a signature dated months before the case existed was accepted, and since
an agreement takes effect at its last signature, its 30-day confirmation window had lapsed before
it was recorded.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mediation.domain import agreeing, confirming, mediating, performing
from mediation.domain.agreement import SignatureManner
from mediation.domain.case import MediationCase
from mediation.domain.competence import CompetenceFinding, CompetentCourt
from mediation.domain.confirmation import ApplicationManner, JointApplicantSignature
from mediation.domain.errors import InvalidRequest
from mediation.domain.states import MediationState as S
from mediation.rules import load_confirmation_rules
from mediation.testing import STAFF, T0, TIMING, content, mediator, new_case, organisation

DAY = dt.timedelta(days=1)
LATER = T0 + dt.timedelta(days=2)
COURT = CompetentCourt(code="ZJ-HZ-XH", name="杭州市西湖区人民法院", level=None, grounds=(), grounds_zh=())
FINDING = CompetenceFinding(rule="basic_court", courts=(COURT,), explanation=(), explanation_zh=())


def mediating_case(*, started: dt.datetime = T0) -> MediationCase:
    case = new_case()
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.record_consent(case, case.respondents[0].id, STAFF, T0, TIMING)
    mediating.confirm_assignment(case, assignment.id, STAFF, started, TIMING)
    agreeing.draft_agreement(case, content(case), load_confirmation_rules(), STAFF, started)
    return case


def signed_case() -> MediationCase:
    case = mediating_case()
    for signatory in [*(p.id for p in case.parties), None]:
        agreeing.sign_agreement(case, signatory, SignatureManner.SIGNATURE, LATER, STAFF, LATER, TIMING)
    return case


def filed_case() -> MediationCase:
    case = signed_case()
    applicants = tuple(
        JointApplicantSignature(party_id=p.id, signed_at=LATER, manner=ApplicationManner.ONLINE)
        for p in case.parties
    )
    confirming.file_confirmation(
        case,
        court=COURT,
        competence=FINDING,
        applicants=applicants,
        materials=(),
        actor=STAFF,
        at=LATER,
        timing=TIMING,
    )
    return case


def refused_field(error: pytest.ExceptionInfo[InvalidRequest]) -> tuple[str, str]:
    (problem,) = error.value.field_errors
    return problem.field, problem.code


def test_a_signature_dated_before_the_case_existed_is_refused_and_the_window_stays_open() -> None:
    case = mediating_case()
    months_before = T0 - dt.timedelta(days=120)
    with pytest.raises(InvalidRequest) as refused:
        agreeing.sign_agreement(
            case, case.parties[0].id, SignatureManner.SIGNATURE, months_before, STAFF, LATER, TIMING
        )
    assert refused_field(refused) == ("signed_at", "before_case")
    assert "2026-03-02" in refused.value.message
    assert case.state is S.IN_MEDIATION and case.agreement is not None and not case.agreement.signatures


def test_a_signature_before_the_mediation_began_is_refused_the_same_day_is_not() -> None:
    case = mediating_case(started=T0 + 3 * DAY)
    with pytest.raises(InvalidRequest) as refused:
        agreeing.sign_agreement(
            case, case.parties[0].id, SignatureManner.SIGNATURE, T0 + DAY, STAFF, T0 + 4 * DAY, TIMING
        )
    assert refused_field(refused) == ("signed_at", "before_mediation")
    morning = (T0 + 3 * DAY).replace(hour=0, minute=0)  # a paper signature carries a day
    agreeing.sign_agreement(
        case, case.parties[0].id, SignatureManner.SIGNATURE, morning, STAFF, T0 + 4 * DAY, TIMING
    )


def test_the_joint_application_is_not_signed_before_the_agreement_took_effect() -> None:
    case = signed_case()
    applicants = tuple(
        JointApplicantSignature(party_id=p.id, signed_at=T0, manner=ApplicationManner.ONLINE)
        for p in case.parties
    )
    with pytest.raises(InvalidRequest) as refused:
        confirming.file_confirmation(
            case,
            court=COURT,
            competence=FINDING,
            applicants=applicants,
            materials=(),
            actor=STAFF,
            at=LATER,
            timing=TIMING,
        )
    assert refused_field(refused) == ("applicants.0.signed_at", "precedes_its_object")


def test_the_courts_answers_are_not_dated_before_the_filing() -> None:
    case = filed_case()
    application_id = case.applications[0].id
    with pytest.raises(InvalidRequest) as refused:
        confirming.record_acceptance(case, application_id, "(2026)浙0106民特1号", T0, STAFF, TIMING)
    assert refused_field(refused) == ("accepted_at", "precedes_its_object")
    with pytest.raises(InvalidRequest) as refused:
        confirming.record_withdrawal(case, application_id, T0, STAFF, TIMING)
    assert refused_field(refused) == ("withdrawn_at", "precedes_its_object")

    confirming.record_acceptance(case, application_id, "(2026)浙0106民特1号", LATER + DAY, STAFF, TIMING)
    with pytest.raises(InvalidRequest) as refused:  # after acceptance: not before it
        confirming.record_ruling(
            case,
            application_id,
            valid=True,
            ruling_no="R1",
            reasons=None,
            ruled_at=LATER,
            actor=STAFF,
            timing=TIMING,
        )
    assert refused_field(refused) == ("ruled_at", "precedes_its_object")
    assert case.state is S.CONFIRMATION_FILED


def test_objections_follow_the_ruling_and_decisions_the_objection() -> None:
    case = filed_case()
    application_id = case.applications[0].id
    ruled_at = LATER + DAY
    confirming.record_ruling(
        case,
        application_id,
        valid=True,
        ruling_no="R1",
        reasons=None,
        ruled_at=ruled_at,
        actor=STAFF,
        timing=TIMING,
    )
    with pytest.raises(InvalidRequest) as refused:
        confirming.lodge_objection(
            case,
            by_third_party=False,
            party_id=case.parties[0].id,
            objector="甲",
            grounds="理由",
            lodged_on=T0.date(),
            actor=STAFF,
            at=LATER,
        )
    assert refused_field(refused) == ("lodged_on", "precedes_its_object")
    lodged_on = ruled_at.date() + 3 * DAY
    objection = confirming.lodge_objection(
        case,
        by_third_party=False,
        party_id=case.parties[0].id,
        objector="甲",
        grounds="理由",
        lodged_on=lodged_on,
        actor=STAFF,
        at=LATER,
    )
    with pytest.raises(InvalidRequest) as refused:
        confirming.decide_objection(case, objection.id, False, lodged_on - DAY, STAFF, LATER)
    assert refused_field(refused) == ("decided_on", "precedes_its_object")


def test_performance_is_not_before_the_agreement_took_effect_nor_in_the_future() -> None:
    case = signed_case()
    with pytest.raises(InvalidRequest) as refused:
        performing.record_payment(case, 1, T0.date(), Decimal("30000.00"), STAFF, LATER)
    assert refused_field(refused) == ("paid_on", "precedes_its_object")
    with pytest.raises(InvalidRequest) as refused:
        performing.record_payment(case, 1, LATER.date() + DAY, Decimal("30000.00"), STAFF, LATER)
    assert refused_field(refused) == ("paid_on", "in_future")
    performing.record_payment(case, 1, LATER.date(), Decimal("30000.00"), STAFF, LATER)
