"""What a court client does over HTTP: assign a dispute, read and answer confirmation applications.

Each call ends in the same command as the matching ``court.*`` event.
"""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from mediation.domain import commands as c
from mediation.entrypoints.consumer import court_assignment_command
from mediation.entrypoints.dependencies import CaseReader, Container, CourtClient, actor
from mediation.entrypoints.schemas.court import AcceptanceIn, CourtAssignmentIn, RulingIn, WithdrawalIn
from mediation.handlers.opening import Opened
from mediation.views.case_models import ApplicationRead, CaseRead
from shared.contracts.court import ConfirmationRuling, MediationAssignedV1
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1", tags=["courts"])
CHANGE = problem_responses(401, 403, 404, 409, 422)


@router.post(
    "/court-assignments",
    status_code=status.HTTP_201_CREATED,
    responses={200: {"description": "The assignment was already received"}, **CHANGE},
    summary="Assign (委派) or entrust (委托) a dispute to mediation",
)
async def assign(
    body: CourtAssignmentIn, container: Container, who: CourtClient, response: Response
) -> CaseRead:
    """Idempotent on ``assignment_id``: sending it again returns the case it opened (200)."""
    data = MediationAssignedV1.model_validate(body.model_dump())
    opened: Opened = await container.bus.handle(court_assignment_command(data, actor(who)))
    response.headers["Location"] = f"/v1/cases/{opened.case.id}"
    if not opened.created:
        response.status_code = status.HTTP_200_OK
    return await container.views.case(opened.case.id)


@router.get(
    "/confirmation-applications/{application_id}",
    responses=problem_responses(401, 403, 404),
    summary="A judicial confirmation application with its materials checklist",
)
async def get_application(application_id: uuid.UUID, container: Container, _: CaseReader) -> ApplicationRead:
    return await container.views.application(application_id)


@router.post(
    "/confirmation-applications/{application_id}/acceptance",
    responses=CHANGE,
    summary="The court docketed the application (调确字)",
)
async def accept(
    application_id: uuid.UUID, body: AcceptanceIn, container: Container, who: CourtClient
) -> ApplicationRead:
    command = c.RecordConfirmationAccepted(
        application_id=application_id,
        court_code=body.court_code,
        docket_no=body.docket_no,
        accepted_at=body.accepted_at,
        actor=actor(who),
    )
    await container.bus.handle(command)
    return await container.views.application(application_id)


@router.post(
    "/confirmation-applications/{application_id}/ruling",
    responses=CHANGE,
    summary="The court ruled the agreement valid or rejected the application",
)
async def rule(
    application_id: uuid.UUID, body: RulingIn, container: Container, who: CourtClient
) -> ApplicationRead:
    command = c.RecordConfirmationRuling(
        application_id=application_id,
        court_code=body.court_code,
        valid=body.ruling is ConfirmationRuling.VALID,
        ruling_no=body.ruling_no,
        reasons=body.reasons,
        ruled_at=body.ruled_at,
        actor=actor(who),
    )
    await container.bus.handle(command)
    return await container.views.application(application_id)


@router.post(
    "/confirmation-applications/{application_id}/withdrawal",
    responses=CHANGE,
    summary="The application was withdrawn before the ruling (Interp. art. 357)",
)
async def withdraw(
    application_id: uuid.UUID, body: WithdrawalIn, container: Container, who: CourtClient
) -> ApplicationRead:
    command = c.RecordConfirmationWithdrawn(
        application_id=application_id,
        court_code=body.court_code,
        withdrawn_at=body.withdrawn_at,
        actor=actor(who),
    )
    await container.bus.handle(command)
    return await container.views.application(application_id)
