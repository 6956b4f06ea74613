"""What the people's courts report through the API (the same commands as the court.* events)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter

from adjudication.entrypoints.dependencies import Container, CourtOrStaff
from adjudication.entrypoints.routes.running import CASE_STEP_ERRORS, run_step
from adjudication.entrypoints.schemas.after_decision import AdminSuitIn, EnforcementRulingIn, JudgmentIn
from adjudication.views.models import CaseRead
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["court"])


@router.post(
    "/admin-suit",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="A party sued over the decision (行政诉讼)",
)
async def admin_suit(
    case_id: uuid.UUID, body: AdminSuitIn, container: Container, principal: CourtOrStaff
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, principal.subject))


@router.post(
    "/admin-suit/judgment",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The court's judgment took effect: upheld or revoked",
)
async def admin_suit_judgment(
    case_id: uuid.UUID, body: JudgmentIn, container: Container, principal: CourtOrStaff
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, principal.subject))


@router.post(
    "/enforcement-ruling",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The court ruled on the enforcement application",
)
async def enforcement_ruling(
    case_id: uuid.UUID, body: EnforcementRulingIn, container: Container, principal: CourtOrStaff
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, principal.subject))
