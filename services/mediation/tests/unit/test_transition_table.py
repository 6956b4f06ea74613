"""Every state machine's table, row by row: each transition is taken from each of its sources and
refused from every other state; the case's table joins exactly the §B.5 pairs of states."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import pytest

from mediation.domain.agreement import AGREEMENTS, INSTALMENTS, AgreementStatus, InstalmentStatus
from mediation.domain.assignment import ASSIGNMENTS, AssignmentStatus
from mediation.domain.confirmation import APPLICATIONS, OBJECTIONS, ApplicationStatus, ObjectionStatus
from mediation.domain.errors import CaseTransitionRefused, StatusRefused
from mediation.domain.states import CASE_TRANSITIONS, MediationState, is_terminal, next_states
from mediation.testing import STAFF, T0, new_case
from shared.domain.lifecycle import StatusMachine, Transition

S = MediationState
SECTION_B5: dict[MediationState, frozenset[MediationState]] = {
    S.REQUESTED: frozenset({S.ACCEPTED, S.DECLINED_BY_OTHER_PARTY, S.ASSIGNMENT_DECLINED, S.WITHDRAWN}),
    S.ACCEPTED: frozenset({S.IN_MEDIATION, S.FAILED, S.WITHDRAWN}),
    S.IN_MEDIATION: frozenset({S.AGREEMENT_SIGNED, S.FAILED, S.WITHDRAWN, S.EXPIRED}),
    S.AGREEMENT_SIGNED: frozenset({S.CONFIRMATION_WINDOW, S.RETURNED_TO_COURT}),
    S.CONFIRMATION_WINDOW: frozenset({S.CONFIRMATION_FILED, S.WINDOW_LAPSED}),
    S.CONFIRMATION_FILED: frozenset({S.CONFIRMED_VALID, S.CONFIRMATION_REJECTED, S.CONFIRMATION_WITHDRAWN}),
    S.CONFIRMATION_REJECTED: frozenset({S.IN_MEDIATION}),
    S.CONFIRMATION_WITHDRAWN: frozenset({S.CONFIRMATION_FILED, S.WINDOW_LAPSED}),
    S.CONFIRMED_VALID: frozenset(
        {S.PERFORMED, S.ENFORCEMENT_APPLIED, S.ENFORCEMENT_PERIOD_EXPIRED, S.CONFIRMATION_REVOKED}
    ),
    S.PERFORMED: frozenset({S.CONFIRMATION_REVOKED}),
    S.ENFORCEMENT_APPLIED: frozenset({S.CONFIRMATION_REVOKED}),
}
"""The moves of domain-rules §B.5 and the states this service adds (README, "State machine")."""

CASE_CELLS = [(row, state) for row in CASE_TRANSITIONS for state in MediationState]


@pytest.mark.parametrize(("row", "current"), CASE_CELLS, ids=[f"{r.name}@{s}" for r, s in CASE_CELLS])
def test_the_case_guard_follows_its_table(row: Transition[MediationState], current: MediationState) -> None:
    case = new_case()
    case.state = current
    case.events.clear()

    if current in row.sources:
        event = case.move(row.name, by=STAFF, at=T0)
        assert case.state is row.target and case.state_changed_at == T0
        assert case.events == [event]
        assert (event.name, event.from_state, event.to_state, event.actor, event.at) == (
            row.event,
            current,
            row.target,
            STAFF,
            T0,
        )
    else:
        with pytest.raises(CaseTransitionRefused) as refused:
            case.move(row.name, by=STAFF, at=T0)
        assert case.state is current and case.events == []
        assert refused.value.requested == row.target
        assert refused.value.allowed == tuple(sorted(s.value for s in next_states(current)))


def test_the_case_table_joins_exactly_the_states_of_section_b5() -> None:
    joined = {state: next_states(state) for state in MediationState}
    assert joined == {state: SECTION_B5.get(state, frozenset()) for state in MediationState}


def test_every_state_is_reachable_from_requested() -> None:
    assert CASE_TRANSITIONS.unreachable([MediationState.REQUESTED]) == set()


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


MACHINES: list[tuple[StatusMachine[Any], type[StrEnum], StrEnum]] = [
    (ASSIGNMENTS, AssignmentStatus, AssignmentStatus.PENDING),
    (AGREEMENTS, AgreementStatus, AgreementStatus.DRAFT),
    (INSTALMENTS, InstalmentStatus, InstalmentStatus.DUE),
    (APPLICATIONS, ApplicationStatus, ApplicationStatus.FILED),
    (OBJECTIONS, ObjectionStatus, ObjectionStatus.LODGED),
]
SUB_CELLS = [
    (machine, row, status)
    for machine, statuses, _ in MACHINES
    for row in machine.table
    for status in statuses
]


@pytest.mark.parametrize(
    ("machine", "row", "current"),
    SUB_CELLS,
    ids=[f"{type(s).__name__}.{r.name}@{s}" for _, r, s in SUB_CELLS],
)
def test_each_sub_entity_guard_follows_its_table(
    machine: StatusMachine[Any], row: Transition[Any], current: StrEnum
) -> None:
    if current in row.sources:
        assert machine.step(current, row.name) is row
    else:
        with pytest.raises(StatusRefused) as refused:
            machine.step(current, row.name)
        assert refused.value.code == "step_not_possible" and not hasattr(refused.value, "allowed")


@pytest.mark.parametrize(
    ("machine", "initial"), [(m, i) for m, _, i in MACHINES], ids=[s.__name__ for _, s, _ in MACHINES]
)
def test_every_sub_entity_status_is_reachable(machine: StatusMachine[Any], initial: StrEnum) -> None:
    assert machine.table.unreachable([initial]) == set()
