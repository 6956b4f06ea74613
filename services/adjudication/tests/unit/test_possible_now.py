"""``allowed_transitions`` lists what would succeed now: the table's transitions whose guards the case
already meets (issue 17: a case offered ``decide`` with no panel and then refused it)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from adjudication.domain.case.possible import possible_now
from adjudication.domain.case.states import CaseState, allowed_from
from adjudication.domain.penalty import steps
from adjudication.domain.penalty.states import PenaltyState
from adjudication.domain.values.actors import ActorKind
from adjudication.testing import penalty_filing
from shared.calendar import SHANGHAI
from shared.domain.actors import Actor

D = dt.date
HANDLER = Actor(ActorKind.HANDLER, "h-1")


def names(transitions: Any) -> set[str]:
    return {t.name for t in transitions}


def test_decide_is_offered_only_with_a_panel_and_no_pending_recusal(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    assert "decide" in names(possible_now(case))
    assert names(possible_now(case)) == names(allowed_from(CaseState.IN_REVIEW))
    case.participants.clear()
    assert "decide" not in names(possible_now(case))
    assert "decide" in names(allowed_from(case.state))  # the table alone would still offer it


def test_a_recusal_pending_against_a_decider_withholds_decide(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    decider = next(p for p in case.participants if p.role.value == "presiding")
    decider.challenged = True
    assert "decide" not in names(possible_now(case))


def test_close_waits_for_compliance_after_a_finding_of_infringement(builder: Any) -> None:
    case = builder.case_in(CaseState.EFFECTIVE)
    assert case.infringement_established
    assert "close" not in names(possible_now(case))
    assert "verify_compliance" in names(possible_now(case))


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=SHANGHAI)


def notified(rules: Any, fine: str) -> Any:
    case = steps.file_case(
        penalty_filing(), case_no="CP2026-000009", by=HANDLER, at=at(D(2026, 3, 2)), rules=rules
    )
    steps.notify(
        case,
        fine=Decimal(fine),
        illegal_gains=None,
        confiscate_gains=False,
        correction_order="改正",
        served_on=D(2026, 3, 10),
        by=HANDLER,
        at=at(D(2026, 3, 10)),
        rules=rules,
    )
    assert case.state is PenaltyState.NOTIFIED
    return case


def test_a_penalty_offers_a_hearing_only_with_a_hearing_right_and_decide_only_after_its_period(
    rules: Any,
) -> None:
    heavy = notified(rules, "100000")
    assert "request_hearing" in names(steps.possible_now(heavy))
    assert "decide" not in names(steps.possible_now(heavy))  # the 5 WD are running
    small = notified(rules, "2000")
    assert "request_hearing" not in names(steps.possible_now(small))
    assert "decide" in names(steps.possible_now(small))
