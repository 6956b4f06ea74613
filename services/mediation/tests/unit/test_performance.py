"""Performance per instalment, defaults, and enforcement of a confirmed agreement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from mediation.domain import agreeing, confirming, mediating, performing
from mediation.domain.agreement import InstalmentStatus, SignatureManner
from mediation.domain.case import MediationCase
from mediation.domain.competence import CompetenceFinding, CompetentCourt
from mediation.domain.confirmation import ApplicationManner, JointApplicantSignature
from mediation.domain.errors import CaseTransitionRefused, InvalidRequest, StepNotPossible
from mediation.domain.states import MediationState as S
from mediation.rules import load_confirmation_rules
from mediation.testing import STAFF, T0, TIMING, content, mediator, new_case, organisation

LATER = T0 + dt.timedelta(hours=3)
COURT = CompetentCourt(code="C1", name="法院", level=None, grounds=(), grounds_zh=())


def confirmed_case(*, confirm: bool = True) -> MediationCase:
    case = new_case()
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.record_consent(case, case.respondents[0].id, STAFF, T0, TIMING)
    mediating.confirm_assignment(case, assignment.id, STAFF, T0, TIMING)
    agreeing.draft_agreement(case, content(case), load_confirmation_rules(), STAFF, T0)
    for signatory in [*(p.id for p in case.parties), None]:
        agreeing.sign_agreement(case, signatory, SignatureManner.SIGNATURE, T0, STAFF, T0, TIMING)
    if confirm:
        joint = tuple(
            JointApplicantSignature(party_id=p.id, signed_at=T0, manner=ApplicationManner.ONLINE)
            for p in case.parties
        )
        finding = CompetenceFinding(rule="basic_court", courts=(COURT,), explanation=(), explanation_zh=())
        confirming.file_confirmation(
            case,
            court=COURT,
            competence=finding,
            applicants=joint,
            materials=(),
            actor=STAFF,
            at=T0,
            timing=TIMING,
        )
        confirming.record_ruling(
            case,
            case.applications[0].id,
            valid=True,
            ruling_no="R",
            reasons=None,
            ruled_at=T0,
            actor=STAFF,
            timing=TIMING,
        )
    return case


def test_paying_every_instalment_performs_a_confirmed_agreement() -> None:
    case = confirmed_case()
    performing.record_payment(case, 1, T0.date(), Decimal("30000.00"), STAFF, LATER)
    states = [case.state]
    performing.record_payment(case, 2, T0.date(), Decimal("20000.00"), STAFF, LATER)
    states.append(case.state)
    assert states == [S.CONFIRMED_VALID, S.PERFORMED]


def test_a_partial_payment_is_not_performance() -> None:
    with pytest.raises(InvalidRequest):
        performing.record_payment(confirmed_case(), 1, T0.date(), Decimal("100.00"), STAFF, LATER)


def test_a_missed_instalment_defaults_once_and_a_late_payment_is_marked() -> None:
    case = confirmed_case()
    assert performing.default_instalment(case, 1, LATER) is not None
    assert performing.default_instalment(case, 1, LATER) is None
    agreement = case.effective_agreement
    assert agreement is not None
    statuses = [agreement.performance[1].status]
    performing.record_payment(case, 1, LATER.date(), Decimal("30000.00"), STAFF, LATER)
    statuses.append(agreement.performance[1].status)
    assert statuses == [InstalmentStatus.DEFAULTED, InstalmentStatus.PAID_LATE]


def test_the_party_owed_a_defaulted_instalment_applies_for_enforcement() -> None:
    case = confirmed_case()
    performing.default_instalment(case, 1, LATER)
    with pytest.raises(StepNotPossible):  # the debtor is owed nothing
        performing.apply_enforcement(
            case,
            applicant_id=case.respondents[0].id,
            court_code="C1",
            court_name="法院",
            breached_obligation=None,
            actor=STAFF,
            at=LATER,
        )
    enforcement = performing.apply_enforcement(
        case,
        applicant_id=case.applicants[0].id,
        court_code="C1",
        court_name="法院",
        breached_obligation=None,
        actor=STAFF,
        at=LATER,
    )
    assert case.state is S.ENFORCEMENT_APPLIED
    assert enforcement.instalment_numbers == (1,) and enforcement.outstanding == Decimal("30000.00")
    assert enforcement.respondent_id == case.respondents[0].id


def test_an_unconfirmed_agreement_cannot_be_enforced() -> None:
    case = confirmed_case(confirm=False)
    performing.default_instalment(case, 1, LATER)
    with pytest.raises(CaseTransitionRefused):
        performing.apply_enforcement(
            case,
            applicant_id=case.applicants[0].id,
            court_code="C1",
            court_name="法院",
            breached_obligation=None,
            actor=STAFF,
            at=LATER,
        )


def test_the_enforcement_period_expires_a_confirmed_agreement_only() -> None:
    case = confirmed_case()
    assert performing.expire_enforcement_period(case, LATER)
    assert case.state is S.ENFORCEMENT_PERIOD_EXPIRED
    assert not performing.expire_enforcement_period(case, LATER)


def test_full_performance_needs_every_instalment_paid() -> None:
    case = confirmed_case()
    with pytest.raises(InvalidRequest):
        performing.record_performed(case, LATER.date(), STAFF, LATER)
