"""What each recorded event of an adjudication case publishes (§H): every transition, and its own contract."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from adjudication.domain.case import Case
from adjudication.domain.records import CaseEvent
from adjudication.domain.rules import CaseRules
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

Mapper = Callable[[Case, CaseEvent, CaseRules], Iterable[EventData]]


def case_contracts(case: Case, event: CaseEvent, rules: CaseRules) -> list[EventData]:
    published: list[EventData] = []
    if event.is_transition:
        published.append(transitioned(case.id, CaseKind.INFRINGEMENT_DISPUTE, case.official_no, event))
    mapper = _CASE_MAPPERS.get(event.name)
    if mapper is not None:
        published.extend(mapper(case, event, rules))
    return [_with_envelope(data, event, case) for data in published]


def _opened(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    """``adjudication.case.opened``: intake follows its complaint into adjudication with it."""
    yield CaseOpenedV1(
        case_id=case.id,
        case_no=case.case_no,
        complaint_id=case.complaint_id,
        state="SUBMITTED",
        opened_at=event.at,
    )


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
        requester=party_ref(case.requester),
        respondents=tuple(party_ref(p) for p in case.respondents),
        rights=rights(case.rights),
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
        requester=party_details(case.requester),
        respondents=tuple(party_details(p) for p in case.respondents),
        rights=rights(case.rights),
        damages_mediation=mediation.damages_mediation,
        summary=mediation.summary,
        requested_at=event.at,
    )


def _suspended(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    yield CaseSuspendedV1(
        case_id=case.id,
        case_no=case.official_no,
        reason_code=SuspensionReason(event.details["reason"]),
        invalidation_case_no=event.details.get("invalidation_case_no"),
        court_ruling_no=event.details.get("court_ruling_no"),
        suspended_on=dt.date.fromisoformat(event.details["suspended_on"]),
        rights=rights(case.rights),
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


def _case_alert(case: Case, event: CaseEvent, rules: CaseRules) -> Iterable[EventData]:
    assignees = tuple(p.person_id for p in case.participants if p.active)
    yield alert(case.id, CaseKind.INFRINGEMENT_DISPUTE, case.official_no, event, assignees)


_CASE_MAPPERS: dict[str, Mapper] = {
    "RequestFiled": _opened,
    "CaseDocketed": _docketed,
    "CaseNotAccepted": _not_accepted,
    "MediationRequested": _mediation_requested,
    "DecisionIssued": decision_issued,
    "DecisionServed": decision_served,
    "DecisionBecameEffective": decision_effective,
    "DecisionUpheld": decision_effective,
    "DecisionRevoked": decision_revoked,
    "EnforcementDemandServed": demand_served,
    "EnforcementApplied": enforcement_applied,
    "EnforcementGranted": performance_refused,
    "CaseSuspended": _suspended,
    "CaseResumed": _resumed,
    "RepeatInfringementFlagged": repeat_infringer,
    "DeadlineDueSoon": _case_alert,
    "DeadlineMissed": _case_alert,
}


def _with_envelope(data: EventData, event: CaseEvent, case: Case) -> EventData:
    subject_ids = tuple(p.credit_code for p in case.parties if p.credit_code)
    ip_refs = tuple(IpRef(type=r.ip_type.value, reg_no=r.number) for r in case.rights)
    return data.model_copy(
        update={"legal_basis": legal_basis(event.basis), "subject_ids": subject_ids, "ip_refs": ip_refs}
    )
