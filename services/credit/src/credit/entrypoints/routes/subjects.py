"""Subjects: who they are, their credit standing, search by name, and the bulk check."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from credit.domain.errors import invalid
from credit.entrypoints.dependencies import Checker, Container, Reader, is_internal, today
from credit.entrypoints.schemas.subjects import BulkCheckIn
from credit.views.subject_models import BulkCheckOut, SubjectCredit, SubjectMatchOut, SubjectRead
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1", tags=["subjects"])
SubjectRef = Annotated[
    str, Path(description="统一社会信用代码 (organisations), or the subject id (any subject)", max_length=64)
]


@router.get(
    "/subjects", responses=problem_responses(401, 403, 422), summary="Find subjects by name or masked id"
)
async def search_subjects(
    container: Container,
    _: Reader,
    name: Annotated[str | None, Query(max_length=200, description="Any name the subject ever bore")] = None,
    id_number_masked: Annotated[str | None, Query(max_length=18)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[SubjectMatchOut]:
    if not name and not id_number_masked:
        raise invalid(
            "name", "missing", "Give a name, a masked id number, or both", "请提供名称或脱敏身份证号码"
        )
    return await container.views.subjects.search(name=name, id_number_masked=id_number_masked, limit=limit)


@router.get("/subjects/{ref}", responses=problem_responses(401, 403, 404, 422), summary="Get a subject")
async def get_subject(ref: SubjectRef, container: Container, _: Reader) -> SubjectRead:
    return await container.views.subjects.subject(ref)


@router.get(
    "/subjects/{ref}/credit",
    responses=problem_responses(401, 403, 404, 422),
    summary="A subject's credit: status, listings in force, grade, history",
)
async def get_subject_credit(ref: SubjectRef, container: Container, principal: Reader) -> SubjectCredit:
    """Courts, customs and case handlers see decided listings only; the credit office sees everything."""
    return await container.views.subjects.credit(ref, today=today(container), internal=is_internal(principal))


@router.post(
    "/credit-checks",
    response_model=BulkCheckOut,
    responses=problem_responses(401, 403, 422),
    summary="Check up to 1,000 credit codes at once (customs, platforms)",
)
async def bulk_check(body: BulkCheckIn, container: Container, _: Checker) -> Response:
    """One status per code, in input order; an invalid code is answered in place, not refused."""
    answer = await container.views.bulk_check.check(body.codes, today=today(container))
    return Response(content=answer, media_type="application/json")
