"""Evidence with SHA-256 hashes: what each party submitted, and its exchange with the other side.

A hash identifies a file without the service storing it; anyone holding a copy can check it against
the case file (``verify_evidence``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.evidence import EvidenceIn, EvidenceItem, evidence_item
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod, service_record
from adjudication.domain.case.states import ACCEPTANCE_STAGE, PRE_DECISION
from adjudication.domain.case.steps.delivery import check_service_date
from adjudication.domain.errors import RecordNotFound, rule_violated
from adjudication.domain.events import CaseEvent
from shared.domain.actors import Actor


def submit_evidence(
    case: Case, *, party_id: str, items: Sequence[EvidenceIn], by: Actor, at: dt.datetime
) -> list[str]:
    if case.state not in ACCEPTANCE_STAGE | PRE_DECISION:
        raise rule_violated(
            "state", "evidence_closed", "Evidence is taken only before the decision", "裁决作出后不再接收证据"
        )
    case.party(party_id)
    added = [evidence_item(party_id, e, case.day_of(at)) for e in items]
    case.evidence.extend(added)
    case.record(
        CaseEvent.EVIDENCE_SUBMITTED,
        by=by,
        at=at,
        details={"party_id": party_id, "sha256": [i.sha256 for i in added]},
    )
    return [i.id for i in added]


def exchange_evidence(
    case: Case,
    *,
    evidence_ids: Sequence[str],
    party_id: str,
    method: ServiceMethod,
    served_on: dt.date,
    by: Actor,
    at: dt.datetime,
) -> None:
    """Copies of evidence went to the other side; the service record lists their hashes."""
    case.party(party_id)
    items = [find_evidence(case, evidence_id) for evidence_id in evidence_ids]
    if any(item.submitted_by == party_id for item in items):
        raise rule_violated(
            "party_id", "own_evidence", "Evidence is exchanged with the other side", "证据应向对方当事人交换"
        )
    check_service_date(case, served_on, at)
    case.services.append(
        service_record(
            DocumentKind.EVIDENCE_COPY, party_id, method, served_on, None, None, ",".join(evidence_ids), at
        )
    )
    for item in items:
        if party_id not in item.exchanged_with:
            item.exchanged_with.append(party_id)
    case.record(
        CaseEvent.EVIDENCE_EXCHANGED,
        by=by,
        at=at,
        details={"party_id": party_id, "sha256": [i.sha256 for i in items], "served_on": served_on},
    )


def verify_evidence(case: Case, evidence_id: str, sha256: str) -> bool:
    """True if a copy with hash ``sha256`` is the evidence on file."""
    return find_evidence(case, evidence_id).sha256 == sha256.lower()


def find_evidence(case: Case, evidence_id: str) -> EvidenceItem:

    for item in case.evidence:
        if item.id == evidence_id:
            return item
    raise RecordNotFound(f"No evidence {evidence_id} in the case", f"本案没有证据 {evidence_id}")
