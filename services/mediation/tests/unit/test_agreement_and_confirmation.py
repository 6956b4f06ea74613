"""Agreements (content, eligibility, signatures, effect) and judicial confirmation (filing, court answers)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from mediation.domain import agreeing, confirming, mediating
from mediation.domain.agreement import AgreementStatus, SignatureManner, Term, TermKind
from mediation.domain.case import MediationCase
from mediation.domain.competence import CompetenceFinding, CompetentCourt
from mediation.domain.confirmation import ApplicationManner, ApplicationStatus, JointApplicantSignature
from mediation.domain.deadlines import TimerKind
from mediation.domain.errors import (
    AgreementNotConfirmable,
    CaseTransitionRefused,
    ConfirmationWindowClosed,
    InvalidRequest,
    StepNotPossible,
)
from mediation.domain.kinds import MediationKind
from mediation.domain.legal_effect import Effect, legal_effect
from mediation.domain.states import MediationState as S
from mediation.rules import load_confirmation_rules
from mediation.testing import STAFF, T0, TIMING, content, mediator, new_case, organisation, set_due
from shared.domain.deadlines import ArmTimer

RULES = load_confirmation_rules()
LATER = T0 + dt.timedelta(hours=3)
COURT = CompetentCourt(
    code="ZJ-HZ-XH", name="杭州市西湖区人民法院", level=None, grounds=("domicile",), grounds_zh=()
)
FINDING = CompetenceFinding(rule="basic_court", courts=(COURT,), explanation=("basic",), explanation_zh=())


def mediating_case(kind: MediationKind = MediationKind.PEOPLE) -> MediationCase:
    case = new_case(kind)
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    if not kind.is_court_linked:
        mediating.record_consent(case, case.respondents[0].id, STAFF, T0, TIMING)
    mediating.confirm_assignment(case, assignment.id, STAFF, T0, TIMING)
    return case


def signed_case(
    kind: MediationKind = MediationKind.PEOPLE, terms: tuple[Term, ...] | None = None
) -> MediationCase:
    case = mediating_case(kind)
    agreeing.draft_agreement(case, content(case, terms=terms), RULES, STAFF, T0)
    for signatory in [*(p.id for p in case.parties), None]:
        agreeing.sign_agreement(case, signatory, SignatureManner.SIGNATURE, LATER, STAFF, LATER, TIMING)
    set_due(case, "confirmation_window", dt.date(2026, 4, 1))
    return case


def joint(case: MediationCase) -> tuple[JointApplicantSignature, ...]:
    return tuple(
        JointApplicantSignature(party_id=p.id, signed_at=LATER, manner=ApplicationManner.IN_PERSON)
        for p in case.parties
    )


def filed_case() -> MediationCase:
    case = signed_case()
    confirming.file_confirmation(
        case,
        court=COURT,
        competence=FINDING,
        applicants=joint(case),
        materials=(),
        actor=STAFF,
        at=LATER,
        timing=TIMING,
    )
    return case


def test_content_problems_are_reported_per_field() -> None:
    case = mediating_case()
    bad = content(case, first_due=T0.date() - dt.timedelta(days=1))
    with pytest.raises(InvalidRequest) as refused:
        agreeing.draft_agreement(case, bad, RULES, STAFF, T0)
    assert {e.field for e in refused.value.field_errors} >= {"instalments.0.due_on"}


def test_an_agreement_confirming_ownership_is_not_confirmable_with_its_reason() -> None:
    case = mediating_case()
    terms = (Term(TermKind.PAYMENT, "付款"), Term(TermKind.OWNERSHIP_CONFIRMATION, "确认专利权归申请人所有"))
    agreement = agreeing.draft_agreement(case, content(case, terms=terms), RULES, STAFF, T0)
    assert not agreement.eligibility.eligible
    (finding,) = agreement.eligibility.blocking
    assert finding.term_index == 1 and "355" in finding.basis


def test_a_no_challenge_clause_only_warns() -> None:
    case = mediating_case()
    terms = (Term(TermKind.PAYMENT, "付款"), Term(TermKind.NO_CHALLENGE, "不对专利提出无效宣告"))
    agreement = agreeing.draft_agreement(case, content(case, terms=terms), RULES, STAFF, T0)
    assert agreement.eligibility.eligible and agreement.eligibility.warnings


def test_redrafting_supersedes_the_earlier_draft_and_its_signatures() -> None:
    case = mediating_case()
    first = agreeing.draft_agreement(case, content(case), RULES, STAFF, T0)
    agreeing.sign_agreement(case, case.parties[0].id, SignatureManner.SEAL, T0, STAFF, T0, TIMING)
    second = agreeing.draft_agreement(case, content(case), RULES, STAFF, LATER)
    assert first.status is AgreementStatus.SUPERSEDED and second.version == 2 and not second.signatures


def test_the_last_signature_makes_it_effective_and_opens_the_confirmation_window() -> None:
    case = signed_case()
    assert case.state is S.CONFIRMATION_WINDOW
    agreement = case.effective_agreement
    assert agreement is not None and agreement.effective_at == LATER
    assert set(agreement.performance) == {1, 2}
    assert legal_effect(case).effect is Effect.CONTRACT_PENDING_CONFIRMATION


def test_an_entrusted_cases_agreement_goes_back_to_the_trial_court() -> None:
    case = signed_case(MediationKind.COURT_ENTRUSTED)
    assert case.state is S.RETURNED_TO_COURT
    assert legal_effect(case).effect is Effect.WITH_TRIAL_COURT


def test_signing_twice_or_without_a_draft_is_refused() -> None:
    case = mediating_case()
    with pytest.raises(StepNotPossible):
        agreeing.sign_agreement(case, case.parties[0].id, SignatureManner.SEAL, T0, STAFF, T0, TIMING)


def test_an_ineligible_agreement_is_refused_confirmation_with_its_reason() -> None:
    case = signed_case(terms=(Term(TermKind.VALIDITY_CONFIRMATION, "双方确认涉案专利权有效"),))
    with pytest.raises(AgreementNotConfirmable) as refused:
        confirming.file_confirmation(
            case,
            court=COURT,
            competence=FINDING,
            applicants=joint(case),
            materials=(),
            actor=STAFF,
            at=LATER,
            timing=TIMING,
        )
    assert "355" in refused.value.message
    assert refused.value.field_errors[0].field == "agreement.terms.0"
    assert case.state is S.CONFIRMATION_WINDOW


def test_the_application_must_be_joint() -> None:
    case = signed_case()
    with pytest.raises(InvalidRequest) as refused:
        confirming.file_confirmation(
            case,
            court=COURT,
            competence=FINDING,
            applicants=joint(case)[:1],
            materials=(),
            actor=STAFF,
            at=LATER,
            timing=TIMING,
        )
    assert refused.value.field_errors[0].code == "not_joint"


def test_no_application_after_the_window() -> None:
    case = signed_case()
    set_due(case, "confirmation_window", LATER.date() - dt.timedelta(days=1))
    with pytest.raises(ConfirmationWindowClosed):
        confirming.file_confirmation(
            case,
            court=COURT,
            competence=FINDING,
            applicants=joint(case),
            materials=(),
            actor=STAFF,
            at=LATER,
            timing=TIMING,
        )


def test_the_courts_answers_move_the_case_and_repeats_change_nothing() -> None:
    case = filed_case()
    application = case.applications[0]
    assert confirming.record_acceptance(case, application.id, "(2026)浙0106民特1号", LATER, STAFF, TIMING)
    assert not confirming.record_acceptance(case, application.id, "(2026)浙0106民特1号", LATER, STAFF, TIMING)
    assert confirming.record_ruling(
        case,
        application.id,
        valid=True,
        ruling_no="R1",
        reasons=None,
        ruled_at=LATER,
        actor=STAFF,
        timing=TIMING,
    )
    assert not confirming.record_ruling(
        case,
        application.id,
        valid=True,
        ruling_no="R1",
        reasons=None,
        ruled_at=LATER,
        actor=STAFF,
        timing=TIMING,
    )
    assert case.state is S.CONFIRMED_VALID and application.status is ApplicationStatus.RULED_VALID
    assert legal_effect(case).effect is Effect.COURT_CONFIRMED


def test_a_rejection_leaves_a_contract_and_mediation_may_resume() -> None:
    case = filed_case()
    confirming.record_ruling(
        case,
        case.applications[0].id,
        valid=False,
        ruling_no="R2",
        reasons="内容不明确",
        ruled_at=LATER,
        actor=STAFF,
        timing=TIMING,
    )
    assert legal_effect(case).effect is Effect.CONTRACT_ONLY
    states = [case.state]
    confirming.resume_mediation(case, STAFF, LATER)
    states.append(case.state)
    assert states == [S.CONFIRMATION_REJECTED, S.IN_MEDIATION]


@pytest.mark.parametrize(
    ("window_end", "state"), [(dt.date(2026, 4, 1), S.CONFIRMATION_WITHDRAWN), (T0.date(), S.WINDOW_LAPSED)]
)
def test_a_withdrawal_reopens_the_window_only_while_it_runs(window_end: dt.date, state: S) -> None:
    case = filed_case()
    set_due(case, "confirmation_window", window_end)
    confirming.record_withdrawal(case, case.applications[0].id, LATER + dt.timedelta(days=1), STAFF, TIMING)
    assert case.state is state


def test_an_unused_window_leaves_a_contract_only_agreement() -> None:
    case = signed_case()
    assert confirming.lapse_window(case, LATER)
    assert case.state is S.WINDOW_LAPSED
    effect = legal_effect(case)
    assert effect.effect is Effect.CONTRACT_ONLY and "30 days" in effect.note
    assert not confirming.lapse_window(case, LATER)


def test_objections_are_judged_against_their_windows_and_an_upheld_one_revokes() -> None:
    case = filed_case()
    confirming.record_ruling(
        case,
        case.applications[0].id,
        valid=True,
        ruling_no="R",
        reasons=None,
        ruled_at=LATER,
        actor=STAFF,
        timing=TIMING,
    )
    party = case.parties[0].id
    confirming.record_ruling_receipt(case, party, LATER.date(), STAFF, LATER, TIMING)
    set_due(case, f"objection_party.{party}", dt.date(2026, 3, 17))
    set_due(case, "objection_third_party", dt.date(2026, 9, 2))
    late_party = confirming.lodge_objection(
        case,
        by_third_party=False,
        party_id=party,
        objector="x",
        grounds="g",
        lodged_on=dt.date(2026, 3, 20),
        actor=STAFF,
        at=LATER,
    )
    late_third = confirming.lodge_objection(
        case,
        by_third_party=True,
        objector="y",
        grounds="g",
        lodged_on=dt.date(2026, 10, 1),
        actor=STAFF,
        at=LATER,
    )
    assert late_party.within_window is False and late_third.within_window is None
    confirming.decide_objection(case, late_third.id, True, dt.date(2026, 10, 20), STAFF, LATER)
    assert case.state is S.CONFIRMATION_REVOKED
    with pytest.raises(InvalidRequest):
        confirming.decide_objection(case, uuid.uuid4(), True, dt.date(2026, 10, 20), STAFF, LATER)


def test_each_partys_objection_window_runs_from_its_own_receipt_of_the_ruling() -> None:
    """Interp. art. 372 [V] (domain-rules §B.2): a party may object "within 15 days of receiving the ruling".

    The scenario of issue 17: the ruling is dated 2026-03-02; party A receives it that day, party B
    only on 2026-03-20 (served late). B objects on 2026-03-30: 28 days after the ruling, but 10 days
    after its own receipt, so timely; A objecting the same day is late. The windows were once armed
    from the ruling date, which made B's objection untimely.
    """
    case = filed_case()
    ruled_at = dt.datetime(2026, 3, 2, 2, 0, tzinfo=dt.UTC)  # 10:00 Beijing time
    assert confirming.record_ruling(
        case,
        case.applications[0].id,
        valid=True,
        ruling_no="R",
        reasons=None,
        ruled_at=ruled_at,
        actor=STAFF,
        timing=TIMING,
    )
    a, b = (p.id for p in case.parties[:2])
    assert not any(k.startswith("objection_party") for k in case.deadlines)  # nothing runs before a receipt
    case.timer_changes.clear()
    assert confirming.record_ruling_receipt(case, a, dt.date(2026, 3, 2), STAFF, ruled_at, TIMING)
    assert confirming.record_ruling_receipt(case, b, dt.date(2026, 3, 20), STAFF, ruled_at, TIMING)
    assert not confirming.record_ruling_receipt(case, b, dt.date(2026, 3, 20), STAFF, ruled_at, TIMING)
    window_a, window_b = case.deadlines[f"objection_party.{a}"], case.deadlines[f"objection_party.{b}"]
    assert (window_a.start, window_a.due, window_a.party_id) == (
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 17),
        str(a),
    )
    assert (window_b.start, window_b.due, window_b.party_id) == (
        dt.date(2026, 3, 20),
        dt.date(2026, 4, 7),
        str(b),
    )
    # one durable timer per party, of the objection-window kind
    armed = [t for t in case.timer_changes if isinstance(t, ArmTimer)]
    assert {(t.name, t.kind) for t in armed} == {
        (f"objection_party.{a}", TimerKind.OBJECTION_WINDOW),
        (f"objection_party.{b}", TimerKind.OBJECTION_WINDOW),
    }
    lodged_on = dt.date(2026, 3, 30)
    by_b = confirming.lodge_objection(
        case,
        by_third_party=False,
        party_id=b,
        objector="乙",
        grounds="g",
        lodged_on=lodged_on,
        actor=STAFF,
        at=LATER,
    )
    by_a = confirming.lodge_objection(
        case,
        by_third_party=False,
        party_id=a,
        objector="甲",
        grounds="g",
        lodged_on=lodged_on,
        actor=STAFF,
        at=LATER,
    )
    assert by_b.within_window is True and by_a.within_window is False
    # A's window closing leaves B's running
    assert confirming.close_objection_window(case, f"objection_party.{a}", LATER)
    assert case.deadlines[f"objection_party.{b}"].is_open


def test_a_ruling_receipt_is_checked_and_a_party_objection_names_its_party() -> None:
    """Interp. art. 372 [V]: the receipt is a party's, not before the ruling, and recorded once."""
    case = filed_case()
    confirming.record_ruling(
        case,
        case.applications[0].id,
        valid=True,
        ruling_no="R",
        reasons=None,
        ruled_at=LATER,
        actor=STAFF,
        timing=TIMING,
    )
    party = case.parties[0].id
    with pytest.raises(InvalidRequest):
        confirming.record_ruling_receipt(case, uuid.uuid4(), LATER.date(), STAFF, LATER, TIMING)
    with pytest.raises(InvalidRequest):
        confirming.record_ruling_receipt(
            case, party, LATER.date() - dt.timedelta(days=1), STAFF, LATER, TIMING
        )
    confirming.record_ruling_receipt(case, party, LATER.date(), STAFF, LATER, TIMING)
    with pytest.raises(InvalidRequest):  # a served ruling is a fact: a second, different date is refused
        confirming.record_ruling_receipt(
            case, party, LATER.date() + dt.timedelta(days=1), STAFF, LATER, TIMING
        )
    with pytest.raises(InvalidRequest):
        confirming.lodge_objection(
            case,
            by_third_party=False,
            objector="x",
            grounds="g",
            lodged_on=LATER.date(),
            actor=STAFF,
            at=LATER,
        )
    unknown = confirming.lodge_objection(
        case,
        by_third_party=False,
        party_id=case.parties[1].id,
        objector="y",
        grounds="g",
        lodged_on=LATER.date(),
        actor=STAFF,
        at=LATER,
    )
    assert unknown.within_window is None  # no receipt recorded: its window may not have started


def test_no_ruling_receipt_before_the_court_confirmed() -> None:
    case = filed_case()
    with pytest.raises(CaseTransitionRefused):
        confirming.record_ruling_receipt(case, case.parties[0].id, LATER.date(), STAFF, LATER, TIMING)
