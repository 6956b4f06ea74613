"""The §B.5 transition table, every pair: allowed moves happen and record an event, the rest are refused."""

from __future__ import annotations

import itertools

import pytest

from mediation.domain.errors import CaseTransitionRefused
from mediation.domain.events import Transitioned
from mediation.domain.states import TRANSITIONS, MediationState, is_terminal
from mediation.testing import STAFF, T0, new_case

PAIRS = list(itertools.product(MediationState, MediationState))


@pytest.mark.parametrize(("current", "target"), PAIRS, ids=[f"{a}->{b}" for a, b in PAIRS])
def test_the_guard_follows_the_table(current: MediationState, target: MediationState) -> None:
    case = new_case()
    case.state = current
    case.collect_events()

    if target in TRANSITIONS[current]:
        event = case.move_to(target, Transitioned, actor=STAFF, at=T0)
        assert case.state is target
        assert case.collect_events() == [event]
        assert (event.from_state, event.to_state, event.actor, event.at) == (current, target, STAFF, T0)
    else:
        with pytest.raises(CaseTransitionRefused) as refused:
            case.move_to(target, Transitioned, actor=STAFF, at=T0)
        assert case.state is current
        assert refused.value.allowed == tuple(sorted(s.value for s in TRANSITIONS[current]))


def test_every_state_is_reachable_from_requested() -> None:
    reached, frontier = {MediationState.REQUESTED}, [MediationState.REQUESTED]
    while frontier:
        for nxt in TRANSITIONS[frontier.pop()]:
            if nxt not in reached:
                reached.add(nxt)
                frontier.append(nxt)
    assert reached == set(MediationState)


def test_terminal_states_are_the_ends_of_a_case() -> None:
    assert {s for s in MediationState if is_terminal(s)} == {
        MediationState.DECLINED_BY_OTHER_PARTY,
        MediationState.ASSIGNMENT_DECLINED,
        MediationState.FAILED,
        MediationState.WITHDRAWN,
        MediationState.EXPIRED,
        MediationState.RETURNED_TO_COURT,
        MediationState.WINDOW_LAPSED,
        MediationState.ENFORCEMENT_PERIOD_EXPIRED,
        MediationState.CONFIRMATION_REVOKED,
    }
