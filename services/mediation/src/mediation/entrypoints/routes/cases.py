"""Cases: reading them, and the mediation itself (consent, mediators, extension, termination)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, status

from mediation.domain import commands as c
from mediation.entrypoints.dependencies import Container, Principal, actor, allow
from mediation.entrypoints.schemas.requests import (
    AssignmentIn,
    DeclinationIn,
    ExtensionIn,
    PartyChoice,
    ReasonIn,
    RefusalIn,
    TerminationIn,
)
from mediation.views.case_models import AssignmentOut, CaseList, CaseRead, CaseSort, DeadlineList, History
from mediation.views.roster_models import CandidateList
from shared.web.audit import record_read
from shared.web.lists import UpdatedSince
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1", tags=["mediation cases"])
CHANGE = problem_responses(401, 403, 404, 409, 422)


@router.get("/cases", responses=problem_responses(401, 403, 422), summary="List mediation cases")
async def list_cases(
    container: Container,
    who: Annotated[Principal, Depends(allow("case.list"))],
    complaint_id: Annotated[
        uuid.UUID | None, Query(description="Only the case opened for this complaint")
    ] = None,
    state: Annotated[str | None, Query(description="e.g. IN_MEDIATION")] = None,
    kind: Annotated[
        str | None, Query(description="people | administrative | court_assigned | court_entrusted")
    ] = None,
    origin_id: Annotated[
        str | None, Query(description="Complaint, adjudication case or court assignment id")
    ] = None,
    updated_since: UpdatedSince = None,
    sort: Annotated[CaseSort, Query(description="`-` for descending")] = CaseSort.OPENED_DESC,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> CaseList:
    """Newest first unless ``sort`` says otherwise (the case id breaks ties); ``total`` counts every
    page; ``updated_since`` returns what changed since a partner's previous poll (its ``as_of``)."""
    return await container.views.cases(
        who,
        complaint_id=complaint_id,
        state=state,
        kind=kind,
        origin_id=origin_id,
        updated_since=updated_since,
        sort=sort,
        limit=limit,
        offset=offset,
    )


@router.get("/cases/{case_id}", responses=problem_responses(401, 403, 404), summary="Get a mediation case")
async def get_case(
    case_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.read"))],
) -> CaseRead:
    """The case file. Parties' personal contact data as the reader may see it; each read is audited."""
    case = await container.views.case(case_id, who)
    await record_read(request, "mediation.case.read", object_type="mediation_case", object_id=str(case_id))
    return case


@router.get(
    "/cases/{case_id}/history", responses=problem_responses(401, 403, 404), summary="The case's events"
)
async def get_history(
    case_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.history"))],
) -> History:
    history = await container.views.history(case_id, who)
    await record_read(request, "mediation.case.history", object_type="mediation_case", object_id=str(case_id))
    return history


@router.get(
    "/deadlines", responses=problem_responses(401, 403, 422), summary="Armed deadlines, soonest first"
)
async def list_deadlines(
    container: Container,
    who: Annotated[Principal, Depends(allow("deadline.list"))],
    within_days: Annotated[int, Query(ge=0, le=3650)] = 14,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> DeadlineList:
    due_before = dt.datetime.now(dt.UTC) + dt.timedelta(days=within_days)
    return await container.views.deadlines(who, due_before=due_before, limit=limit)


@router.post("/cases/{case_id}/consents", responses=CHANGE, summary="Record the other party's consent")
async def record_consent(
    case_id: uuid.UUID,
    body: PartyChoice,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.record_consent"))],
) -> CaseRead:
    await container.bus.handle(
        c.RecordConsent(case_id=case_id, party_id=body.party_id, actor=actor(who), principal=who)
    )
    return await container.views.case(case_id, who, check=False)


@router.post("/cases/{case_id}/refusal", responses=CHANGE, summary="Record the other party's refusal")
async def record_refusal(
    case_id: uuid.UUID,
    body: RefusalIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.record_refusal"))],
) -> CaseRead:
    command = c.RecordRefusal(
        case_id=case_id, party_id=body.party_id, reason=body.reason, actor=actor(who), principal=who
    )
    await container.bus.handle(command)
    return await container.views.case(case_id, who, check=False)


@router.get(
    "/cases/{case_id}/mediator-candidates",
    responses=problem_responses(401, 403, 404),
    summary="Mediators ranked for the case, with the reasons any are excluded",
)
async def list_candidates(
    case_id: uuid.UUID, container: Container, who: Annotated[Principal, Depends(allow("mediator.candidates"))]
) -> CandidateList:
    return await container.views.candidates(case_id, who)


@router.post(
    "/cases/{case_id}/assignments",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="Assign a mediator (3 working days to confirm or decline)",
)
async def assign_mediator(
    case_id: uuid.UUID,
    body: AssignmentIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("mediator.assign"))],
) -> AssignmentOut:
    """Checks the roster: active, on the court's roster for court cases, capacity, conflicts of interest."""
    command = c.AssignMediator(case_id=case_id, mediator_id=body.mediator_id, actor=actor(who), principal=who)
    return AssignmentOut.from_domain(await container.bus.handle(command))


