"""Issue 17: the case lists as allowed only what would succeed now (guards evaluated, not just the table)."""

from __future__ import annotations

from mediation.domain import agreeing, mediating
from mediation.domain.possible import possible_next_states
from mediation.domain.states import MediationState as S
from mediation.domain.states import next_states
from mediation.rules import load_confirmation_rules
from mediation.testing import STAFF, T0, TIMING, content, mediator, new_case, organisation

RULES = load_confirmation_rules()


def test_no_mediation_is_offered_before_a_mediator_confirms() -> None:
    case = new_case()
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.record_consent(case, case.respondents[0].id, STAFF, T0, TIMING)
    assert S.IN_MEDIATION in next_states(case.state), "the table alone would offer it"
    assert S.IN_MEDIATION not in possible_next_states(case)

    mediating.confirm_assignment(case, assignment.id, STAFF, T0, TIMING)
    assert case.state is S.IN_MEDIATION


def test_signing_is_offered_only_with_a_draft_agreement() -> None:
    case = new_case()
    org = organisation()
    assignment = mediating.assign_mediator(case, mediator(org), org, 0, STAFF, T0, TIMING)
    mediating.record_consent(case, case.respondents[0].id, STAFF, T0, TIMING)
    mediating.confirm_assignment(case, assignment.id, STAFF, T0, TIMING)
    assert S.AGREEMENT_SIGNED in next_states(case.state)
    assert S.AGREEMENT_SIGNED not in possible_next_states(case)

    agreeing.draft_agreement(case, content(case), RULES, STAFF, T0)
    assert S.AGREEMENT_SIGNED in possible_next_states(case)
