"""What each recorded event publishes (pure mapping, no broker): §H fields and the hand-off contracts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import mediation
from adjudication.domain.events import CaseEvent, DeadlineEvent, PenaltyEvent
from adjudication.publishing import case_publisher, penalty_publisher
from shared.catalogue import label
from shared.contracts.adjudication import (
    CaseOpenedV1,
    CaseTransitionedV1,
    DecisionEffectiveV1,
    DecisionServedV1,
    EnforcementDemandServedV1,
    MediationRequestedV1,
    PerformanceRefusedV1,
)
from shared.steps import UnmappedEvent

D = dt.date


def published(builder: Any, case: Any) -> list[Any]:
    publisher = case_publisher(builder.rules)
    return [data for event in case.events for data in publisher.contracts(case, event)]


def test_every_event_name_is_published_or_declared_internal(builder: Any) -> None:
    assert case_publisher(builder.rules).unaccounted([*CaseEvent, *DeadlineEvent]) == set()
    assert penalty_publisher().unaccounted([*PenaltyEvent, *DeadlineEvent]) == set()


def test_an_event_the_publisher_does_not_know_fails_loudly(builder: Any) -> None:
    case = builder.case_in(CaseState.SUBMITTED)
    stray = case.record("SomethingNobodyMapped", by=builder.handler, at=builder.moment(D(2026, 3, 3)))
    with pytest.raises(UnmappedEvent):
        case_publisher(builder.rules).contracts(case, stray)


def test_every_transition_is_published_with_actor_and_legal_basis(builder: Any) -> None:
    case = builder.case_in(CaseState.SUBMITTED)
    builder.docket(case)
    transitioned = [d for d in published(builder, case) if isinstance(d, CaseTransitionedV1)]
    assert [(t.transition, t.from_state, t.to_state, t.actor_kind) for t in transitioned] == [
        ("docket", "SUBMITTED", "DOCKETED", "handler")
    ]
    assert [b.instrument for b in transitioned[0].legal_basis][:1] == ["专利法实施细则"]
    assert set(transitioned[0].subject_ids) == {
        "91330100MA27XXXX1X",
        "91110108000000001X",
        "91110108000000002X",
    }


def test_each_partys_service_carries_its_own_litigation_deadline(builder: Any) -> None:
    case = builder.case_in(CaseState.DECIDED)
    builder.serve_decision(case, "respondent-1", D(2026, 4, 17))
    served = [d for d in published(builder, case) if isinstance(d, DecisionServedV1)]
    assert [(s.party.name, s.served_on, s.litigation_deadline) for s in served] == [
        ("被请求人1贸易有限公司", D(2026, 4, 17), D(2026, 5, 6))
    ]


def test_the_effective_decision_gives_customs_the_stop_order_scope(builder: Any) -> None:
    case = builder.case_in(CaseState.LITIGATION_WINDOW)
    builder.make_effective(case)
    (effective,) = [d for d in published(builder, case) if isinstance(d, DecisionEffectiveV1)]
    assert effective.effective_on == D(2026, 5, 7)
    assert effective.stop_order_scope == ("sell", "offer_to_sell")
    assert effective.infringing_products == ("X1型电动牙刷",)
    assert [s.credit_code for s in effective.respondents] == ["91110108000000001X", "91110108000000002X"]


def test_demand_and_refusal_to_perform_are_published_per_infringer(builder: Any) -> None:
    case = builder.case_in(CaseState.EFFECTIVE)
    builder.demand(case)
    demands = [d for d in published(builder, case) if isinstance(d, EnforcementDemandServedV1)]
    assert {(d.subject.name, d.earliest_application_date) for d in demands} == {
        ("被请求人1贸易有限公司", D(2026, 5, 27)),
        ("被请求人2贸易有限公司", D(2026, 5, 27)),
    }
    case = builder.case_in(CaseState.ENFORCEMENT_APPLIED)
    builder.rule(case, granted=True)
    refused = [d for d in published(builder, case) if isinstance(d, PerformanceRefusedV1)]
    assert [r.enforcement_ruling_no for r in refused] == ["（2026）京0108行审1号"] * 2


def test_the_mediation_hand_off_carries_what_mediation_needs(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    mediation.refer_to_mediation(
        case,
        consented_on=D(2026, 3, 25),
        damages_mediation=True,
        summary="调解赔偿数额",
        by=builder.parties,
        at=builder.moment(D(2026, 3, 25)),
    )
    (handoff,) = [d for d in published(builder, case) if isinstance(d, MediationRequestedV1)]
    assert handoff.case_id == case.id and handoff.damages_mediation
    assert handoff.requester.name == "杭州专利权人科技有限公司"
    assert [r.number for r in handoff.rights] == ["ZL202310000001.X"]


def test_opening_a_case_tells_intake_which_case_its_complaint_became(builder: Any) -> None:
    case = builder.new()

    (opened,) = [d for d in published(builder, case) if isinstance(d, CaseOpenedV1)]
    assert (opened.case_id, opened.case_no, opened.complaint_id) == (
        case.id,
        "AD2026-000001",
        case.complaint_id,
    )
    assert opened.state == "SUBMITTED"


def test_the_opened_case_and_the_effective_decision_carry_their_names_in_both_languages(
    builder: Any,
) -> None:
    """Issue 17: a consumer (intake's timeline) shows adjudication's state and outcome without
    adjudication's catalogue, from the names the event carries."""
    (opened,) = [d for d in published(builder, builder.new()) if isinstance(d, CaseOpenedV1)]
    assert opened.state_label is not None
    assert (opened.state_label.zh, opened.state_label.en) == tuple(label(CaseState.SUBMITTED))
    case = builder.case_in(CaseState.LITIGATION_WINDOW)
    builder.make_effective(case)
    (effective,) = [d for d in published(builder, case) if isinstance(d, DecisionEffectiveV1)]
    assert effective.outcome_label is not None
    assert effective.outcome_label.zh == label(case.decision.outcome).zh
    assert effective.outcome_label.zh != effective.outcome.value
