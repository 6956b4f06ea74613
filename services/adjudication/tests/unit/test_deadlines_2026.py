"""Statutory deadlines of a case across the 2026 Spring Festival (Feb 15-23, make-up Sat Feb 14 and 28)
and National Day (Oct 1-7, make-up Sun Sep 20 and Sat Oct 10) breaks, as the case records them.

Expected dates are worked out by hand from domain-rules §G.1-G.3, not by the code under test.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from adjudication.domain.case.parts.clock import PauseReason
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import clock_pauses, enforcement, suspension
from shared.calendar import SHANGHAI
from shared.domain.deadlines import ArmTimer, DeadlineStatus

D = dt.date


def test_docketing_deadline_skips_the_national_day_break_and_counts_the_make_up_saturday(
    builder: Any,
) -> None:
    case = builder.new(received_at=builder.moment(D(2026, 9, 29), 15))

    # 5 WD from Tue 29 Sep: Wed 30 Sep (1); 1-7 Oct off; Thu 8 (2), Fri 9 (3), Sat 10 make-up (4), Mon 12 (5).
    assert case.deadlines["docket"].due == D(2026, 10, 12)
    assert "国庆节" in case.deadlines["docket"].explanation


def test_an_answer_period_ending_in_the_national_day_break_rolls_to_the_first_day_after(builder: Any) -> None:
    case = builder.new(received_at=builder.moment(D(2026, 9, 14)))
    builder.docket(case, on=D(2026, 9, 16))
    builder.serve(case, "respondent-1", D(2026, 9, 18))

    # 18 Sep + 15 CD = Sat 3 Oct, inside the break: the last day becomes Thu 8 Oct.
    answer = case.deadlines["answer.respondent-1"]
    assert (answer.start, answer.due) == (D(2026, 9, 18), D(2026, 10, 8))


def test_an_answer_period_ending_on_the_make_up_saturday_stays_there(builder: Any) -> None:
    case = builder.new(received_at=builder.moment(D(2026, 9, 21)))
    builder.docket(case, on=D(2026, 9, 22))
    builder.serve(case, "respondent-1", D(2026, 9, 25))

    # 25 Sep + 15 CD = Sat 10 Oct, a 调休 working day: no roll-forward (§G.3 example 2).
    assert case.deadlines["answer.respondent-1"].due == D(2026, 10, 10)


def test_each_party_gets_its_own_litigation_window_across_the_spring_festival(builder: Any) -> None:
    case = builder.new(received_at=builder.moment(D(2025, 12, 1)))
    builder.docket(case, on=D(2025, 12, 3))
    builder.serve(case, "respondent-1", D(2025, 12, 5))
    builder.serve(case, "respondent-2", D(2025, 12, 5))
    builder.answer(case, "respondent-1", D(2025, 12, 15))
    builder.answer(case, "respondent-2", D(2025, 12, 15))
    builder.panel(case, D(2025, 12, 16))  # a decision needs its panel
    _decide_on(builder, case, D(2026, 1, 30))
    builder.serve_decision(case, "requester", D(2026, 2, 2))
    builder.serve_decision(case, "respondent-1", D(2026, 2, 9))
    builder.serve_decision(case, "respondent-2", D(2026, 2, 24))

    windows = {
        p: case.deadlines[f"litigation.{p}"].due for p in ("requester", "respondent-1", "respondent-2")
    }
    # 2 Feb + 15 = Tue 17 Feb (break) -> Tue 24 Feb; 9 Feb + 15 = Tue 24 Feb; 24 Feb + 15 = Wed 11 Mar.
    assert windows == {
        "requester": D(2026, 2, 24),
        "respondent-1": D(2026, 2, 24),
        "respondent-2": D(2026, 3, 11),
    }
    for party in windows:
        builder.lapse(case, f"litigation.{party}", D(2026, 3, 12))
    assert case.state is CaseState.EFFECTIVE
    assert case.effective_on == D(2026, 3, 12)  # the day after the last window ran out
    # 3 months after the window ran out (11 Mar) -> Thu 11 Jun 2026.
    assert case.deadlines["enforcement_application"].due == D(2026, 6, 11)


def test_the_ten_working_days_after_a_demand_straddle_the_spring_festival(builder: Any) -> None:
    case = builder.case_in(CaseState.EFFECTIVE)
    case.effective_on = D(2026, 2, 1)
    builder.inspect(case, complied=False, on=D(2026, 2, 9))

    enforcement.send_demand(
        case,
        served_on=D(2026, 2, 10),
        method=ServiceMethod.IN_PERSON,
        by=builder.handler,
        at=builder.moment(D(2026, 2, 10)),
        rules=builder.rules,
    )

    # Wed 11 (1), Thu 12 (2), Fri 13 (3), Sat 14 make-up (4); 15-23 off; Tue 24 (5) ... Fri 27 (8),
    # Sat 28 make-up (9), Mon 2 Mar (10): the office may apply from Tue 3 Mar.
    assert case.enforcement is not None
    assert case.enforcement.earliest_application_date == D(2026, 3, 3)
    assert "春节" in case.enforcement.wait_explanation


def test_suspension_stops_the_case_clock_and_resumption_shows_the_new_deadline(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    assert case.deadlines["close"].due == D(2026, 6, 4)  # 4 Mar + 3 months

    builder.suspend(case)  # granted on 2 Apr
    assert case.deadlines["close"].status is DeadlineStatus.PAUSED
    assert case.deadlines["close"].due is None
    suspension.resume(
        case,
        reason="所有权纠纷调解书已生效",
        by=builder.panel_actor,
        at=builder.moment(D(2026, 4, 22)),
        rules=builder.rules,
    )

    # Paused [2 Apr, 22 Apr): 20 calendar days are added: 4 Jun -> Wed 24 Jun.
    close = case.deadlines["close"]
    assert (close.status, close.due) == (DeadlineStatus.RUNNING, D(2026, 6, 24))
    resumed = case.events[-1]
    assert resumed.name == "CaseResumed"
    assert resumed.details["close_deadline"] == "2026-06-24"
    assert "20 paused calendar days added" in resumed.details["close_deadline_explanation"]
    assert any(
        isinstance(t, ArmTimer) and t.name == "close" and t.deadline.due == D(2026, 6, 24)
        for t in case.timer_changes
    )


def test_appraisal_and_suspension_overlapping_pause_the_clock_once(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    clock_pauses.start_pause(
        case,
        reason=PauseReason.APPRAISAL,
        reference="司法鉴定所",
        by=builder.handler,
        at=builder.moment(D(2026, 3, 25)),
        rules=builder.rules,
    )
    builder.suspend(case)  # 2 Apr, while the appraisal runs
    clock_pauses.end_pause(
        case,
        reason=PauseReason.APPRAISAL,
        by=builder.handler,
        at=builder.moment(D(2026, 4, 10)),
        rules=builder.rules,
    )
    assert case.deadlines["close"].due is None  # still suspended
    suspension.resume(
        case,
        reason="恢复审理",
        by=builder.panel_actor,
        at=builder.moment(D(2026, 4, 15)),
        rules=builder.rules,
    )

    # One pause [25 Mar, 15 Apr): 21 days, not 16 + 13: 4 Jun -> Thu 25 Jun.
    assert case.deadlines["close"].due == D(2026, 6, 25)


def test_a_one_month_extension_moves_the_closing_deadline(builder: Any) -> None:
    from adjudication.domain.case.steps.clock import extend_time_limit

    case = builder.case_in(CaseState.IN_REVIEW)
    deadline = extend_time_limit(
        case,
        approved_by="局长",
        reason="案情特别复杂",
        by=builder.head,
        at=builder.moment(D(2026, 5, 20)),
        rules=builder.rules,
    )

    assert deadline is not None and deadline.due == D(2026, 7, 6)  # 4 Jun + 1 month = Sat 4 Jul -> Mon 6 Jul
    assert "extended by 1 month" in case.deadlines["close"].explanation


def test_due_soon_warnings_are_armed_for_office_duties_only(builder: Any) -> None:
    case = builder.new(received_at=builder.moment(D(2026, 9, 29), 15))
    builder.docket(case, on=D(2026, 9, 30))
    builder.serve(case, "respondent-1", D(2026, 10, 9))

    armed = {t.name: t for t in case.timer_changes if isinstance(t, ArmTimer)}
    assert armed["serve_request_copy"].warn_working_days == builder.rules.warn_working_days
    assert armed["answer.respondent-1"].warn_working_days is None
    timer = armed["serve_request_copy"]
    assert timer.deadline.ends_at == dt.datetime(2026, 10, 14, tzinfo=SHANGHAI)  # 24:00 on Tue 13 Oct


def _decide_on(builder: Any, case: Any, day: dt.date) -> None:
    from adjudication.domain.case.parts.decision import DecisionDraft, InfringingAct, Outcome, StopOrder
    from adjudication.domain.case.steps import decision

    draft = DecisionDraft(
        outcome=Outcome.INFRINGEMENT_ESTABLISHED,
        requester_statement="称",
        respondent_statement="辩",
        findings="查明",
        reasons="认为",
        legal_provisions=(),
        stop_order=StopOrder(acts=(InfringingAct.SELL,), products=("X1",)),
        approved_by="局长",
        decided_on=day,
    )
    decision.decide(
        case,
        decision_no="（2026）京知裁决字第9号",
        draft=draft,
        by=builder.panel_actor,
        at=builder.moment(day),
        rules=builder.rules,
    )
