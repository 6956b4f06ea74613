"""Counterfeit-patent penalty cases (§A.12): fine bounds, time bar, hearing period, the whole table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from adjudication.domain.errors import CaseTransitionRefused, RuleViolated
from adjudication.domain.penalty import steps
from adjudication.domain.penalty.aggregate import PenaltyCase
from adjudication.domain.penalty.states import PENALTY_TRANSITIONS, PenaltyState
from adjudication.domain.penalty.values import CounterfeitAct, fine_ceiling
from adjudication.domain.values.actors import ActorKind
from adjudication.testing import penalty_filing
from shared.calendar import SHANGHAI
from shared.domain.actors import Actor

D = dt.date
P = PenaltyState
HANDLER = Actor(ActorKind.HANDLER, "h-1")
HEAD = Actor(ActorKind.OFFICE_HEAD, "head-1")
SUBJECT = Actor(ActorKind.RESPONDENT, "subject", recorded_by="h-1")


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI)


@pytest.mark.parametrize(
    ("gains", "ceiling", "flat"),
    [
        (None, Decimal("250000"), True),
        (Decimal("0"), Decimal("250000"), True),
        (Decimal("49999.99"), Decimal("250000"), True),
        (Decimal("50000"), Decimal("250000"), True),  # "≤ 50,000" includes the bound (Civil Code art. 1259)
        (Decimal("50000.01"), Decimal("250000.05"), False),
        (Decimal("120000"), Decimal("600000"), False),
    ],
)
def test_fine_ceiling_of_patent_law_article_68(gains: Decimal | None, ceiling: Decimal, flat: bool) -> None:
    bound = fine_ceiling(gains)
    assert bound.amount == ceiling
    assert ("RMB 50,000 or less" in bound.rule) is flat


def filed(rules: Any, **overrides: Any) -> PenaltyCase:
    return steps.file_case(
        penalty_filing(**overrides), case_no="CP2026-000001", by=HANDLER, at=at(D(2026, 3, 2)), rules=rules
    )


def notified(rules: Any, gains: Decimal | None = Decimal("30000")) -> PenaltyCase:
    case = filed(rules)
    steps.notify(
        case,
        fine=Decimal("100000"),
        illegal_gains=gains,
        confiscate_gains=True,
        correction_order="责令改正并予公告",
        served_on=D(2026, 3, 10),
        by=HANDLER,
        at=at(D(2026, 3, 10)),
        rules=rules,
    )
    return case


def test_a_case_opens_with_the_ninety_day_decision_limit(rules: Any) -> None:
    case = filed(rules)
    assert case.deadlines["decision"].due == D(2026, 6, 1)  # 2 Mar + 90 CD = Sun 31 May -> Mon 1 Jun


def test_acts_undiscovered_for_two_years_are_not_penalised(rules: Any) -> None:
    with pytest.raises(RuleViolated, match="2 years"):
        filed(rules, act_ended_on=D(2024, 2, 29), discovered_on=D(2026, 3, 2))
    filed(rules, act_ended_on=D(2024, 3, 2), discovered_on=D(2026, 3, 2))


def test_a_fine_above_the_ceiling_is_refused(rules: Any) -> None:
    case = filed(rules)
    with pytest.raises(RuleViolated) as refused:
        steps.notify(
            case,
            fine=Decimal("250000.01"),
            illegal_gains=Decimal("50000"),
            confiscate_gains=True,
            correction_order="改正",
            served_on=D(2026, 3, 10),
            by=HANDLER,
            at=at(D(2026, 3, 10)),
            rules=rules,
        )
    assert refused.value.field_errors[0].code == "above_ceiling"


def test_a_seller_with_a_lawful_source_is_not_fined(rules: Any) -> None:
    case = filed(rules, lawful_source_seller=True, acts=(CounterfeitAct.SELLING_MARKED_PRODUCTS,))
    with pytest.raises(RuleViolated, match="lawful source"):
        steps.notify(
            case,
            fine=Decimal("1"),
            illegal_gains=None,
            confiscate_gains=False,
            correction_order="停止销售",
            served_on=D(2026, 3, 10),
            by=HANDLER,
            at=at(D(2026, 3, 10)),
            rules=rules,
        )


def test_a_hearing_is_requested_within_five_working_days(rules: Any) -> None:
    case = notified(rules)  # served Tue 10 Mar: 11, 12, 13, 16, 17 -> by Tue 17 Mar
    with pytest.raises(RuleViolated, match="2026-03-17"):
        steps.request_hearing(case, requested_on=D(2026, 3, 18), by=SUBJECT, at=at(D(2026, 3, 18)))
    steps.request_hearing(case, requested_on=D(2026, 3, 17), by=SUBJECT, at=at(D(2026, 3, 17)))
    assert case.state is P.HEARING_REQUESTED


def test_no_decision_while_the_subject_may_still_ask_for_a_hearing(rules: Any) -> None:
    case = notified(rules)
    with pytest.raises(RuleViolated, match="may still ask"):
        _decide(case, rules, D(2026, 3, 12))
    steps.waive_hearing(case, by=SUBJECT, at=at(D(2026, 3, 12)))
    decision = _decide(case, rules, D(2026, 3, 12))
    assert decision.publication_due == D(2026, 4, 10)  # 20 WD after Thu 12 Mar (Qingming 4-6 Apr skipped)
    assert case.state is P.DECIDED
    assert {"decision_service", "publication"} <= {d.key for d in case.open_deadlines()}


def _decide(case: PenaltyCase, rules: Any, day: dt.date) -> Any:
    return steps.decide(
        case,
        decision_no="（2026）京知假罚字第1号",
        fine=Decimal("100000"),
        illegal_gains=Decimal("30000"),
        gains_confiscated=Decimal("30000"),
        correction_order="改正并公告",
        reasons="标注他人专利号",
        by=HEAD,
        at=at(day),
        rules=rules,
    )


def _decide_after_the_hearing_period(case: PenaltyCase, rules: Any) -> None:
    if case.state is P.NOTIFIED:
        steps.waive_hearing(case, by=SUBJECT, at=at(D(2026, 3, 12)))
    _decide(case, rules, D(2026, 3, 25))


def _serve_and_close(case: PenaltyCase) -> None:
    steps.serve_decision(case, served_on=D(2026, 3, 26), by=HANDLER, at=at(D(2026, 3, 26)))
    steps.close(case, by=HANDLER, at=at(D(2026, 4, 30)))


DRIVERS: dict[str, Any] = {
    "notify": lambda c, r: steps.notify(
        c,
        fine=Decimal("100000"),  # a large fine: the hearing path of 行政处罚法 art. 63 is open
        illegal_gains=None,
        confiscate_gains=False,
        correction_order="改正",
        served_on=D(2026, 3, 10),
        by=HANDLER,
        at=at(D(2026, 3, 10)),
        rules=r,
    ),
    "request_hearing": lambda c, r: steps.request_hearing(
        c, requested_on=D(2026, 3, 12), by=SUBJECT, at=at(D(2026, 3, 12))
    ),
    "hold_hearing": lambda c, r: steps.hold_hearing(c, summary="听证", by=HANDLER, at=at(D(2026, 3, 20))),
    "decide": lambda c, r: _decide_after_the_hearing_period(c, r),
    "publish": lambda c, r: steps.publish(
        c, published_on=D(2026, 3, 30), reference="公告2026-1", by=HANDLER, at=at(D(2026, 3, 30))
    ),
    "close": lambda c, r: _serve_and_close(c),
    "drop": lambda c, r: steps.end_without_penalty(
        c, transfer_to_police=False, reasons=("证据不足",), by=HEAD, at=at(D(2026, 3, 25))
    ),
    "transfer_to_police": lambda c, r: steps.end_without_penalty(
        c, transfer_to_police=True, reasons=("涉嫌犯罪",), by=HEAD, at=at(D(2026, 3, 25))
    ),
}
PATH = ["notify", "request_hearing", "hold_hearing", "decide", "publish"]
REACH = {P.FILED: 0, P.NOTIFIED: 1, P.HEARING_REQUESTED: 2, P.HEARD: 3, P.DECIDED: 4, P.PUBLISHED: 5}


def penalty_case_in(state: PenaltyState, rules: Any) -> PenaltyCase:
    case = filed(rules)
    for name in PATH[: REACH[state]]:
        DRIVERS[name](case, rules)
    assert case.state is state
    case.events.clear()
    return case


@pytest.mark.parametrize(
    ("name", "source"),
    [
        pytest.param(t.name, s, id=f"{t.name}-from-{s}")
        for t in PENALTY_TRANSITIONS
        for s in sorted(t.sources)
    ],
)
def test_each_penalty_transition(rules: Any, name: str, source: PenaltyState) -> None:
    transition = next(t for t in PENALTY_TRANSITIONS if t.name == name)
    case = penalty_case_in(source, rules)
    DRIVERS[name](case, rules)
    assert case.state is transition.target
    assert [e.name for e in case.events if e.transition == name] == [transition.event]


@pytest.mark.parametrize("state", list(REACH))
def test_penalty_steps_from_the_wrong_state_are_refused(rules: Any, state: PenaltyState) -> None:
    case = penalty_case_in(state, rules)
    for transition in PENALTY_TRANSITIONS:
        if state not in transition.sources:
            with pytest.raises(CaseTransitionRefused):
                assert transition.actor is not None
                case.move(transition.name, by=Actor(transition.actor, "x"), at=at(D(2026, 5, 1)))


def _notify(case: PenaltyCase, rules: Any, fine: str, gains: str | None, confiscate: bool) -> None:
    steps.notify(
        case,
        fine=Decimal(fine),
        illegal_gains=None if gains is None else Decimal(gains),
        confiscate_gains=confiscate,
        correction_order="改正并公告",
        served_on=D(2026, 3, 10),
        by=HANDLER,
        at=at(D(2026, 3, 10)),
        rules=rules,
    )


def _decide_with(case: PenaltyCase, rules: Any, fine: str, gains: str | None, confiscated: str | None) -> Any:
    return steps.decide(
        case,
        decision_no="（2026）京知假罚字第2号",
        fine=Decimal(fine),
        illegal_gains=None if gains is None else Decimal(gains),
        gains_confiscated=None if confiscated is None else Decimal(confiscated),
        correction_order="改正并公告",
        reasons="标注他人专利号",
        by=HEAD,
        at=at(D(2026, 3, 25)),
        rules=rules,
    )


@pytest.mark.parametrize(
    ("confiscated"), [None, "0", "20000", "30000.01"], ids=["none", "zero", "partial", "more"]
)
def test_illegal_gains_are_confiscated_in_full(rules: Any, confiscated: str | None) -> None:
    """专利法 art. 68 [V] (§A.12): 没收违法所得 is mandatory. Scenario of issue 17: a decision finding RMB
    30,000 of illegal gains with no or partial confiscation was accepted."""
    case = notified(rules)  # gains 30,000, confiscation proposed; fine 100,000: hearing right
    steps.waive_hearing(case, by=SUBJECT, at=at(D(2026, 3, 12)))
    with pytest.raises(RuleViolated) as refused:
        _decide_with(case, rules, "100000", "30000", confiscated)
    error = refused.value.field_errors[0]
    assert (error.field, error.code) == ("gains_confiscated", "confiscation_required")
    assert "全部没收" in error.message_zh and "专利法第六十八条" in error.message_zh
    assert case.state is P.NOTIFIED
    decision = _decide_with(case, rules, "100000", "30000", "30000")
    assert decision.gains_confiscated == decision.illegal_gains == Decimal("30000.00")


def test_a_notice_that_leaves_illegal_gains_unconfiscated_is_refused(rules: Any) -> None:
    case = filed(rules)
    with pytest.raises(RuleViolated) as refused:
        _notify(case, rules, "1000", "3000", confiscate=False)
    assert refused.value.field_errors[0].code == "confiscation_required"
    assert case.state is P.FILED


def test_nothing_is_confiscated_as_gains_where_none_were_found(rules: Any) -> None:
    case = filed(rules)
    _notify(case, rules, "100000", None, confiscate=False)
    steps.waive_hearing(case, by=SUBJECT, at=at(D(2026, 3, 12)))
    with pytest.raises(RuleViolated) as refused:
        _decide_with(case, rules, "100000", None, "500")
    assert refused.value.field_errors[0].code == "no_gains"


def test_a_small_penalty_carries_statement_and_defence_but_no_hearing(rules: Any) -> None:
    """行政处罚法 art. 63 [V]: a hearing only for the listed heavy penalties (large fine, large
    confiscation…); otherwise statement and defence (art. 45). Scenario of issue 17: a RMB 2,000 fine
    on a company was notified with a hearing right and a 5-WD hearing period."""
    case = filed(rules)  # an organisation: large amount RMB 50,000 by default
    _notify(case, rules, "2000", "1000", confiscate=True)
    assert case.proposed is not None and not case.proposed.hearing_right
    assert "hearing_request" not in case.deadlines
    assert case.events[-1].details["hearing_right"] is False
    with pytest.raises(RuleViolated) as refused:
        steps.request_hearing(case, requested_on=D(2026, 3, 11), by=SUBJECT, at=at(D(2026, 3, 11)))
    assert refused.value.field_errors[0].code == "no_hearing_right"
    assert "陈述、申辩" in refused.value.field_errors[0].message_zh
    decision = _decide_with(case, rules, "2000", "1000", "1000")  # no hearing period to wait for
    assert case.state is P.DECIDED and decision.fine == Decimal("2000.00")


@pytest.mark.parametrize(
    ("fine", "gains", "heard"),
    [
        ("49999.99", None, False),
        ("50000", None, True),  # "较大数额" reached: the bound is included
        ("1000", "50000", True),  # a large confiscation is heavy too (art. 63 ¶1 (2))
    ],
)
def test_the_hearing_right_follows_the_configured_large_amount(
    rules: Any, fine: str, gains: str | None, heard: bool
) -> None:
    case = filed(rules)
    _notify(case, rules, fine, gains, confiscate=gains is not None)
    assert case.proposed is not None and case.proposed.hearing_right is heard
    assert ("hearing_request" in case.deadlines) is heard


def test_the_large_amount_is_configuration(rules: Any) -> None:
    import dataclasses

    stricter = dataclasses.replace(rules, large_amount_organisation=Decimal("1000"))
    case = filed(stricter)
    _notify(case, stricter, "2000", None, confiscate=False)
    assert case.proposed is not None and case.proposed.hearing_right


def test_a_decision_heavier_than_the_notice_needs_a_new_notice_with_a_hearing(rules: Any) -> None:
    case = filed(rules)
    _notify(case, rules, "2000", None, confiscate=False)
    with pytest.raises(RuleViolated) as refused:
        _decide_with(case, rules, "80000", None, None)
    assert refused.value.field_errors[0].code == "heavier_than_notified"
