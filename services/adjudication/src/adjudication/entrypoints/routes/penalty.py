"""Administrative penalty cases (假冒专利, 商标侵权, 著作权侵权): filing, notice, hearing, decision, service,
publication, closure or transfer to the police."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from adjudication.domain.approvals import Approval
from adjudication.domain.commands import penalty as p
from adjudication.domain.penalty.laws import PenaltyLaw
from adjudication.domain.penalty.states import PenaltyState
from adjudication.entrypoints.dependencies import Container, Principal, allow
from adjudication.entrypoints.routes.approvals import ApprovalRoutes, add_approval_routes, read_penalty_case
from adjudication.entrypoints.routes.running import for_principal
from adjudication.entrypoints.schemas.penalty import (
    FineBounds,
    MeasureIn,
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

router = APIRouter(
    prefix="/v1/penalty-cases", tags=["penalty cases (counterfeit patent, trademark, copyright)"]
)
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
    "/fine-bounds",
    responses=problem_responses(401, 403, 422),
    summary="The fine range of 专利法 art. 68, 商标法 art. 60 or 著作权法 art. 53",
)
async def fine_bounds(
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.fine_bounds"))],
    law: PenaltyLaw = PenaltyLaw.COUNTERFEIT_PATENT,
    illegal_gains: Annotated[
        Decimal | None, Query(ge=0, le=10**12, description="Counterfeit patent: omit when there were none")
    ] = None,
    illegal_turnover: Annotated[
        Decimal | None, Query(ge=0, le=10**12, description="Trademark, copyright: omit when there was none")
    ] = None,
    repeat: Annotated[
        bool, Query(description="A repeat infringement within the law's look-back (商标法 art. 60: 5 years)")
    ] = False,
) -> FineBounds:
    amount = illegal_gains if law is PenaltyLaw.COUNTERFEIT_PATENT else illegal_turnover
    return FineBounds.for_law(law, amount, repeat=repeat, heavier_share=container.rules.heavier_fine_share)


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


add_approval_routes(
    router,
    ApprovalRoutes(
        path="/{case_id}/decision",
        kind=Approval.PENALTY_DECISION,
        body=PenaltyDecisionIn,
        response=PenaltyCaseRead,
        read=read_penalty_case,
        propose_permission="penalty.propose_decision",
        approve_permission="penalty.approve_decision",
        propose_summary="The handling officer proposes the penalty decision (the office head approves it)",
        approve_summary="The office head approves the proposed penalty decision (a second person)",
        propose_name="decision",
        approve_name="decision_approval",
        propose_doc="Only the officer handling the case proposes it; it is checked now and taken when an "
        "office head of the case's office, not the proposer, approves it (``POST .../decision/approval``).",
    ),
)


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


@router.post(
    "/{case_id}/measures",
    responses=problem_responses(*ERRORS),
    summary="Record an investigation measure (询问, 现场检查, 查封扣押 ...): legal basis and inventory",
)
async def measures(
    case_id: uuid.UUID,
    body: MeasureIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("penalty.record_measure"))],
) -> PenaltyCaseRead:
    """The case's law must allow the measure (专利法 art. 69, 商标法 art. 62, 著作权法 art. 55); sealing or
    seizing needs the evidence that the items infringe and an inventory, and starts the seizure period."""
    return await _run(container, body.to_command(case_id, who.subject), who)
