"""Judicial confirmation from the parties' side: competence, filing, resuming, objections."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status

from mediation.domain import commands as c
from mediation.entrypoints.dependencies import CaseReader, CaseWorker, Container, ObjectionRecorder, actor
from mediation.entrypoints.schemas.requests import ConfirmationApplicationIn, ObjectionDecisionIn, ObjectionIn
from mediation.views.case_models import ApplicationRead, CaseRead, CompetenceRead
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["judicial confirmation"])
CHANGE = problem_responses(401, 403, 404, 409, 422)


@router.get(
    "/competent-courts",
    responses=problem_responses(401, 403, 404, 422),
    summary="Which courts may confirm the agreement, and why (CPL art. 205)",
)
async def competent_courts(
    case_id: uuid.UUID,
    container: Container,
    _: CaseReader,
    subject_matter_region: Annotated[
        str | None, Query(pattern=r"^\d{2,6}$", description="Division code where the subject matter is")
    ] = None,
) -> CompetenceRead:
    return await container.views.competence(case_id, subject_matter_region)


@router.post(
    "/confirmation-applications",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="File the parties' joint application for judicial confirmation",
)
async def file_confirmation(
    case_id: uuid.UUID, body: ConfirmationApplicationIn, container: Container, who: CaseWorker
) -> ApplicationRead:
    """Refused with the reasons if the content cannot be confirmed (Interp. art. 355), if a party is
    missing (CPL art. 205), if the court is not competent, or after the 30-day window."""
    application_id = await container.bus.handle(body.to_command(case_id, actor(who)))
    return await container.views.application(application_id)


@router.post(
    "/resumption",
    responses=CHANGE,
    summary="Mediate again after the court rejected confirmation (CPL art. 206)",
)
async def resume(case_id: uuid.UUID, container: Container, who: CaseWorker) -> CaseRead:
    await container.bus.handle(c.ResumeMediation(case_id=case_id, actor=actor(who)))
    return await container.views.case(case_id)


@router.post(
    "/objections",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="Record an objection to the confirmation ruling (Interp. art. 372)",
)
async def lodge_objection(
    case_id: uuid.UUID, body: ObjectionIn, container: Container, who: ObjectionRecorder
) -> CaseRead:
    command = c.LodgeObjection(
        case_id=case_id,
        by_third_party=body.by_third_party,
        objector=body.objector,
        grounds=body.grounds,
        lodged_on=body.lodged_on,
        actor=actor(who),
    )
    await container.bus.handle(command)
    return await container.views.case(case_id)


@router.post(
    "/objections/{objection_id}/decision", responses=CHANGE, summary="The court's decision on an objection"
)
async def decide_objection(
    case_id: uuid.UUID,
    objection_id: uuid.UUID,
    body: ObjectionDecisionIn,
    container: Container,
    who: ObjectionRecorder,
) -> CaseRead:
    command = c.DecideObjection(
        case_id=case_id,
        objection_id=objection_id,
        upheld=body.upheld,
        decided_on=body.decided_on,
        actor=actor(who),
    )
    await container.bus.handle(command)
    return await container.views.case(case_id)
