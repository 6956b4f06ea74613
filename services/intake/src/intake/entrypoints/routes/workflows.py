"""Centre workflow routes: centre cases, trade-fair complaints, e-commerce notices, examiners, the queue."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from intake.domain import commands as c
from intake.domain.access import list_scope
from intake.entrypoints.dependencies import Container, acting, allow
from intake.entrypoints.schemas.workflows import (
    AssignIn,
    CloseIn,
    ExaminerIn,
    ExaminerOut,
    NoticeStepIn,
    OpinionIn,
    ReferIn,
    TradeFairStepIn,
)
from intake.views import QueueFilter
from intake.views.queue import Queue
from intake.views.workflow_models import CentreCaseRead, NoticeRead, TradeFairCaseRead
from shared.identity.principals import Principal
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1", tags=["centre workflows"])
ERRORS = problem_responses(401, 403, 404, 409, 422)


@router.get("/queue", responses=ERRORS, summary="Work queue: open deadlines, soonest first")
async def work_queue(
    container: Container,
    principal: Annotated[Principal, Depends(allow("queue.read"))],
    track: str | None = None,
    examiner_id: str | None = None,
    centre: str | None = None,
) -> Queue:
    """Every open step with a deadline, marked overdue or due soon; unconfigured periods come last."""
    where = QueueFilter(
        track=track, examiner_id=examiner_id, centre=centre, office_prefix=list_scope(principal)
    )
    return await container.views.queue.queue(where, container.clock())


@router.put("/examiners/{examiner_id}", responses=ERRORS, summary="Create or update an examiner")
async def save_examiner(
    examiner_id: str,
    body: ExaminerIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("examiner.save"))],
) -> ExaminerOut:
    command = c.SaveExaminer(
        id=examiner_id,
        name=body.name,
        centre=body.centre,
        interests=tuple(body.interests),
        principal=principal,
    )
    examiner = await container.bus.handle(command)
    return ExaminerOut(
        id=examiner.id, name=examiner.name, centre=examiner.centre, interests=list(examiner.interests)
    )


@router.get("/centre-cases/{case_id}", responses=ERRORS, summary="Get a centre case")
async def get_centre_case(
    case_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(allow("centre_case.read"))],
) -> CentreCaseRead:
    return await container.views.workflows.centre_case(case_id, principal)


@router.post(
    "/centre-cases/{case_id}/assignment", responses=ERRORS, summary="Assign the examiner (recusal check)"
)
async def assign(
    case_id: uuid.UUID,
    body: AssignIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("centre_case.assign"))],
) -> CentreCaseRead:
    await container.bus.handle(
        c.AssignExaminer(
            case_id=case_id, examiner_id=body.examiner_id, actor=acting(principal), principal=principal
        )
    )
    return await container.views.workflows.centre_case(case_id, principal)


@router.post("/centre-cases/{case_id}/opinion", responses=ERRORS, summary="Issue the judgement opinion")
async def opinion(
    case_id: uuid.UUID,
    body: OpinionIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("centre_case.issue_opinion"))],
) -> CentreCaseRead:
    command = c.IssueOpinion(
        case_id=case_id,
        conclusion=body.conclusion,
        reasons=body.reasons,
        actor=acting(principal),
        principal=principal,
    )
    await container.bus.handle(command)
    return await container.views.workflows.centre_case(case_id, principal)


@router.post("/centre-cases/{case_id}/referral", responses=ERRORS, summary="Refer the matter (§D.4)")
async def refer(
    case_id: uuid.UUID,
    body: ReferIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("centre_case.refer"))],
) -> CentreCaseRead:
    await container.bus.handle(
        c.ReferCentreCase(
            case_id=case_id,
            target=body.target,
            reason=body.reason,
            actor=acting(principal),
            principal=principal,
        )
    )
    return await container.views.workflows.centre_case(case_id, principal)


@router.post("/centre-cases/{case_id}/closure", responses=ERRORS, summary="Close once acknowledged")
async def close(
    case_id: uuid.UUID,
    body: CloseIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("centre_case.close"))],
) -> CentreCaseRead:
    await container.bus.handle(
        c.CloseCentreCase(case_id=case_id, note=body.note, actor=acting(principal), principal=principal)
    )
    return await container.views.workflows.centre_case(case_id, principal)


@router.get("/trade-fair-cases/{case_id}", responses=ERRORS, summary="Get a trade-fair complaint")
async def get_trade_fair_case(
    case_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(allow("trade_fair.read"))],
) -> TradeFairCaseRead:
    return await container.views.workflows.trade_fair_case(case_id, principal)


@router.post("/trade-fair-cases/{case_id}/steps", responses=ERRORS, summary="Record a trade-fair step")
async def trade_fair_step(
    case_id: uuid.UUID,
    body: TradeFairStepIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("trade_fair.step"))],
) -> TradeFairCaseRead:
    command = c.RecordTradeFairStep(
        case_id=case_id,
        step=body.step,
        at=body.at,
        note=body.note,
        measures=tuple(body.measures),
        actor=acting(principal),
        principal=principal,
    )
    await container.bus.handle(command)
    return await container.views.workflows.trade_fair_case(case_id, principal)


@router.get("/ecommerce-notices/{notice_id}", responses=ERRORS, summary="Get an e-commerce notice")
async def get_notice(
    notice_id: uuid.UUID, container: Container, principal: Annotated[Principal, Depends(allow("notice.read"))]
) -> NoticeRead:
    return await container.views.workflows.notice(notice_id, principal)


@router.post("/ecommerce-notices/{notice_id}/steps", responses=ERRORS, summary="Record a notice step")
async def notice_step(
    notice_id: uuid.UUID,
    body: NoticeStepIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("notice.step"))],
) -> NoticeRead:
    """``forward_to_holder`` starts the art. 43 wait (15 days from ``arrival_at``) on the statutory clock."""
    command = c.RecordEcommerceStep(
        notice_id=notice_id,
        step=body.step,
        at=body.at,
        arrival_at=body.arrival_at,
        working_days=body.working_days,
        reference=body.reference,
        note=body.note,
        actor=acting(principal),
        principal=principal,
    )
    await container.bus.handle(command)
    return await container.views.workflows.notice(notice_id, principal)
