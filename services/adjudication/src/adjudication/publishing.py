"""What the service publishes for each recorded event: the contracts of ``shared.contracts.adjudication``.

Every transition is published as ``adjudication.case.transitioned``; the events that other services
and agencies act on (§H) get their own contract, built here from the case and the event's details.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from adjudication.decision_document import litigation_route
from adjudication.domain.case import Case
from adjudication.domain.legal import Citation
from adjudication.domain.parties import PartyRecord, PatentRight
from adjudication.domain.penalty_case import PenaltyCase
from adjudication.domain.records import CaseEvent
from adjudication.domain.rules import CaseRules
from shared.contracts import EventData, IpRef, LegalBasis
from shared.contracts.adjudication import (
    AlertLevel,
    CaseDocketedV1,
    CaseKind,
    CaseNotAcceptedV1,
    CaseResumedV1,
    CaseSuspendedV1,
    CaseTransitionedV1,
    CounterfeitPenaltyDecidedV1,
    DeadlineAlertV1,
    DecisionEffectiveV1,
    DecisionIssuedV1,
    DecisionRevokedV1,
    DecisionServedV1,
    EnforcementAppliedV1,
    EnforcementDemandServedV1,
    MediationRequestedV1,
    PerformanceRefusedV1,
    PriorDecision,
    RepeatInfringerFlaggedV1,
    SuspensionReason,
)
from shared.contracts.common import MoneyAmount, Outcome, PartyDetails, PartyRef, RightRef, SubjectRef

Mapper = Callable[[Case, CaseEvent, CaseRules], Iterable[EventData]]


def case_contracts(case: Case, event: CaseEvent, rules: CaseRules) -> list[EventData]:
    published: list[EventData] = []
    if event.is_transition:
        published.append(_transitioned(case.id, CaseKind.INFRINGEMENT_DISPUTE, case.official_no, event))
    mapper = _CASE_MAPPERS.get(event.name)
    if mapper is not None:
        published.extend(mapper(case, event, rules))
    return [_with_envelope(data, event, case) for data in published]


def penalty_contracts(case: PenaltyCase, event: CaseEvent) -> list[EventData]:
    published: list[EventData] = []
    if event.is_transition:
        published.append(_transitioned(case.id, CaseKind.COUNTERFEIT_PENALTY, case.case_no, event))
    if event.name == "PenaltyDecided" and case.decision is not None:
        decision = case.decision
        published.append(
            CounterfeitPenaltyDecidedV1(
                case_id=case.id,
                case_no=case.case_no,
                decision_no=decision.decision_no,
                subject=_subject(case.subject),
                fine=MoneyAmount(amount=decision.fine),
                illegal_gains_confiscated=(
                    MoneyAmount(amount=decision.gains_confiscated) if decision.gains_confiscated else None
                ),
                products=case.products,
                marks=case.marks,
                decided_on=decision.decided_on,
                publication_due=decision.publication_due,
            )
        )
    if event.name in ("DeadlineDueSoon", "DeadlineMissed"):
        published.append(_alert(case.id, CaseKind.COUNTERFEIT_PENALTY, case.case_no, event, ()))
    extra = _basis(event.basis)
    subject_ids = tuple(c for c in (case.subject.credit_code,) if c)
    ip_refs = (IpRef(type="patent", reg_no=case.patent_number),) if case.patent_number else ()
    return [
        d.model_copy(update={"legal_basis": extra, "subject_ids": subject_ids, "ip_refs": ip_refs})
        for d in published
    ]


# ------------------------------------------------------------------ per event


def _docketed(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    assert case.docket is not None
    close = case.deadlines.get("close")
    yield CaseDocketedV1(
        case_id=case.id,
        case_no=case.docket.docket_no,
        registration_no=case.case_no,
        complaint_id=case.complaint_id,
        office_code=rules.office_code,
        procedure=case.procedure.value,
        requester=_party_ref(case.requester),
        respondents=tuple(_party_ref(p) for p in case.respondents),
        rights=_rights(case.rights),
        docketed_at=event.at,
        close_deadline=close.due if close else None,
    )


def _not_accepted(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    yield CaseNotAcceptedV1(
        case_id=case.id,
        case_no=case.case_no,
        complaint_id=case.complaint_id,
        reasons=tuple(event.details.get("reasons") or ("not accepted",)),
        decided_at=event.at,
    )


def _mediation_requested(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    mediation = case.mediation
    assert mediation is not None
    yield MediationRequestedV1(
        case_id=case.id,
        case_no=case.official_no,
        requester=_party_details(case.requester),
        respondents=tuple(_party_details(p) for p in case.respondents),
        rights=_rights(case.rights),
        damages_mediation=mediation.damages_mediation,
        summary=mediation.summary,
        requested_at=event.at,
    )


def _decision_issued(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    assert decision is not None
    order = decision.stop_order
    yield DecisionIssuedV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=decision.decision_no,
        outcome=Outcome(decision.outcome.value),
        requester=_party_ref(case.requester),
        respondents=tuple(_party_ref(p) for p in case.respondents),
        rights=_rights(case.rights),
        stop_order_scope=tuple(a.value for a in order.acts) if order else (),
        infringing_products=order.products if order else (),
        stop_measures=tuple(m.value for m in order.measures) if order else (),
        decided_on=decision.decided_on,
        litigation_route=litigation_route(rules),
    )


def _decision_served(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    assert decision is not None
    party = case.party(event.details["party_id"])
    yield DecisionServedV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=decision.decision_no,
        party=_party_ref(party),
        party_role=party.role.value,
        method=event.details["method"],
        served_on=dt.date.fromisoformat(event.details["served_on"]),
        litigation_deadline=dt.date.fromisoformat(event.details["litigation_deadline"]),
    )


def _effective(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    assert decision is not None and case.effective_on is not None
    order = decision.stop_order
    yield DecisionEffectiveV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=decision.decision_no,
        outcome=Outcome(decision.outcome.value),
        respondents=tuple(_subject(p) for p in case.respondents),
        rights=_rights(case.rights),
        stop_order_scope=tuple(a.value for a in order.acts) if order else (),
        infringing_products=order.products if order else (),
        stop_measures=tuple(m.value for m in order.measures) if order else (),
        decided_on=decision.decided_on,
        effective_on=case.effective_on,
        upheld_by_court=event.name == "DecisionUpheld",
    )


def _revoked(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    assert case.decision is not None and case.suit is not None
    yield DecisionRevokedV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=case.decision.decision_no,
        court=case.suit.court_code,
        court_case_no=case.suit.court_case_no,
        revoked_on=dt.date.fromisoformat(event.details["effective_on"]),
    )


def _demand_served(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    enforcement, decision = case.enforcement, case.decision
    assert enforcement is not None and decision is not None
    for respondent in case.respondents:
        yield EnforcementDemandServedV1(
            case_id=case.id,
            case_no=case.official_no,
            decision_no=decision.decision_no,
            subject=_subject(respondent),
            served_on=enforcement.demand_served_on,
            earliest_application_date=enforcement.earliest_application_date,
            application_deadline=enforcement.application_deadline,
        )


def _enforcement_applied(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    enforcement, decision = case.enforcement, case.decision
    assert enforcement is not None and enforcement.application is not None and decision is not None
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
            subject=_subject(respondent),
            object_of_enforcement=application.object_of_enforcement,
            facts_and_reasons=application.facts_and_reasons,
            demand_served_on=enforcement.demand_served_on,
            application_deadline=enforcement.application_deadline,
            late_filing_reason=application.late_reason,
        )


def _performance_refused(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    assert decision is not None
    for respondent in case.respondents:
        yield PerformanceRefusedV1(
            case_id=case.id,
            case_no=case.official_no,
            decision_no=decision.decision_no,
            subject=_subject(respondent),
            finding=(
                "did not perform the effective decision after a written demand; the court ordered enforcement"
            ),
            found_on=dt.date.fromisoformat(event.details["ruled_on"]),
            enforcement_ruling_no=event.details["ruling_no"],
        )


def _suspended(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    yield CaseSuspendedV1(
        case_id=case.id,
        case_no=case.official_no,
        reason_code=SuspensionReason(event.details["reason"]),
        invalidation_case_no=event.details.get("invalidation_case_no"),
        court_ruling_no=event.details.get("court_ruling_no"),
        suspended_on=dt.date.fromisoformat(event.details["suspended_on"]),
        rights=_rights(case.rights),
    )


def _resumed(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    due = event.details.get("close_deadline")
    yield CaseResumedV1(
        case_id=case.id,
        case_no=case.official_no,
        reason_code=SuspensionReason(event.details.get("suspension_reason", "other")),
        resumed_on=dt.date.fromisoformat(event.details["resumed_on"]),
        close_deadline=dt.date.fromisoformat(due) if due else None,
        close_deadline_explanation=event.details.get("close_deadline_explanation", ""),
    )


def _repeat(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    decision = case.decision
    assert decision is not None
    subject = next((p for p in case.respondents if p.identity_key == event.details["subject_key"]), None)
    if subject is None:
        return
    yield RepeatInfringerFlaggedV1(
        case_id=case.id,
        case_no=case.official_no,
        decision_no=decision.decision_no,
        subject=_subject(subject),
        right=_rights(case.rights)[0],
        prior_decisions=tuple(PriorDecision.model_validate(p) for p in event.details["prior_decisions"]),
        lookback_months=event.details["lookback_months"],
        flagged_on=event.at.date(),
    )


def _case_alert(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    assignees = tuple(p.person_id for p in case.participants if p.active)
    yield _alert(case.id, CaseKind.INFRINGEMENT_DISPUTE, case.official_no, event, assignees)


_CASE_MAPPERS: dict[str, Mapper] = {
    "CaseDocketed": _docketed,
    "CaseNotAccepted": _not_accepted,
    "MediationRequested": _mediation_requested,
    "DecisionIssued": _decision_issued,
    "DecisionServed": _decision_served,
    "DecisionBecameEffective": _effective,
    "DecisionUpheld": _effective,
    "DecisionRevoked": _revoked,
    "EnforcementDemandServed": _demand_served,
    "EnforcementApplied": _enforcement_applied,
    "EnforcementGranted": _performance_refused,
    "CaseSuspended": _suspended,
    "CaseResumed": _resumed,
    "RepeatInfringementFlagged": _repeat,
    "DeadlineDueSoon": _case_alert,
    "DeadlineMissed": _case_alert,
}


# ------------------------------------------------------------------ building blocks


def _transitioned(case_id: Any, kind: CaseKind, case_no: str, event: CaseEvent) -> CaseTransitionedV1:
    return CaseTransitionedV1(
        case_id=case_id,
        case_kind=kind,
        case_no=case_no,
        transition=event.transition or "",
        event=event.name,
        from_state=event.from_state or "",
        to_state=event.to_state or "",
        actor_kind=event.actor.kind.value,
        actor_id=event.actor.id,
        occurred_at=event.at,
    )


def _alert(
    case_id: Any, kind: CaseKind, case_no: str, event: CaseEvent, assignees: tuple[str, ...]
) -> EventData:
    due = event.details.get("due_on")
    return DeadlineAlertV1(
        case_id=case_id,
        case_kind=kind,
        case_no=case_no,
        deadline=event.details["deadline"],
        period=event.details["period"],
        level=AlertLevel.DUE_SOON if event.name == "DeadlineDueSoon" else AlertLevel.OVERDUE,
        due_on=dt.date.fromisoformat(due) if due else event.at.date(),
        assignees=assignees,
    )


def _with_envelope(data: EventData, event: CaseEvent, case: Case) -> EventData:
    subject_ids = tuple(p.credit_code for p in case.parties if p.credit_code)
    ip_refs = tuple(IpRef(type=r.ip_type.value, reg_no=r.number) for r in case.rights)
    return data.model_copy(
        update={"legal_basis": _basis(event.basis), "subject_ids": subject_ids, "ip_refs": ip_refs}
    )


def _basis(citations: tuple[Citation, ...]) -> tuple[LegalBasis, ...]:
    return tuple(LegalBasis(instrument=c.instrument, article=c.article) for c in citations)


def _rights(rights: tuple[PatentRight, ...]) -> tuple[RightRef, ...]:
    return tuple(
        RightRef(
            ip_type=r.ip_type,
            number=r.number,
            title=r.title,
            holder=r.holder,
            status=r.status,
            valid_until=r.valid_until,
            evaluation_report=r.evaluation_report,
        )
        for r in rights
    )


def _party_ref(party: PartyRecord) -> PartyRef:
    return PartyRef(kind=party.kind, name=party.name, credit_code=party.credit_code)


def _party_details(party: PartyRecord) -> PartyDetails:
    return PartyDetails(
        kind=party.kind,
        name=party.name,
        credit_code=party.credit_code,
        id_number_masked=party.id_number_masked,
        legal_representative=party.legal_representative,
        capacity=party.capacity,
        address=party.address,
        region_code=party.region_code,
        phone=party.phone,
        email=party.email,
    )


def _subject(party: PartyRecord) -> SubjectRef:
    return SubjectRef(credit_code=party.credit_code, id_number_masked=party.id_number_masked, name=party.name)
