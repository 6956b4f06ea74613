"""Counterfeit-patent penalty cases (假冒专利): filing, notice, hearing, decision, publication."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from adjudication.domain.approvals import Approval
from adjudication.domain.commands import penalty as p
from adjudication.domain.commands.approvals import ApproveProposal, ProposeForApproval
from adjudication.domain.penalty.states import PenaltyState
from adjudication.entrypoints.dependencies import Container, Principal, allow
from adjudication.entrypoints.routes.running import for_principal
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
from adjudication.views.sorting import PenaltySort
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1/penalty-cases", tags=["counterfeit-patent penalty cases"])
ERRORS = (401, 403, 404, 409, 422)


async def _run(container: Container, command: object, who: Principal) -> PenaltyCaseRead:
    outcome: StepOutcome = await container.bus.handle(for_principal(command, who))
    return await container.views.penalty_case(outcome.case.id, who, check=False)


@router.post(
    "", status_code=status.HTTP_201_CREATED, responses=problem_responses(401, 403, 422), summary="File a case"
)
async def file_case(
    body: PenaltyFilingIn, container: Container, who: Annotated[Principal, Depends(allow("penalty.file"))]
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(who.subject), who)


@router.get("", responses=problem_responses(401, 403, 422), summary="List penalty cases")
async def list_cases(
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.list"))],
    state: PenaltyState | None = None,
    sort: Annotated[
        PenaltySort,
        Query(description="filed_on, due (next deadline) or opened_at; '-' descends; id breaks ties"),
    ] = PenaltySort.OPENED_DESC,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> PenaltyCaseList:
    return await container.views.penalty_cases(who, state=state, limit=limit, offset=offset, sort=sort)


@router.get(
    "/fine-bounds", responses=problem_responses(401, 403, 422), summary="The fine ceiling of 专利法 art. 68"
)
async def fine_bounds(
    who: Annotated[Principal, Depends(allow("penalty.fine_bounds"))],
    illegal_gains: Annotated[Decimal | None, Query(ge=0, description="Omit when there were none")] = None,
) -> FineBounds:
    return FineBounds.for_gains(illegal_gains)


@router.get("/{case_id}", responses=problem_responses(401, 403, 404), summary="Get a penalty case")
async def get_case(
    case_id: uuid.UUID, container: Container, who: Annotated[Principal, Depends(allow("penalty.read"))]
) -> PenaltyCaseRead:
    return await container.views.penalty_case(case_id, who)


@router.post("/{case_id}/notice", responses=problem_responses(*ERRORS), summary="Serve the proposed penalty")
async def notice(
    case_id: uuid.UUID,
    body: PenaltyNoticeIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.notify"))],
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/{case_id}/hearing-request",
    responses=problem_responses(*ERRORS),
    summary="The subject asks for a hearing",
)
async def hearing_request(
    case_id: uuid.UUID,
    body: PenaltyHearingRequestIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.record_hearing_request"))],
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/{case_id}/hearing-waiver", responses=problem_responses(*ERRORS), summary="The subject waives a hearing"
)
async def hearing_waiver(
    case_id: uuid.UUID,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.record_hearing_waiver"))],
) -> PenaltyCaseRead:
    return await _run(container, p.WaivePenaltyHearing(case_id=case_id, by=who.subject), who)


@router.post("/{case_id}/hearing", responses=problem_responses(*ERRORS), summary="Record the hearing (听证)")
async def hearing(
    case_id: uuid.UUID,
    body: PenaltyHearingIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.record_hearing"))],
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/{case_id}/decision",
    responses=problem_responses(*ERRORS),
    summary="The handling officer proposes the penalty decision (the office head approves it)",
)
async def decision(
    case_id: uuid.UUID,
    body: PenaltyDecisionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.propose_decision"))],
) -> PenaltyCaseRead:
    """Only the officer handling the case proposes it; it is checked now and taken when an office
    head of the case's office, not the proposer, approves it (``POST .../decision/approval``)."""
    command = ProposeForApproval(
        kind=Approval.PENALTY_DECISION, command=body.to_command(case_id, who.subject)
    )
    return await _run(container, command, who)


@router.post(
    "/{case_id}/decision/approval",
    responses=problem_responses(*ERRORS),
    summary="The office head approves the proposed penalty decision (a second person)",
)
async def decision_approval(
    case_id: uuid.UUID,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.approve_decision"))],
) -> PenaltyCaseRead:
    command = ApproveProposal(kind=Approval.PENALTY_DECISION, case_id=case_id, by=who.subject, principal=who)
    outcome: StepOutcome = await container.bus.handle(command)
    return await container.views.penalty_case(outcome.case.id, who, check=False)


@router.post(
    "/{case_id}/decision-service", responses=problem_responses(*ERRORS), summary="The decision was served"
)
async def decision_service(
    case_id: uuid.UUID,
    body: PenaltyServiceIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.record_service"))],
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/{case_id}/publication", responses=problem_responses(*ERRORS), summary="The decision was published"
)
async def publication(
    case_id: uuid.UUID,
    body: PublicationIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.record_publication"))],
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, who.subject), who)


@router.post("/{case_id}/closure", responses=problem_responses(*ERRORS), summary="Close the case")
async def closure(
    case_id: uuid.UUID, container: Container, who: Annotated[Principal, Depends(allow("penalty.close"))]
) -> PenaltyCaseRead:
    return await _run(container, p.ClosePenaltyCase(case_id=case_id, by=who.subject), who)


@router.post(
    "/{case_id}/ending",
    responses=problem_responses(*ERRORS),
    summary="Drop the case or transfer it to the police",
)
async def ending(
    case_id: uuid.UUID,
    body: PenaltyEndingIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.end"))],
) -> PenaltyCaseRead:
    return await _run(container, body.to_command(case_id, who.subject), who)
