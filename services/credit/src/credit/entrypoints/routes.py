"""Credit's HTTP routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from credit.entrypoints.dependencies import Container, SubjectReader
from credit.entrypoints.schemas import SubjectRead
from shared.web.problems import problem_responses
from shared.web.types import CreditCode

router = APIRouter(prefix="/v1", tags=["subjects"])


@router.get(
    "/subjects/{credit_code}", responses=problem_responses(401, 403, 404, 422), summary="Get a subject"
)
async def get_subject(
    credit_code: Annotated[CreditCode, Path(description="统一社会信用代码")],
    container: Container,
    _: SubjectReader,
) -> SubjectRead:
    return await container.views.subject(credit_code)
