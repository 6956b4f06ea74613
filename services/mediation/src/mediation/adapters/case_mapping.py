"""Mediation case <-> rows: the case row and its assignments (agreements: ``agreement_mapping``)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from mediation.domain.agreement import Agreement
from mediation.domain.assignment import AssignmentStatus, MediatorAssignment
from mediation.domain.case import Extension, MediationCase, Termination
from mediation.domain.confirmation import (
    ConfirmationApplication,
    EnforcementApplication,
    Objection,
    ObjectionStatus,
)
from mediation.domain.kinds import CourtReference, MediationKind, Origin
from mediation.domain.parties import CaseParty
from mediation.domain.states import MediationState
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TrackedDeadline
from shared.domain.jsonable import to_json
from shared.vocabulary import IpType


def case_row(case: MediationCase) -> dict[str, Any]:
    return {
        "id": case.id,
        "case_no": case.case_no,
        "complaint_id": case.complaint_id,
        "kind": case.kind.value,
        "origin": case.origin.value,
        "origin_id": case.origin_id,
        "court_assignment_id": case.court.assignment_id if case.court else None,
        "court": case.court.as_dict() if case.court else None,
        "ip_type": case.ip_type.value,
        "right_number": case.right_numbers[0] if case.right_numbers else "",
        "right_numbers": list(case.right_numbers),
        "parties": [p.as_dict() for p in case.parties],
        "dispute_summary": case.dispute_summary,
        "damages_only": case.damages_only,
        "office_region_code": case.office_region_code,
        "office_code": case.office_code,
        "state": case.state.value,
        "opened_at": case.opened_at,
        "state_changed_at": case.state_changed_at,
        "started_at": case.started_at,
        "concluded_at": case.concluded_at,
        "deadlines": {key: to_json(tracked) for key, tracked in case.deadlines.items()},
        "consents": {str(party): at.isoformat() for party, at in case.consents.items()},
        "extensions": [
            {
                "days": e.days,
                "consenting_party_ids": [str(p) for p in e.consenting_party_ids],
                "agreed_at": e.agreed_at.isoformat(),
            }
            for e in case.extensions
        ],
        "termination": (
            {"ground": case.termination.ground, "explanation": case.termination.explanation}
            if case.termination
            else None
        ),
        "objections": [_objection_json(o) for o in case.objections],
        "ruling_receipts": {str(party): on.isoformat() for party, on in case.ruling_receipts.items()},
        "enforcement": _enforcement_json(case.enforcement) if case.enforcement else None,
    }


def case_from_rows(
    row: Mapping[Any, Any],
    assignments: Sequence[MediatorAssignment],
    agreements: Sequence[Agreement],
    applications: Sequence[ConfirmationApplication],
) -> MediationCase:
    return MediationCase(
        id=row["id"],
        case_no=row["case_no"],
        kind=MediationKind(row["kind"]),
        origin=Origin(row["origin"]),
        origin_id=row["origin_id"],
        complaint_id=row["complaint_id"],
        court=CourtReference.from_dict(row["court"]) if row["court"] else None,
        ip_type=IpType(row["ip_type"]),
        right_numbers=tuple(row["right_numbers"]),
        parties=tuple(CaseParty.from_dict(p) for p in row["parties"]),
        dispute_summary=row["dispute_summary"],
        damages_only=row["damages_only"],
        office_region_code=row["office_region_code"],
        office_code=row["office_code"],
        state=MediationState(row["state"]),
        opened_at=row["opened_at"],
        state_changed_at=row["state_changed_at"],
        started_at=row["started_at"],
        concluded_at=row["concluded_at"],
        deadlines={key: _tracked(data) for key, data in row["deadlines"].items()},
        consents={uuid.UUID(p): dt.datetime.fromisoformat(at) for p, at in row["consents"].items()},
        extensions=[
            Extension(
                days=e["days"],
                consenting_party_ids=tuple(uuid.UUID(p) for p in e["consenting_party_ids"]),
                agreed_at=dt.datetime.fromisoformat(e["agreed_at"]),
            )
            for e in row["extensions"]
        ],
        termination=Termination(**row["termination"]) if row["termination"] else None,
        assignments=list(assignments),
        agreements=list(agreements),
        applications=list(applications),
        objections=[_objection_from_json(o) for o in row["objections"]],
        ruling_receipts={uuid.UUID(p): dt.date.fromisoformat(on) for p, on in row["ruling_receipts"].items()},
        enforcement=_enforcement_from_json(row["enforcement"]) if row["enforcement"] else None,
    )


def assignment_row(assignment: MediatorAssignment, case_id: uuid.UUID) -> dict[str, Any]:
    return {
        "id": assignment.id,
        "case_id": case_id,
        "mediator_id": assignment.mediator_id,
        "organisation_id": assignment.organisation_id,
        "mediator_name": assignment.mediator_name,
        "organisation_name": assignment.organisation_name,
        "mediator_account": assignment.mediator_account,
        "status": assignment.status.value,
        "assigned_at": assignment.assigned_at,
        "assigned_by": assignment.assigned_by.as_dict(),
        "respond_by": assignment.respond_by,
        "responded_at": assignment.responded_at,
        "reason": assignment.reason,
    }


def assignment_from_row(row: Mapping[Any, Any]) -> MediatorAssignment:
    return MediatorAssignment(
        id=row["id"],
        mediator_id=row["mediator_id"],
        organisation_id=row["organisation_id"],
        mediator_name=row["mediator_name"],
        organisation_name=row["organisation_name"],
        mediator_account=row["mediator_account"],
        status=AssignmentStatus(row["status"]),
        assigned_at=row["assigned_at"],
        assigned_by=Actor.from_dict(row["assigned_by"]),
        respond_by=row["respond_by"],
        responded_at=row["responded_at"],
        reason=row["reason"],
    )


def _tracked(data: Mapping[str, Any]) -> TrackedDeadline:
    return TrackedDeadline(
        key=data["key"],
        period=data["period"],
        kind=DeadlineKind(data["kind"]),
        start=dt.date.fromisoformat(data["start"]),
        due=_date(data["due"]),
        status=DeadlineStatus(data["status"]),
        basis=data["basis"],
        confidence=data["confidence"],
        explanation=data["explanation"],
        provisional=data["provisional"],
        party_id=data["party_id"],
        met_on=_date(data["met_on"]),
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


_OBJECTION_STATUS = {
    None: ObjectionStatus.LODGED,
    True: ObjectionStatus.UPHELD,
    False: ObjectionStatus.DISMISSED,
}


def _objection_json(objection: Objection) -> dict[str, Any]:
    return {
        "id": str(objection.id),
        "by_third_party": objection.by_third_party,
        "objector": objection.objector,
        "grounds": objection.grounds,
        "lodged_on": objection.lodged_on.isoformat(),
        "within_window": objection.within_window,
        "party_id": str(objection.party_id) if objection.party_id else None,
        "decided_on": objection.decided_on.isoformat() if objection.decided_on else None,
        "upheld": objection.upheld,
    }


def _objection_from_json(data: Mapping[str, Any]) -> Objection:
    return Objection(
        id=uuid.UUID(data["id"]),
        by_third_party=data["by_third_party"],
        objector=data["objector"],
        grounds=data["grounds"],
        lodged_on=dt.date.fromisoformat(data["lodged_on"]),
        within_window=data["within_window"],
        party_id=uuid.UUID(data["party_id"]) if data.get("party_id") else None,
        decided_on=dt.date.fromisoformat(data["decided_on"]) if data["decided_on"] else None,
        status=_OBJECTION_STATUS[data["upheld"]],
    )


def _enforcement_json(enforcement: EnforcementApplication) -> dict[str, Any]:
    return {
        "id": str(enforcement.id),
        "applicant_id": str(enforcement.applicant_id),
        "respondent_id": str(enforcement.respondent_id),
        "court_code": enforcement.court_code,
        "court_name": enforcement.court_name,
        "instalment_numbers": list(enforcement.instalment_numbers),
        "outstanding": str(enforcement.outstanding) if enforcement.outstanding is not None else None,
        "applied_at": enforcement.applied_at.isoformat(),
    }


def _enforcement_from_json(data: Mapping[str, Any]) -> EnforcementApplication:
    return EnforcementApplication(
        id=uuid.UUID(data["id"]),
        applicant_id=uuid.UUID(data["applicant_id"]),
        respondent_id=uuid.UUID(data["respondent_id"]),
        court_code=data["court_code"],
        court_name=data["court_name"],
        instalment_numbers=tuple(data["instalment_numbers"]),
        outstanding=Decimal(data["outstanding"]) if data["outstanding"] is not None else None,
        applied_at=dt.datetime.fromisoformat(data["applied_at"]),
    )
