"""Events of the decision and after (§H.1, §H.2): issued, served, effective, revoked, enforcement, repeat."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.decision import LINKAGE_OUTCOMES, litigation_route
from adjudication.domain.errors import InvariantBroken
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.rules import CaseRules
from adjudication.publishing.values import (
    party_ref,
    rights,
    subject,
)
from shared.contracts import EventData
from shared.contracts.adjudication import (
    DecisionEffectiveV1,
    DecisionIssuedV1,
    DecisionRevokedV1,
    DecisionServedV1,
    EnforcementAppliedV1,
    EnforcementDemandServedV1,
    PerformanceRefusedV1,
    PriorDecision,
    RepeatInfringerFlaggedV1,
)
from shared.contracts.common import Label, Outcome
from shared.domain.events import DomainEvent


def decision_issued(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    if decision is None:
        raise InvariantBroken("decision is not None")
    if decision.outcome in LINKAGE_OUTCOMES:
        return  # a scope finding (专利法 art. 76), not an infringement decision: v1 cannot carry it
    order = decision.stop_order
    yield DecisionIssuedV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=decision.decision_no,
        outcome=Outcome(decision.outcome.value),
        requester=party_ref(case.requester),
        respondents=tuple(party_ref(p) for p in case.respondents),
        rights=rights(case.rights),
        stop_order_scope=tuple(a.value for a in order.acts) if order else (),
        infringing_products=order.products if order else (),
        stop_measures=tuple(m.value for m in order.measures) if order else (),
        decided_on=decision.decided_on,
        litigation_route=litigation_route(rules),
    )


def decision_served(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    if decision is None:
        raise InvariantBroken("decision is not None")
    party = case.party(event.details["party_id"])
    yield DecisionServedV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=decision.decision_no,
        party=party_ref(party),
        party_role=party.role.value,
        method=event.details["method"],
        served_on=dt.date.fromisoformat(event.details["served_on"]),
        litigation_deadline=dt.date.fromisoformat(event.details["litigation_deadline"]),
    )


def decision_effective(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    if decision is None or case.effective_on is None:
        raise InvariantBroken("decision is not None and case.effective_on is not None")
    if decision.outcome in LINKAGE_OUTCOMES:
        return  # a scope finding (专利法 art. 76), not an infringement decision: v1 cannot carry it
    order = decision.stop_order
    yield DecisionEffectiveV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=decision.decision_no,
        outcome=Outcome(decision.outcome.value),
        outcome_label=Label.of(decision.outcome),
        respondents=tuple(subject(p) for p in case.respondents),
        rights=rights(case.rights),
        stop_order_scope=tuple(a.value for a in order.acts) if order else (),
        infringing_products=order.products if order else (),
        stop_measures=tuple(m.value for m in order.measures) if order else (),
        decided_on=decision.decided_on,
        effective_on=case.effective_on,
        upheld_by_court=event.name == CaseEvent.DECISION_UPHELD,
    )


def decision_revoked(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    if case.decision is None or case.suit is None:
        raise InvariantBroken("case.decision is not None and case.suit is not None")
    yield DecisionRevokedV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=case.decision.decision_no,
        court=case.suit.court_code,
        court_case_no=case.suit.court_case_no,
        revoked_on=dt.date.fromisoformat(event.details["effective_on"]),
    )


def demand_served(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    enforcement, decision = case.enforcement, case.decision
    if enforcement is None or decision is None:
        raise InvariantBroken("enforcement is not None and decision is not None")
    for respondent in case.respondents:
        yield EnforcementDemandServedV1(
            case_id=case.id,
            case_no=case.official_no,
            decision_no=decision.decision_no,
            subject=subject(respondent),
            served_on=enforcement.demand_served_on,
            earliest_application_date=enforcement.earliest_application_date,
            application_deadline=enforcement.application_deadline,
        )


def enforcement_applied(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    enforcement, decision = case.enforcement, case.decision
    if enforcement is None or enforcement.application is None or decision is None:
        raise InvariantBroken(
            "enforcement is not None and enforcement.application is not None and decision is not None"
        )
    application = enforcement.application
    for respondent in case.respondents:
        yield EnforcementAppliedV1(
            case_id=case.id,
            case_no=case.official_no,
            decision_no=decision.decision_no,
            court_code=application.court_code,
            court_name=application.court_name,
            application_no=application.application_no,
            applied_on=application.applied_on,
            subject=subject(respondent),
            object_of_enforcement=application.object_of_enforcement,
            facts_and_reasons=application.facts_and_reasons,
            demand_served_on=enforcement.demand_served_on,
            application_deadline=enforcement.application_deadline,
            late_filing_reason=application.late_reason,
        )


def performance_refused(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    if decision is None:
        raise InvariantBroken("decision is not None")
    for respondent in case.respondents:
        yield PerformanceRefusedV1(
            case_id=case.id,
            case_no=case.official_no,
            decision_no=decision.decision_no,
            subject=subject(respondent),
            finding=(
                "did not perform the effective decision after a written demand; the court ordered enforcement"
            ),
            found_on=dt.date.fromisoformat(event.details["ruled_on"]),
            enforcement_ruling_no=event.details["ruling_no"],
        )


def repeat_infringer(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    if decision is None:
        raise InvariantBroken("decision is not None")
    flagged = next((p for p in case.respondents if p.identity_key == event.details["subject_key"]), None)
    if flagged is None:
        return
    yield RepeatInfringerFlaggedV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=decision.decision_no,
        subject=subject(flagged),
        right=rights(case.rights)[0],
        prior_decisions=tuple(PriorDecision.model_validate(p) for p in event.details["prior_decisions"]),
        lookback_months=event.details["lookback_months"],
        flagged_on=event.at.date(),
    )
