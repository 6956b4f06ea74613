"""From request to the end of mediation: consent, assignment (3-WD rule, conflicts), start, extension."""

from __future__ import annotations

import datetime as dt

import pytest

from mediation.domain import mediating
from mediation.domain.assignment import AssignmentStatus
from mediation.domain.errors import (
    CaseTransitionRefused,
    ConflictOfInterest,
    InvalidRequest,
    MediatorUnavailable,
    NotYourAssignment,
    StepNotPossible,
)
from mediation.domain.events import EventName as E
from mediation.domain.kinds import MediationKind
from mediation.domain.mediating import TerminationGround
from mediation.domain.parties import ActorKind
from mediation.domain.roster import DeclaredConflict
from mediation.domain.states import MediationState as S
from mediation.testing import STAFF, T0, TIMING, court_reference, mediator, new_case, organisation, set_due
from shared.domain.actors import Actor

LATER = T0 + dt.timedelta(hours=2)


def test_the_other_partys_consent_accepts_the_case() -> None:
    case = new_case()
    mediating.record_consent(case, case.respondents[0].id, STAFF, LATER, TIMING)
    assert case.state is S.ACCEPTED
    assert [e.name for e in case.events] == [E.CASE_OPENED, E.CONSENT_RECORDED, E.CASE_ACCEPTED]


def test_only_the_other_party_consents() -> None:
    case = new_case()
    with pytest.raises(InvalidRequest) as refused:
        mediating.record_consent(case, case.applicants[0].id, STAFF, LATER, TIMING)
    assert refused.value.field_errors[0].field == "party_id"


def test_a_refusal_declines_the_mediation_and_frees_the_mediator() -> None:
    case = new_case()
    org = organisation()
    mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.record_refusal(case, case.respondents[0].id, "不同意调解", STAFF, LATER)
    assert case.state is S.DECLINED_BY_OTHER_PARTY
    assert case.assignments[0].status is AssignmentStatus.ENDED
    assert case.concluded_at == LATER


def test_a_confirmed_mediator_and_consent_start_the_mediation_in_either_order() -> None:
    case = new_case()
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.confirm_assignment(case, assignment.id, STAFF, T0, TIMING)
    states = [case.state]
    mediating.record_consent(case, case.respondents[0].id, STAFF, LATER, TIMING)
    states.append(case.state)
    assert states == [S.REQUESTED, S.IN_MEDIATION]
    started = [e for e in case.events if e.name == E.MEDIATION_STARTED]
    assert started[0].details["period"] is None  # people's mediation: no statutory duration


@pytest.mark.parametrize(
    ("kind", "simple", "period"),
    [
        (MediationKind.COURT_ASSIGNED, False, "mediation.court_assigned_prefiling"),
        (MediationKind.COURT_ENTRUSTED, False, "mediation.court_entrusted_ordinary"),
        (MediationKind.COURT_ENTRUSTED, True, "mediation.court_entrusted_simple"),
    ],
)
def test_the_mediator_confirming_a_courts_assignment_starts_its_period(
    kind: MediationKind, simple: bool, period: str
) -> None:
    case = new_case(kind, court=court_reference(simple=simple))
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.confirm_assignment(case, assignment.id, STAFF, LATER, TIMING)
    events = case.events
    assert case.state is S.IN_MEDIATION
    assert [e.to_state for e in events if e.is_transition][-2:] == [S.ACCEPTED, S.IN_MEDIATION]
    assert next(e for e in events if e.name == E.MEDIATION_STARTED).details["period"] == period


def test_court_cases_need_no_separate_consent() -> None:
    case = new_case(MediationKind.COURT_ASSIGNED)
    with pytest.raises(StepNotPossible):
        mediating.record_consent(case, case.respondents[0].id, STAFF, LATER, TIMING)


def test_court_linked_cases_go_only_to_mediators_on_the_courts_roster() -> None:
    case = new_case(MediationKind.COURT_ASSIGNED)
    org = organisation(on_court_roster=False)
    with pytest.raises(MediatorUnavailable):
        mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)


def test_a_mediator_at_capacity_is_refused() -> None:
    org = organisation()
    with pytest.raises(MediatorUnavailable, match="at_capacity"):
        mediating.assign_mediator(new_case(), mediator(org, max_active_cases=2), org, 2, STAFF, T0, TIMING)


def test_a_declared_conflict_of_interest_bars_the_assignment_with_its_reason() -> None:
    case = new_case()
    org = organisation()
    respondent = case.respondents[0]
    conflicted = mediator(
        org, conflicts=(DeclaredConflict(credit_code=respondent.credit_code, reason="曾任其法律顾问"),)
    )
    with pytest.raises(ConflictOfInterest, match="曾任其法律顾问"):
        mediating.assign_mediator(case, conflicted, org, 0, STAFF, T0, TIMING)