@router.post(
    "/cases/{case_id}/assignments/{assignment_id}/confirmation",
    responses=CHANGE,
    summary="The mediator takes the case (starts a court-linked mediation's period)",
)
async def confirm_assignment(
    case_id: uuid.UUID,
    assignment_id: uuid.UUID,
    container: Container,
    who: Annotated[Principal, Depends(allow("assignment.confirm"))],
) -> CaseRead:
    await container.bus.handle(
        c.ConfirmAssignment(case_id=case_id, assignment_id=assignment_id, actor=actor(who), principal=who)
    )
    return await container.views.case(case_id, who, check=False)


@router.post(
    "/cases/{case_id}/assignments/{assignment_id}/declination",
    responses=CHANGE,
    summary="The mediator declines",
)
async def decline_assignment(
    case_id: uuid.UUID,
    assignment_id: uuid.UUID,
    body: DeclinationIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("assignment.decline"))],
) -> CaseRead:
    command = c.DeclineAssignment(
        case_id=case_id,
        assignment_id=assignment_id,
        reason=body.reason,
        conflict_with_party_id=body.conflict_with_party_id,
        actor=actor(who),
        principal=who,
    )
    await container.bus.handle(command)
    return await container.views.case(case_id, who, check=False)


@router.post(
    "/cases/{case_id}/court-assignment/declination",
    responses=CHANGE,
    summary="Hand a court's assignment back (reported to the court as declined)",
)
async def decline_court_assignment(
    case_id: uuid.UUID,
    body: ReasonIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("court_assignment.hand_back"))],
) -> CaseRead:
    await container.bus.handle(
        c.DeclineCourtAssignment(case_id=case_id, reason=body.reason, actor=actor(who), principal=who)
    )
    return await container.views.case(case_id, who, check=False)


@router.post(
    "/cases/{case_id}/extensions",
    responses=CHANGE,
    summary="Extend the mediation period with every party's consent",
)
async def extend_period(
    case_id: uuid.UUID,
    body: ExtensionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.extend"))],
) -> CaseRead:
    command = c.ExtendMediationPeriod(
        case_id=case_id,
        days=body.days,
        consenting_party_ids=tuple(body.consenting_party_ids),
        actor=actor(who),
        principal=who,
    )
    await container.bus.handle(command)
    return await container.views.case(case_id, who, check=False)


@router.post(
    "/cases/{case_id}/termination",
    responses=CHANGE,
    summary="End the mediation without agreement (Online Rules art. 25)",
)
async def terminate(
    case_id: uuid.UUID,
    body: TerminationIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.terminate"))],
) -> CaseRead:
    command = c.TerminateMediation(
        case_id=case_id,
        ground=body.ground,
        explanation=body.explanation,
        actor=actor(who),
        principal=who,
    )
    await container.bus.handle(command)
    return await container.views.case(case_id, who, check=False)
