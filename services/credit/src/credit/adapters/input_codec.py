"""Inputs as JSON, so that one parked for a subject match can be replayed when it is resolved."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from credit.adapters.json_values import actor_from_json, actor_json, provisions_from_json, provisions_json
from credit.domain.commands import RecordInfringementFinding, RegisterDishonestyInput, RightClaim
from credit.domain.policy import PenaltyClass
from credit.domain.subject import SubjectClaim, mask_id_number
from credit.domain.vocabulary import BehaviourCode, DecisionRef, DocumentRef, ListType
from shared.vocabulary import PartyKind


def claim_json(claim: SubjectClaim) -> dict[str, Any]:
    """The claim as a parked input keeps it: an ID number only masked (a full or malformed one as
    sent by another service is masked or dropped here, never stored whole)."""
    return {
        "kind": claim.kind.value,
        "name": claim.name,
        "credit_code": claim.credit_code,
        "id_number_masked": mask_id_number(claim.id_number_masked) if claim.id_number_masked else None,
        "legal_representative": claim.legal_representative,
    }


def claim_from_json(data: Mapping[str, Any]) -> SubjectClaim:
    return SubjectClaim(
        kind=PartyKind(data["kind"]),
        name=str(data["name"]),
        credit_code=data.get("credit_code"),
        id_number_masked=data.get("id_number_masked"),
        legal_representative=data.get("legal_representative"),
    )


def dishonesty_input_json(cmd: RegisterDishonestyInput) -> dict[str, Any]:
    return {
        "behaviour": cmd.behaviour.value,
        "underlying_decision": cmd.underlying_decision.as_dict(),
        "finding": cmd.finding,
        "source": cmd.source,
        "source_ref": cmd.source_ref,
        "actor": actor_json(cmd.actor),
        "list_type": cmd.list_type.value if cmd.list_type else None,
        "basis_doc_nos": list(cmd.basis_doc_nos),
        "penalty_class": cmd.penalty_class.value if cmd.penalty_class else None,
        "fine": str(cmd.fine) if cmd.fine is not None else None,
        "legal_basis": provisions_json(cmd.legal_basis),
        "documents": [d.as_dict() for d in cmd.documents],
    }


def dishonesty_input_from_json(data: Mapping[str, Any], subject: SubjectClaim) -> RegisterDishonestyInput:
    return RegisterDishonestyInput(
        subject=subject,
        behaviour=BehaviourCode(data["behaviour"]),
        underlying_decision=DecisionRef.from_dict(data["underlying_decision"]),
        finding=data["finding"],
        source=data["source"],
        source_ref=data["source_ref"],
        actor=actor_from_json(data["actor"]),
        list_type=ListType(data["list_type"]) if data.get("list_type") else None,
        basis_doc_nos=tuple(data.get("basis_doc_nos", ())),
        penalty_class=PenaltyClass(data["penalty_class"]) if data.get("penalty_class") else None,
        fine=Decimal(data["fine"]) if data.get("fine") is not None else None,
        legal_basis=provisions_from_json(data.get("legal_basis", ())),
        documents=tuple(DocumentRef.from_dict(d) for d in data.get("documents", ())),
    )


def finding_json(cmd: RecordInfringementFinding) -> dict[str, Any]:
    return {
        "case_id": str(cmd.case_id) if cmd.case_id else None,
        "case_no": cmd.case_no,
        "decision_no": cmd.decision_no,
        "authority": cmd.authority,
        "decided_on": cmd.decided_on.isoformat(),
        "effective_on": cmd.effective_on.isoformat(),
        "rights": [{"ip_type": r.ip_type, "number": r.number} for r in cmd.rights],
        "actor": actor_json(cmd.actor),
    }


def finding_from_json(data: Mapping[str, Any], respondent: SubjectClaim) -> RecordInfringementFinding:
    return RecordInfringementFinding(
        case_id=uuid.UUID(data["case_id"]) if data.get("case_id") else None,
        case_no=data["case_no"],
        decision_no=data["decision_no"],
        authority=data["authority"],
        decided_on=dt.date.fromisoformat(data["decided_on"]),
        effective_on=dt.date.fromisoformat(data["effective_on"]),
        respondents=(respondent,),
        rights=tuple(RightClaim(r["ip_type"], r["number"]) for r in data["rights"]),
        actor=actor_from_json(data["actor"]),
    )
