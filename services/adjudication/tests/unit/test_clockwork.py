"""Timers reaching a case's deadlines: alerts for the office's duties, automatic moves, stale timers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import deadlines
from shared.domain.deadlines import DeadlineStatus

D = dt.date


def test_an_office_duty_warns_when_due_soon_and_is_marked_missed_when_due(builder: Any) -> None:
    case = builder.new()
    deadlines.deadline_reached(
        case, "docket", warning=True, at=builder.moment(D(2026, 3, 4), 0), rules=builder.rules
    )
    deadlines.deadline_reached(
        case, "docket", warning=False, at=builder.moment(D(2026, 3, 10), 0), rules=builder.rules
    )

    assert [e.name for e in case.events[-2:]] == ["DeadlineDueSoon", "DeadlineMissed"]
    assert case.events[-1].details == {
        "deadline": "docket",
        "period": "adjudication.docket",
        "due_on": "2026-03-09",
    }
    docket = case.deadlines["docket"]
    assert docket.status is DeadlineStatus.MISSED and docket.is_open
    builder.docket(case, on=D(2026, 3, 10))
    assert case.deadlines["docket"].status is DeadlineStatus.MET and case.deadlines["docket"].met_late


def test_a_timer_for_a_deadline_already_met_is_stale(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    events = len(case.events)
    deadlines.deadline_reached(
        case, "docket", warning=False, at=builder.moment(D(2026, 3, 10)), rules=builder.rules
    )
    deadlines.deadline_reached(
        case, "no-such-deadline", warning=False, at=builder.moment(D(2026, 3, 10)), rules=builder.rules
    )
    assert len(case.events) == events


def test_party_periods_do_not_warn(builder: Any) -> None:
    case = builder.case_in(CaseState.ANSWER_PERIOD)
    deadlines.deadline_reached(
        case, "answer.respondent-1", warning=True, at=builder.moment(D(2026, 3, 18)), rules=builder.rules
    )
    assert not case.events


def test_review_starts_only_when_every_answer_period_is_over(builder: Any) -> None:
    case = builder.case_in(CaseState.ANSWER_PERIOD)
    builder.answer(case, "respondent-1", D(2026, 3, 16))
    assert case.state == CaseState.ANSWER_PERIOD
    builder.lapse(case, "answer.respondent-2", D(2026, 3, 25))
    assert case.state is CaseState.IN_REVIEW
    assert case.events[-1].actor.id.startswith("timer:")


def test_a_late_answer_is_kept_and_flagged(builder: Any) -> None:
    case = builder.case_in(CaseState.ANSWER_PERIOD)
    builder.lapse(case, "answer.respondent-1", D(2026, 3, 22))
    builder.lapse(case, "answer.respondent-2", D(2026, 3, 25))
    builder.answer(case, "respondent-2", D(2026, 3, 27))
    assert case.state is CaseState.IN_REVIEW
    assert case.answers[-1].late
    assert case.events[-1].advisories[0].code == "answer_late"


def test_the_decision_is_not_effective_while_a_party_is_unserved(builder: Any) -> None:
    case = builder.case_in(CaseState.LITIGATION_WINDOW)  # only the requester served
    builder.lapse(case, "litigation.requester", D(2026, 5, 7))
    assert case.state == CaseState.LITIGATION_WINDOW
    builder.make_effective(case)
    assert case.state is CaseState.EFFECTIVE
    assert case.effective_on == D(2026, 5, 7)  # every window ran out on Wed 6 May (Labour Day roll-forward)
