"""Counterfeit-patent penalty cases (假冒专利): filing, notice, hearing, decision, publication."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Query, status

from adjudication.domain.commands import penalty as p
from adjudication.domain.penalty.states import PenaltyState
from adjudication.entrypoints.dependencies import CaseHandler, CaseReader, Container, Panel
from adjudication.entrypoints.schemas.penalty import (
    FineBounds,
    PenaltyDecisionIn,
    PenaltyEndingIn,
    PenaltyFilingIn,
    PenaltyHearingIn,
    PenaltyHearingRequestIn,
    PenaltyNoticeIn,
    PenaltyServiceIn,
    PublicationIn,
)
from adjudication.handlers import StepOutcome
from adjudication.views.models import PenaltyCaseList, PenaltyCaseRead
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1/penalty-cases", tags=["counterfeit-patent penalty cases"])
ERRORS = (401, 403, 404, 409, 422)


async def _run(container: Container, command: object) -> PenaltyCaseRead:
    outcome: StepOutcome = await container.bus.handle(command)
    return await container.views.penalty_case(outcome.case.id)


@router.post(
    "", status_code=status.HTTP_201_CREATED, responses=problem_responses(401, 403, 422), summary="File a case"
)
async def file_case(body: PenaltyFilingIn, container: Container, principal: CaseHandler) -> PenaltyCaseRead:
    return await _run(container, body.to_command(principal.subject))


@router.get("", responses=problem_responses(401, 403, 422), summary="List penalty cases")
async def list_cases(
    container: Container,
    _: CaseReader,
    state: PenaltyState | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> PenaltyCaseList:
    return await container.views.penalty_cases(state=state, limit=limit, offset=offset)


@router.get(
    "/fine-bounds", responses=problem_responses(401, 403, 422), summary="The fine ceiling of 专利法 art. 68"
)
async def fine_bounds(
    _: CaseReader,
    illegal_gains: Annotated[Decimal | None, Query(ge=0, description="Omit when there were none")] = None,
) -> FineBounds:
    return FineBounds.for_gains(illegal_gains)


@router.get("/{case_id}", responses=problem_responses(401, 403, 404), summary="Get a penalty case")
async def get_case(case_id: uuid.UUID, container: Container, _: CaseReader) -> PenaltyCaseRead:
    return await container.views.penalty_case(case_id)


@router.post("/{case_id}/notice", responses=problem_responses(*ERRORS), summary="Serve the proposed penalty")
async def notice(
    case_id: uuid.UUID, body: PenaltyNoticeIn, container: Container, principal: CaseHandler
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, principal.subject))


@router.post(
    "/{case_id}/hearing-request",
    responses=problem_responses(*ERRORS),
    summary="The subject asks for a hearing",
)
async def hearing_request(
    case_id: uuid.UUID, body: PenaltyHearingRequestIn, container: Container, principal: CaseHandler
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, principal.subject))


@router.post(
    "/{case_id}/hearing-waiver", responses=problem_responses(*ERRORS), summary="The subject waives a hearing"
)
async def hearing_waiver(case_id: uuid.UUID, container: Container, principal: CaseHandler) -> PenaltyCaseRead:
    return await _run(container, p.WaivePenaltyHearing(case_id=case_id, by=principal.subject))


@router.post("/{case_id}/hearing", responses=problem_responses(*ERRORS), summary="Record the hearing (听证)")
async def hearing(
    case_id: uuid.UUID, body: PenaltyHearingIn, container: Container, principal: CaseHandler
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, principal.subject))


@router.post("/{case_id}/decision", responses=problem_responses(*ERRORS), summary="Decide the penalty")
async def decision(
    case_id: uuid.UUID, body: PenaltyDecisionIn, container: Container, principal: Panel
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, principal.subject))


@router.post(
    "/{case_id}/decision-service", responses=problem_responses(*ERRORS), summary="The decision was served"
)
async def decision_service(
    case_id: uuid.UUID, body: PenaltyServiceIn, container: Container, principal: CaseHandler
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, principal.subject))


@router.post(
    "/{case_id}/publication", responses=problem_responses(*ERRORS), summary="The decision was published"
)
async def publication(
    case_id: uuid.UUID, body: PublicationIn, container: Container, principal: CaseHandler
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, principal.subject))


@router.post("/{case_id}/closure", responses=problem_responses(*ERRORS), summary="Close the case")
async def closure(case_id: uuid.UUID, container: Container, principal: CaseHandler) -> PenaltyCaseRead:
    return await _run(container, p.ClosePenaltyCase(case_id=case_id, by=principal.subject))


@router.post(
    "/{case_id}/ending",
    responses=problem_responses(*ERRORS),
    summary="Drop the case or transfer it to the police",
)
async def ending(
    case_id: uuid.UUID, body: PenaltyEndingIn, container: Container, principal: Panel
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, principal.subject))
