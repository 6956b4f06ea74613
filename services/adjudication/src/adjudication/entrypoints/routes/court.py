"""What the people's courts report through the API (the same commands as the court.* events).

A court acts only for itself: its code is its token's ``partner_code``; a ``court_code`` in a body
may be left out, and naming another court is refused (403). It records a judgment only on the suit
filed with it and a ruling only on the enforcement applied to it. A ``clerk`` may record a court's
outcome instead, naming the court and citing its document (``document_ref``); staff record none.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from adjudication.entrypoints.dependencies import Container, Principal, acting_court, allow
from adjudication.entrypoints.routes.running import CASE_STEP_ERRORS, run_step
from adjudication.entrypoints.schemas.after_decision import AdminSuitIn, EnforcementRulingIn, JudgmentIn
from adjudication.views.models import CaseRead
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["court"])


@router.post(
    "/admin-suit",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="A party sued over the decision (行政诉讼): the court it was filed with records it",
)
async def admin_suit(
    case_id: uuid.UUID,
    body: AdminSuitIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("court.record_admin_suit"))],
) -> CaseRead:
    """Cannot be dated before the decision was served."""
    command = body.to_command(case_id, who.subject, acting_court(who, body.court_code))
    return await run_step(container, command, who)


@router.post(
    "/admin-suit/judgment",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The court's judgment took effect: upheld or revoked",
)
async def admin_suit_judgment(
    case_id: uuid.UUID,
    body: JudgmentIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("court.record_judgment"))],
) -> CaseRead:
    """Only the court the suit is filed with; cannot take effect before the suit was filed."""
    command = body.to_command(case_id, who.subject, acting_court(who, body.court_code))
    return await run_step(container, command, who)


@router.post(
    "/enforcement-ruling",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The court ruled on the enforcement application",
)
async def enforcement_ruling(
    case_id: uuid.UUID,
    body: EnforcementRulingIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("court.record_enforcement_ruling"))],
) -> CaseRead:
    """Only the court enforcement was applied to; cannot be dated before the application."""
    command = body.to_command(case_id, who.subject, acting_court(who, body.court_code))
    return await run_step(container, command, who)
