"""Opening a case from a routed complaint: the request is filed (— -> SUBMITTED), the docketing clock runs."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from adjudication.domain.acceptance import start_docket_deadline
from adjudication.domain.actors import ActorKind
from adjudication.domain.case import Case
from adjudication.domain.events import CaseEvent
from adjudication.domain.evidence import EvidenceItem
from adjudication.domain.legal import PATENT_LAW
from adjudication.domain.parties import PartyRecord, PatentRight
from adjudication.domain.procedure import Procedure
from adjudication.domain.records import local_date
from adjudication.domain.repeat import PriorFinding
from adjudication.domain.rules import CaseRules
from shared.domain.actors import Actor
from shared.domain.legal import Citation
from shared.vocabulary import IpType

PATENT_TYPES = frozenset({IpType.INVENTION_PATENT, IpType.UTILITY_MODEL, IpType.DESIGN})


@dataclass(frozen=True, slots=True, kw_only=True)
class FiledRequest:
    """What the routed complaint tells the office about the request (intake's hand-off)."""

    complaint_id: uuid.UUID
    complaint_reference: str
    ip_type: IpType
    rights: tuple[PatentRight, ...]
    requester: PartyRecord
    respondents: tuple[PartyRecord, ...]
    agent_name: str | None
    facts: str
    alleged_acts: tuple[str, ...]
    infringement_locations: tuple[str, ...]
    requested_remedy: str | None
    procedure: Procedure
    court_action_pending: bool
    office_region_code: str | None
    evidence: tuple[EvidenceItem, ...]
    received_at: dt.datetime


def is_adjudicable(ip_type: IpType) -> bool:
    """Administrative adjudication here covers patent infringement disputes only (PL art. 65)."""
    return ip_type in PATENT_TYPES


def registration_number(year: int, sequence: int) -> str:
    """The service's registration number for a submitted case, e.g. ``AD2026-000042``."""
    return f"AD{year}-{sequence:06d}"


def open_case(
    request: FiledRequest,
    *,
    case_no: str,
    opened_at: dt.datetime,
    prior_findings: Sequence[PriorFinding],
    rules: CaseRules,
) -> Case:
    case = Case(
        id=uuid.uuid4(),
        case_no=case_no,
        complaint_id=request.complaint_id,
        complaint_reference=request.complaint_reference,
        ip_type=request.ip_type,
        patent_number=request.rights[0].number,
        rights=request.rights,
        requester=request.requester,
        respondents=request.respondents,
        agent_name=request.agent_name,
        facts=request.facts,
        alleged_acts=request.alleged_acts,
        infringement_locations=request.infringement_locations,
        requested_remedy=request.requested_remedy,
        procedure=request.procedure,
        court_action_pending=request.court_action_pending,
        office_region_code=request.office_region_code,
        evidence=list(request.evidence),
        received_at=request.received_at,
        opened_at=opened_at,
        prior_findings=tuple(prior_findings),
    )
    start_docket_deadline(case, local_date(request.received_at), rules)
    case.record(
        CaseEvent.REQUEST_FILED,
        by=Actor(ActorKind.REQUESTER, "requester", recorded_by="intake"),
        at=opened_at,
        basis=[Citation(PATENT_LAW, "65")],
        details={"complaint_reference": request.complaint_reference, "procedure": request.procedure.value},
    )
    return case