def test_a_new_assignment_replaces_an_unanswered_one() -> None:
    case = new_case()
    org = organisation()
    first = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.assign_mediator(case, mediator(org), org, 0, STAFF, LATER, TIMING)
    assert first.status is AssignmentStatus.REPLACED


def test_only_the_assigned_mediator_answers() -> None:
    case = new_case()
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    with pytest.raises(NotYourAssignment):
        mediating.confirm_assignment(
            case, assignment.id, Actor(ActorKind.MEDIATOR, "someone-else"), LATER, TIMING
        )
    mine = Actor(ActorKind.MEDIATOR, assignment.mediator_account or "")
    mediating.decline_assignment(case, assignment.id, "时间冲突", mine, LATER)
    assert assignment.status is AssignmentStatus.DECLINED
    with pytest.raises(StepNotPossible):
        mediating.confirm_assignment(case, assignment.id, mine, LATER, TIMING)


def test_an_unanswered_assignment_lapses_but_an_answered_one_does_not() -> None:
    case = new_case()
    org = organisation()
    pending = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    assert mediating.lapse_assignment(case, pending.id, LATER)
    assert pending.status is AssignmentStatus.LAPSED
    assert not mediating.lapse_assignment(case, pending.id, LATER)


def test_a_courts_assignment_handed_back_is_declined() -> None:
    case = new_case(MediationKind.COURT_ASSIGNED)
    mediating.decline_court_assignment(case, "无合适调解员", STAFF, LATER)
    assert case.state is S.ASSIGNMENT_DECLINED
    with pytest.raises(InvalidRequest):
        mediating.decline_court_assignment(new_case(), "x", STAFF, LATER)


def _in_court_mediation() -> tuple:  # type: ignore[type-arg]
    case = new_case(MediationKind.COURT_ASSIGNED)
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.confirm_assignment(case, assignment.id, STAFF, T0, TIMING)
    set_due(case, "mediation_period", dt.date(2026, 4, 1))
    return case, org


def test_an_extension_needs_every_partys_consent() -> None:
    case, _ = _in_court_mediation()
    with pytest.raises(InvalidRequest) as refused:
        mediating.extend_period(case, 10, (case.applicants[0].id,), STAFF, LATER, TIMING)
    assert refused.value.field_errors[0].code == "consent_missing"
    mediating.extend_period(case, 10, tuple(p.id for p in case.parties), STAFF, LATER, TIMING)
    assert case.extension_days == 10


def test_a_mediation_without_a_statutory_period_cannot_be_extended() -> None:
    case = new_case()
    mediating.record_consent(case, case.respondents[0].id, STAFF, T0, TIMING)
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.confirm_assignment(case, assignment.id, STAFF, T0, TIMING)
    with pytest.raises(StepNotPossible):
        mediating.extend_period(case, 5, tuple(p.id for p in case.parties), STAFF, LATER, TIMING)


@pytest.mark.parametrize(
    ("ground", "outcome"),
    [
        (TerminationGround.SETTLED_AND_WITHDRAWN, S.WITHDRAWN),
        (TerminationGround.REQUEST_WITHDRAWN, S.WITHDRAWN),
        (TerminationGround.PARTIES_UNREACHABLE, S.FAILED),
        (TerminationGround.PARTY_REFUSES_TO_CONTINUE, S.FAILED),
        (TerminationGround.WIDE_DIFFERENCES, S.FAILED),
        (TerminationGround.PARTY_REFUSES_TO_SIGN, S.FAILED),
    ],
)
def test_each_termination_ground_ends_in_its_state(ground: TerminationGround, outcome: S) -> None:
    case, _ = _in_court_mediation()
    mediating.terminate(case, ground, None, STAFF, LATER)
    assert case.state is outcome
    assert case.termination is not None and case.termination.ground == ground.value
    assert all(a.status is AssignmentStatus.ENDED for a in case.assignments)


def test_the_other_ground_needs_an_explanation() -> None:
    case, _ = _in_court_mediation()
    with pytest.raises(InvalidRequest):
        mediating.terminate(case, TerminationGround.OTHER, " ", STAFF, LATER)


def test_failure_before_acceptance_is_not_a_transition() -> None:
    with pytest.raises(CaseTransitionRefused):
        mediating.terminate(new_case(), TerminationGround.WIDE_DIFFERENCES, None, STAFF, LATER)


def test_the_period_expires_only_a_running_mediation() -> None:
    case, _ = _in_court_mediation()
    assert mediating.expire(case, LATER)
    assert case.state is S.EXPIRED
    assert not mediating.expire(case, LATER)
