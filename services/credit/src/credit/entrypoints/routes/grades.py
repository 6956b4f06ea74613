"""Credit grades A–D: external grades recorded, local grades recomputed on demand."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from credit.access import ACCESS
from credit.domain.commands import RecomputeLocalGrades
from credit.entrypoints.dependencies import Container, actor, today
from credit.entrypoints.schemas.grades import GradeCount, GradeImport, GradeIn, RecomputeIn
from credit.views.subject_models import GradeOut
from shared.identity.principals import Principal
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1", tags=["grades"])


@router.post(
    "/grades", responses=problem_responses(401, 403, 422), summary="Record a grade supplied from outside"
)
async def record_grade(
    body: GradeIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("grade.record"))],
) -> GradeOut:
    stored = await container.bus.handle(body.to_command(actor(principal)))
    return GradeOut.model_validate(stored, from_attributes=True)


@router.post(
    "/grades/imports",
    responses=problem_responses(401, 403, 422),
    summary="Import grades (e.g. SAMR's monthly run)",
)
async def import_grades(
    body: GradeImport,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("grade.import"))],
) -> GradeCount:
    return GradeCount(graded=await container.bus.handle(body.to_command(actor(principal))))


@router.post(
    "/grades/recompute",
    responses=problem_responses(401, 403, 409, 422),
    summary="Recompute local grades now (normally monthly)",
)
async def recompute(
    body: RecomputeIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("grade.recompute"))],
) -> GradeCount:
    """409 unless a local rule set is loaded: §C.4 forbids deriving grades without one."""
    command = RecomputeLocalGrades(as_of=body.as_of or today(container), actor=actor(principal))
    return GradeCount(graded=await container.bus.handle(command))
