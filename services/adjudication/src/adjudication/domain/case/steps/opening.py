"""Opening a case from a routed complaint: the request is filed (— -> SUBMITTED), the docketing clock runs."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.opening import FiledRequest
from adjudication.domain.case.parts.repeat import PriorFinding
from adjudication.domain.case.steps.acceptance import start_docket_deadline
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.days import local_date
from adjudication.domain.values.legal import PATENT_LAW
from adjudication.domain.values.rules import CaseRules
from shared.domain.actors import Actor
from shared.domain.legal import Citation


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
        office_code=rules.office_code,
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
