"""What a court client does over HTTP: assign a dispute, read and answer confirmation applications.

Each call ends in the same command as the matching ``court.*`` event. A court acts only for itself:
its code is its token's ``partner_code``; a ``court_code`` in a body may be left out, and naming
another court is refused (403). A ``clerk`` may record a court's act instead, naming the court and
citing its document (the docket or ruling number, the court's case number, or ``document_ref``).
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from mediation.domain import commands as c
from mediation.entrypoints.consumer import court_assignment_command
from mediation.entrypoints.dependencies import Container, Principal, acting_court, actor, allow
from mediation.entrypoints.schemas.court import AcceptanceIn, CourtAssignmentIn, RulingIn, WithdrawalIn
from mediation.handlers.opening import Opened
from mediation.views.case_models import ApplicationRead, CaseRead
from shared.contracts.court import ConfirmationRuling
from shared.web.audit import record_read
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
    body: CourtAssignmentIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("court_assignment.receive"))],
    response: Response,
) -> CaseRead:
    """Idempotent on ``assignment_id``: sending it again returns the case it opened (200). A clerk
    entering a court's assignment names the court and its case number (``court_case_no``)."""
    court_code = body.required_court(acting_court(who, body.court_code))
    command = court_assignment_command(body.to_contract(court_code), actor(who), who)
    opened: Opened = await container.bus.handle(command)
    response.headers["Location"] = f"/v1/cases/{opened.case.id}"
    if not opened.created:
        response.status_code = status.HTTP_200_OK
    return await container.views.case(opened.case.id, who, check=False)


@router.get(
    "/confirmation-applications/{application_id}",
    responses=problem_responses(401, 403, 404),
    summary="A judicial confirmation application with its materials checklist",
)
async def get_application(
    application_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("confirmation.read"))],
) -> ApplicationRead:
    application = await container.views.application(application_id, who)
    await record_read(
        request,
        "mediation.confirmation.read",
        object_type="mediation_case",
        object_id=str(application.case_id),
        details={"application_id": str(application_id)},
    )
    return application


@router.post(
    "/confirmation-applications/{application_id}/acceptance",
    responses=CHANGE,
    summary="The court docketed the application (调确字)",
)
async def accept(
    application_id: uuid.UUID,
    body: AcceptanceIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("confirmation.record_acceptance"))],
) -> ApplicationRead:
    """From the court the application was filed with, or a clerk citing its docket number. The
    acceptance cannot be dated before the application was filed."""
    command = c.RecordConfirmationAccepted(
        application_id=application_id,
        court_code=body.required_court(acting_court(who, body.court_code)),
        docket_no=body.docket_no,
        accepted_at=body.accepted_at,
        actor=actor(who),
        principal=who,
    )
    await container.bus.handle(command)
    return await container.views.application(application_id, who, check=False)


@router.post(
    "/confirmation-applications/{application_id}/ruling",
    responses=CHANGE,
    summary="The court ruled the agreement valid or rejected the application",
)
async def rule(
    application_id: uuid.UUID,
    body: RulingIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("confirmation.record_ruling"))],
) -> ApplicationRead:
    """From the court the application was filed with, or a clerk citing the ruling's number. The
    ruling cannot be dated before the application was filed (or accepted)."""
    command = c.RecordConfirmationRuling(
        application_id=application_id,
        court_code=body.required_court(acting_court(who, body.court_code)),
        valid=body.ruling is ConfirmationRuling.VALID,
        ruling_no=body.ruling_no,
        reasons=body.reasons,
        ruled_at=body.ruled_at,
        actor=actor(who),
        principal=who,
    )
    await container.bus.handle(command)
    return await container.views.application(application_id, who, check=False)


@router.post(
    "/confirmation-applications/{application_id}/withdrawal",
    responses=CHANGE,
    summary="The application was withdrawn before the ruling (Interp. art. 357)",
)
async def withdraw(
    application_id: uuid.UUID,
    body: WithdrawalIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("confirmation.record_withdrawal"))],
) -> ApplicationRead:
    """From the court the application was filed with, or a clerk citing the court's record
    (``document_ref``). The withdrawal cannot be dated before the application was filed."""
    command = c.RecordConfirmationWithdrawn(
        application_id=application_id,
        court_code=body.required_court(acting_court(who, body.court_code)),
        withdrawn_at=body.withdrawn_at,
        actor=actor(who),
        principal=who,
        document_ref=body.document_ref,
    )
    await container.bus.handle(command)
    return await container.views.application(application_id, who, check=False)
