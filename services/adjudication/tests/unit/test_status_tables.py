"""Every status that changes has a table: each row is allowed from each of its sources and refused
from every other status, no status is unreachable, and the steps move the statuses as the rows say."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

import pytest

from adjudication.domain.case.parts.clock import PAUSES, PauseReason, PauseStatus
from adjudication.domain.case.parts.enforcement import ENFORCEMENTS, EnforcementStatus
from adjudication.domain.case.parts.hearings import HEARINGS, HearingStatus
from adjudication.domain.case.parts.participants import ASSIGNMENTS, AssignmentStatus
from adjudication.domain.case.parts.recusal import RECUSALS, RecusalResult, RecusalStatus
from adjudication.domain.case.parts.suspension import REQUESTS, SuspensionDecision
from adjudication.domain.case.states import TRANSITIONS, CaseState
from adjudication.domain.case.steps import clock_pauses, enforcement, hearings, participants, recusal
from adjudication.domain.case.steps.participants import participant
from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.penalty.states import PENALTY_TRANSITIONS, PenaltyState
from shared.domain.lifecycle import StatusMachine, TransitionTable

D = dt.date
MACHINES: dict[str, tuple[StatusMachine[Any], StrEnum]] = {
    "hearing": (HEARINGS, HearingStatus.SCHEDULED),
    "suspension request": (REQUESTS, SuspensionDecision.PENDING),
    "recusal": (RECUSALS, RecusalStatus.PENDING),
    "assignment": (ASSIGNMENTS, AssignmentStatus.ACTIVE),
    "enforcement": (ENFORCEMENTS, EnforcementStatus.DEMAND_SERVED),
    "clock pause": (PAUSES, PauseStatus.OPEN),
}
TABLES: dict[str, tuple[TransitionTable[Any], StrEnum]] = {
    "case": (TRANSITIONS, CaseState.SUBMITTED),
    "penalty case": (PENALTY_TRANSITIONS, PenaltyState.FILED),
    **{name: (machine.table, initial) for name, (machine, initial) in MACHINES.items()},
}


def rows() -> list[Any]:
    return [
        pytest.param(name, row.name, status, id=f"{name}-{row.name}-from-{status}")
        for name, (machine, _) in MACHINES.items()
        for row in machine.table
        for status in machine.table.states
    ]


@pytest.mark.parametrize(("name", "step", "status"), rows())
def test_each_row_is_allowed_from_its_sources_and_refused_elsewhere(
    name: str, step: str, status: Any
) -> None:
    machine = MACHINES[name][0]
    row = machine.table[step]
    if status in row.sources:
        assert machine.step(status, step) is row
    else:
        with pytest.raises(CaseTransitionRefused) as refused:
            machine.step(status, step)
        assert set(refused.value.allowed) == {t.label() for t in machine.table.allowed(status)}


@pytest.mark.parametrize("name", list(TABLES))
def test_no_status_is_unreachable(name: str) -> None:
    table, initial = TABLES[name]
    assert table.unreachable([initial]) == set()


def test_a_hearing_is_held_or_cancelled_once(builder: Any) -> None:
    case = builder.case_in(CaseState.HEARING_SCHEDULED)
    scheduled = hearings.scheduled_hearing(case)
    assert scheduled is not None
    seen = [scheduled.status]
    builder.hold(case)
    assert [*seen, scheduled.status] == [HearingStatus.SCHEDULED, HearingStatus.HELD]


def test_a_recusal_and_the_person_it_concerns_move_through_their_tables(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    person = case.participants[2]
    request = recusal.request_recusal(
        case,
        applicant_party_id="requester",
        participant_id=person.id,
        ground="x",
        filed_on=D(2026, 3, 20),
        by=builder.requester,
        at=builder.moment(D(2026, 3, 20)),
        rules=builder.rules,
    )
    seen = [(request.status, person.status)]
    recusal.decide_recusal(
        case,
        recusal_id=request.id,
        result=RecusalResult.REJECTED,
        reasons=None,
        by=builder.head,
        at=builder.moment(D(2026, 3, 21)),
    )
    seen.append((request.status, person.status))
    recusal.request_reconsideration(
        case,
        recusal_id=request.id,
        filed_on=D(2026, 3, 23),
        by=builder.handler,
        at=builder.moment(D(2026, 3, 23)),
        rules=builder.rules,
    )
    seen.append((request.status, person.status))
    recusal.decide_reconsideration(
        case,
        recusal_id=request.id,
        result=RecusalResult.GRANTED,
        by=builder.head,
        at=builder.moment(D(2026, 3, 24)),
    )
    seen.append((request.status, participant(case, person.id).status))
    assert seen == [
        (RecusalStatus.PENDING, AssignmentStatus.CHALLENGED),
        (RecusalStatus.REJECTED, AssignmentStatus.ACTIVE),
        (RecusalStatus.RECONSIDERING, AssignmentStatus.ACTIVE),
        (RecusalStatus.GRANTED_ON_RECONSIDERATION, AssignmentStatus.RECUSED),
    ]


def test_a_person_released_while_challenged_is_recused_for_good_if_the_request_is_granted(
    builder: Any,
) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    person = case.participants[1]
    request = recusal.request_recusal(
        case,
        applicant_party_id="respondent-1",
        participant_id=person.id,
        ground="x",
        filed_on=D(2026, 3, 20),
        by=builder.respondent,
        at=builder.moment(D(2026, 3, 20)),
        rules=builder.rules,
    )
    participants.release(
        case, participant_id=person.id, reason="调离", by=builder.head, at=builder.moment(D(2026, 3, 21))
    )
    seen = [person.status]
    recusal.decide_recusal(
        case,
        recusal_id=request.id,
        result=RecusalResult.GRANTED,
        reasons=None,
        by=builder.head,
        at=builder.moment(D(2026, 3, 22)),
    )
    assert [*seen, person.status] == [AssignmentStatus.RELEASED, AssignmentStatus.RECUSED]


def test_an_enforcement_application_moves_through_its_table(builder: Any) -> None:
    case = builder.case_in(CaseState.ENFORCEMENT_DEMAND_SENT)
    application = case.enforcement
    assert application is not None
    seen = [application.status]
    builder.apply(case)
    seen.append(application.status)
    builder.rule(case, granted=False)
    seen.append(application.status)
    enforcement.seek_review(
        case,
        court_name="北京市第一中级人民法院",
        filed_on=D(2026, 6, 10),
        by=builder.head,
        at=builder.moment(D(2026, 6, 10)),
    )
    seen.append(application.status)
    builder.rule(case, granted=True, on=D(2026, 7, 1))
    assert [*seen, application.status] == [
        EnforcementStatus.DEMAND_SERVED,
        EnforcementStatus.APPLIED,
        EnforcementStatus.REFUSED,
        EnforcementStatus.REFUSED,
        EnforcementStatus.GRANTED,
    ]


def test_a_clock_pause_opens_and_ends(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    clock_pauses.start_pause(
        case,
        reason=PauseReason.APPRAISAL,
        reference="鉴定-1",
        by=builder.handler,
        at=builder.moment(D(2026, 3, 23)),
        rules=builder.rules,
    )
    assert case.clock is not None
    pause = case.clock.pauses[-1]
    seen = [pause.status]
    clock_pauses.end_pause(
        case,
        reason=PauseReason.APPRAISAL,
        by=builder.handler,
        at=builder.moment(D(2026, 4, 3)),
        rules=builder.rules,
    )
    assert [*seen, pause.status] == [PauseStatus.OPEN, PauseStatus.ENDED]
