"""What each recorded event of an adjudication case publishes (§H): every transition, and its own contract.

Every event name of the case is accounted for: the events of the transition table publish
``adjudication.case.transitioned`` when they are a transition, those below publish their own
contract too, and the rest are declared ``INTERNAL``; the shared :class:`~shared.steps.Publisher`
refuses anything else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.states import TRANSITIONS, CaseState
from adjudication.domain.errors import InvariantBroken
from adjudication.domain.events import CaseEvent, DeadlineEvent
from adjudication.domain.values.rules import CaseRules
from adjudication.publishing.decisions import (
    decision_effective,
    decision_issued,
    decision_revoked,
    decision_served,
    demand_served,
    enforcement_applied,
    performance_refused,
    repeat_infringer,
)
from adjudication.publishing.values import (
    alert,
    legal_basis,
    party_details,
    party_ref,
    rights,
    transitioned,
)
from shared.contracts import EventData, IpRef
from shared.contracts.adjudication import (
    CaseDocketedV1,
    CaseKind,
    CaseNotAcceptedV1,
    CaseOpenedV1,
    CaseResumedV1,
    CaseSuspendedV1,
    MediationRequestedV1,
    SuspensionReason,
)
from shared.contracts.common import Label
from shared.domain.events import DomainEvent
from shared.steps import Mapper, Publisher

CaseMapper = Callable[[Case, DomainEvent, CaseRules], Iterable[EventData]]
E = CaseEvent


def case_publisher(rules: CaseRules) -> Publisher[Case]:
    """The case's publisher for the office's ``rules`` (docketing and decisions name the office)."""
    names: set[str] = {row.event for row in TRANSITIONS} | set(_CONTRACTS)
    return Publisher({name: _mapper(_CONTRACTS.get(name), rules) for name in names}, internal=INTERNAL)


def _mapper(contract: CaseMapper | None, rules: CaseRules) -> Mapper[Case]:
    def publish(case: Case, event: DomainEvent) -> list[EventData]:
        published: list[EventData] = []
        if event.is_transition:
            published.append(transitioned(case.id, CaseKind.INFRINGEMENT_DISPUTE, case.official_no, event))
        if contract is not None:
            published.extend(contract(case, event, rules))
        return [_with_envelope(data, event, case) for data in published]

    return publish


def _opened(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    """``adjudication.case.opened``: intake follows its complaint into adjudication with it."""
    yield CaseOpenedV1(
        case_id=case.id,
        case_no=case.case_no,
        complaint_id=case.complaint_id,
        state=CaseState.SUBMITTED.value,
        state_label=Label.of(CaseState.SUBMITTED),
        opened_at=event.at,
    )


def _docketed(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    if case.docket is None:
        raise InvariantBroken("case.docket is not None")
    close = case.deadlines.get("close")
    yield CaseDocketedV1(
        case_id=case.id,
        case_no=case.docket.docket_no,
        registration_no=case.case_no,
        complaint_id=case.complaint_id,
        office_code=rules.office_code,
        procedure=case.procedure.value,
        requester=party_ref(case.requester),
        respondents=tuple(party_ref(p) for p in case.respondents),
        rights=rights(case.rights),
        docketed_at=event.at,
        close_deadline=close.due if close else None,
    )


def _not_accepted(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    yield CaseNotAcceptedV1(
        case_id=case.id,
        case_no=case.case_no,
        complaint_id=case.complaint_id,
        reasons=tuple(event.details.get("reasons") or ("not accepted",)),
        decided_at=event.at,
    )


def _mediation_requested(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    mediation = case.mediation
    if mediation is None:
        raise InvariantBroken("mediation is not None")
    yield MediationRequestedV1(
        case_id=case.id,
        case_no=case.official_no,
        requester=party_details(case.requester),
        respondents=tuple(party_details(p) for p in case.respondents),
        rights=rights(case.rights),
        damages_mediation=mediation.damages_mediation,
        summary=mediation.summary,
        requested_at=event.at,
    )


def _suspended(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    yield CaseSuspendedV1(
        case_id=case.id,
        case_no=case.official_no,
        reason_code=SuspensionReason(event.details["reason"]),
        invalidation_case_no=event.details.get("invalidation_case_no"),
        court_ruling_no=event.details.get("court_ruling_no"),
        suspended_on=dt.date.fromisoformat(event.details["suspended_on"]),
        rights=rights(case.rights),
    )


def _resumed(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    due = event.details.get("close_deadline")
    yield CaseResumedV1(
        case_id=case.id,
        case_no=case.official_no,
        reason_code=SuspensionReason(event.details.get("suspension_reason", "other")),
        resumed_on=dt.date.fromisoformat(event.details["resumed_on"]),
        close_deadline=dt.date.fromisoformat(due) if due else None,
        close_deadline_explanation=event.details.get("close_deadline_explanation", ""),
    )


def _case_alert(case: Case, event: DomainEvent, rules: CaseRules) -> Iterable[EventData]:
    assignees = tuple(p.person_id for p in case.participants if p.active)
    yield alert(case.id, CaseKind.INFRINGEMENT_DISPUTE, case.official_no, event, assignees)


_CONTRACTS: Mapping[str, CaseMapper] = {
    E.REQUEST_FILED: _opened,
    E.CASE_DOCKETED: _docketed,
    E.CASE_NOT_ACCEPTED: _not_accepted,
    E.MEDIATION_REQUESTED: _mediation_requested,
    E.DECISION_ISSUED: decision_issued,
    E.DECISION_SERVED: decision_served,
    E.DECISION_BECAME_EFFECTIVE: decision_effective,
    E.DECISION_UPHELD: decision_effective,
    E.DECISION_REVOKED: decision_revoked,
    E.ENFORCEMENT_DEMAND_SERVED: demand_served,
    E.ENFORCEMENT_APPLIED: enforcement_applied,
    E.ENFORCEMENT_GRANTED: performance_refused,
    E.CASE_SUSPENDED: _suspended,
    E.CASE_RESUMED: _resumed,
    E.REPEAT_INFRINGEMENT_FLAGGED: repeat_infringer,
    DeadlineEvent.DUE_SOON: _case_alert,
    DeadlineEvent.MISSED: _case_alert,
}

# Facts kept on the case record only: no other service acts on them.
INTERNAL = frozenset(
    {
        E.PROCEDURE_CHANGED,
        E.ANSWER_RECEIVED,
        E.ANSWER_PERIOD_LAPSED,
        E.DOCUMENT_SERVED,
        E.EVIDENCE_SUBMITTED,
        E.EVIDENCE_EXCHANGED,
        E.PARTICIPANT_ASSIGNED,
        E.PARTICIPANT_RELEASED,
        E.RECUSAL_REQUESTED,
        E.RECUSAL_DECIDED,
        E.RECUSAL_RECONSIDERATION_REQUESTED,
        E.RECUSAL_RECONSIDERED,
        E.HEARING_RESCHEDULED,
        E.HEARING_NOTICE_LATE,
        E.SUSPENSION_REQUESTED,
        E.SUSPENSION_REFUSED,
        E.SUSPENSION_EXTENDED,
        E.CLOCK_PAUSED,
        E.CLOCK_RESUMED,
        E.TIME_LIMIT_EXTENDED,
        E.APPROVAL_REQUESTED,
        E.LITIGATION_WINDOW_LAPSED,
        E.NON_COMPLIANCE_FOUND,
        E.ENFORCEMENT_REFUSED,
        E.ENFORCEMENT_REVIEW_SOUGHT,
        E.DRUG_LINKAGE_REGISTERED,
        E.CDE_NOTIFIED,
        DeadlineEvent.PERIOD_LAPSED,
    }
)


def _with_envelope(data: EventData, event: DomainEvent, case: Case) -> EventData:
    subject_ids = tuple(p.credit_code for p in case.parties if p.credit_code)
    ip_refs = tuple(IpRef(type=r.ip_type.value, reg_no=r.number) for r in case.rights)
    return data.model_copy(
        update={"legal_basis": legal_basis(event.basis), "subject_ids": subject_ids, "ip_refs": ip_refs}
    )
