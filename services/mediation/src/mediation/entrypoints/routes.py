"""Mediation's HTTP routes."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from mediation.entrypoints.dependencies import CaseReader, Container
from mediation.entrypoints.schemas import MediationCaseList, MediationCaseRead
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1", tags=["mediation cases"])


@router.get("/cases/{case_id}", responses=problem_responses(401, 403, 404), summary="Get a mediation case")
async def get_case(case_id: uuid.UUID, container: Container, _: CaseReader) -> MediationCaseRead:
    return await container.views.case(case_id)


@router.get("/cases", responses=problem_responses(401, 403, 422), summary="List mediation cases")
async def list_cases(
    container: Container,
    _: CaseReader,
    complaint_id: Annotated[
        uuid.UUID | None, Query(description="Only the case opened for this complaint")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> MediationCaseList:
    return await container.views.cases(complaint_id=complaint_id, limit=limit, offset=offset)
