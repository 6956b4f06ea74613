"""Subjects: who they are, their credit standing, search by name, and the bulk check.

What each reader gets is minimised (``credit.domain.access.reader_of_credit``): a court reads a
subject's decided listings (§H.1, §H.2), a court or customs office gets the bulk check's status, name,
list types and period ends (§H.1, §H.2), never a record's file."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from credit.access import ACCESS
from credit.domain.access import CreditReader, reader_of_credit
from credit.domain.errors import invalid
from credit.entrypoints.dependencies import Container, today
from credit.entrypoints.schemas.subjects import BulkCheckIn
from credit.views.subject_models import BulkCheckOut, SubjectCredit, SubjectMatchOut, SubjectRead
from shared.identity.principals import Principal
from shared.web.audit import record_read
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
    _: Annotated[Principal, Depends(ACCESS.allow("subject.search"))],
    name: Annotated[
        str | None, Query(max_length=200, description="Part of any name the subject ever bore (literal)")
    ] = None,
    id_number_masked: Annotated[
        str | None,
        Query(
            max_length=40,
            description="A masked resident ID number; a full one is checked (GB 11643) and masked first",
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> list[SubjectMatchOut]:
    if not name and not id_number_masked:
        raise invalid(
            "name", "missing", "Give a name, a masked id number, or both", "请提供名称或脱敏身份证号码"
        )
    return await container.views.subjects.search(name=name, id_number_masked=id_number_masked, limit=limit)


@router.get("/subjects/{ref}", responses=problem_responses(401, 403, 404, 422), summary="Get a subject")
async def get_subject(
    ref: SubjectRef,
    request: Request,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("subject.read"))],
) -> SubjectRead:
    """The credit office sees the subject whole; case handlers not where it was seen."""
    subject = await container.views.subjects.subject(ref, principal)
    await record_read(request, "credit.subject.read", object_type="credit_subject", object_id=str(subject.id))
    return subject


@router.get(
    "/subjects/{ref}/credit",
    responses=problem_responses(401, 403, 404, 422),
    summary="A subject's credit: status, listings in force, grade, history",
)
async def get_subject_credit(
    ref: SubjectRef,
    request: Request,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("subject.credit"))],
) -> SubjectCredit:
    """The credit office sees everything; case handlers, courts and customs decided listings only;
    courts and customs no grade, commitment, legal representative or where the subject was seen
    (customs gets the repeat-infringer flags, §H.2)."""
    credit = await container.views.subjects.credit(ref, today=today(container), principal=principal)
    await record_read(
        request,
        "credit.subject.credit",
        object_type="credit_subject",
        object_id=str(credit.subject.id),
        details={"reader": reader_of_credit(principal).value},
    )
    return credit


@router.post(
    "/credit-checks",
    response_model=BulkCheckOut,
    responses=problem_responses(401, 403, 422),
    summary="Check up to 1,000 credit codes at once (customs, courts)",
)
async def bulk_check(
    body: BulkCheckIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("credit.check"))],
) -> Response:
    """One status per code, in input order; an invalid code is answered in place, not refused.

    Courts and customs offices get the status, the name and each listing's list type and period end."""
    minimised = reader_of_credit(principal) in (CreditReader.COURT, CreditReader.CUSTOMS)
    answer = await container.views.bulk_check.check(body.codes, today=today(container), minimised=minimised)
    return Response(content=answer, media_type="application/json")
