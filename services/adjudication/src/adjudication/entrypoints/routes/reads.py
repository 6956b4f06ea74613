"""Reading cases: search, the case, its file, timeline, deadlines, decision document, work queues."""

from __future__ import annotations

import hashlib
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from adjudication.domain.case.parts.suspension import SuspensionRequest
from adjudication.domain.case.states import CaseState
from adjudication.domain.errors import RecordNotFound
from adjudication.domain.values.rules import ParticipantRole
from adjudication.entrypoints.dependencies import Container, Principal, allow
from adjudication.views.models import (
    CaseFile,
    CaseList,
    CaseRead,
    DeadlineOut,
    EvidenceVerification,
    Timeline,
    WorkQueue,
)
from adjudication.views.sorting import CaseSort
from shared.documents import render_html, render_pdf
from shared.files import DOWNLOAD_HEADERS, content_disposition
from shared.web.audit import record_read
from shared.web.lists import UpdatedSince
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1", tags=["cases"])
CHUNK = 1024 * 1024


@router.get("/cases", responses=problem_responses(401, 403, 422), summary="Search cases")
async def list_cases(
    container: Container,
    who: Annotated[Principal, Depends(allow("case.list"))],
    complaint_id: Annotated[
        uuid.UUID | None, Query(description="Only the case opened for this complaint")
    ] = None,
    state: Annotated[list[CaseState] | None, Query(description="Any of these states")] = None,
    procedure: Annotated[str | None, Query(description="ordinary, simple or green_channel")] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Space-separated terms, each found literally in a party name or credit code, a "
            "patent, docket or decision number, the facts, a place of infringement or a stopped product",
        ),
    ] = None,
    overdue: Annotated[bool, Query(description="Only cases with a legal deadline already past")] = False,
    updated_since: UpdatedSince = None,
    sort: Annotated[
        CaseSort,
        Query(description="received_at, due (next deadline) or opened_at; '-' descends; id breaks ties"),
    ] = CaseSort.OPENED_DESC,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> CaseList:
    """Only the cases the principal may read: its office's (by division), an adjudicator's own, a
    court's own. ``q``: every term matches, literally (``%`` and ``_`` are no wildcards)."""
    return await container.views.cases(
        who,
        complaint_id=complaint_id,
        state=state or (),
        procedure=procedure,
        text=q,
        overdue=overdue,
        updated_since=updated_since,
        sort=sort,
        limit=limit,
        offset=offset,
    )


@router.get("/cases/{case_id}", responses=problem_responses(401, 403, 404), summary="Get a case")
async def get_case(
    case_id: uuid.UUID, container: Container, who: Annotated[Principal, Depends(allow("case.read"))]
) -> CaseRead:
    """A court gets only what §H.1 gives it; no reader gets a party's phone, e-mail or address here."""
    return await container.views.case(case_id, who)


@router.get(
    "/cases/{case_id}/file", responses=problem_responses(401, 403, 404), summary="The whole case file"
)
async def get_case_file(
    case_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.file"))],
) -> CaseFile:
    """A sensitive read: recorded in the audit trail."""
    file = await container.views.case_file(case_id, who)
    await record_read(
        request, "adjudication.case.file", object_type="adjudication_case", object_id=str(case_id)
    )
    return file


@router.get(
    "/cases/{case_id}/suspension-requests/{request_id}",
    responses=problem_responses(401, 403, 404),
    summary="One suspension request of the case (as in the case file)",
)
async def get_suspension_request(
    case_id: uuid.UUID,
    request_id: str,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.file"))],
) -> SuspensionRequest:
    """A read of the case file: recorded in the audit trail."""
    file = await container.views.case_file(case_id, who)
    found = next((r for r in file.suspension_requests if r.id == request_id), None)
    if found is None:
        raise RecordNotFound("No such suspension request in this case", "本案中不存在该中止申请")
    await record_read(
        request, "adjudication.case.file", object_type="adjudication_case", object_id=str(case_id)
    )
    return found


@router.get(
    "/cases/{case_id}/timeline",
    responses=problem_responses(401, 403, 404),
    summary="Every event of the case with actor, time and legal basis",
)
async def get_timeline(
    case_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.timeline"))],
) -> Timeline:
    timeline = await container.views.timeline(case_id, who)
    await record_read(
        request, "adjudication.case.timeline", object_type="adjudication_case", object_id=str(case_id)
    )
    return timeline


@router.get(
    "/cases/{case_id}/deadlines",
    responses=problem_responses(401, 403, 404),
    summary="The case's statutory deadlines, each with its basis and how it was computed",
)
async def get_deadlines(
    case_id: uuid.UUID, container: Container, who: Annotated[Principal, Depends(allow("case.deadlines"))]
) -> list[DeadlineOut]:
    return await container.views.deadlines(case_id, who)


@router.get(
    "/cases/{case_id}/decision.html",
    response_class=HTMLResponse,
    responses=problem_responses(401, 403, 404),
    summary="The decision document (裁决书) as HTML",
)
async def get_decision_html(
    case_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("decision.read_html"))],
) -> HTMLResponse:
    document = await container.views.decision_document(case_id, who)
    await record_read(
        request, "adjudication.decision.read_html", object_type="adjudication_case", object_id=str(case_id)
    )
    return HTMLResponse(render_html(document), headers=_download_headers("裁决书.html"))


@router.get(
    "/cases/{case_id}/decision.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **problem_responses(401, 403, 404)},
    summary="The decision document (裁决书) as PDF, for service on the parties",
)
async def get_decision_pdf(
    case_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("decision.read_pdf"))],
) -> Response:
    document = await container.views.decision_document(case_id, who)
    await record_read(
        request, "adjudication.decision.read_pdf", object_type="adjudication_case", object_id=str(case_id)
    )
    return Response(
        render_pdf(document), media_type="application/pdf", headers=_download_headers("裁决书.pdf")
    )


def _download_headers(file_name: str) -> dict[str, str]:
    """A generated document, served inline: nosniff, a CSP that runs nothing, an RFC 6266 name."""
    headers = dict(DOWNLOAD_HEADERS)
    headers["Content-Disposition"] = content_disposition(file_name, inline=True)
    return headers


@router.post(
    "/cases/{case_id}/evidence/{evidence_id}/verification",
    responses=problem_responses(401, 403, 404, 422),
    summary="Check that an uploaded copy is the evidence on file (SHA-256)",
)
async def verify_evidence_copy(
    case_id: uuid.UUID,
    evidence_id: str,
    document: UploadFile,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("evidence.verify"))],
) -> EvidenceVerification:
    """The copy is hashed as it streams (never stored); the check is recorded in the audit trail."""
    digest = hashlib.sha256()
    while chunk := await document.read(CHUNK):
        digest.update(chunk)
    verification = await container.views.evidence_matches(case_id, evidence_id, digest.hexdigest(), who)
    await record_read(
        request,
        "adjudication.evidence.verify",
        object_type="adjudication_case",
        object_id=str(case_id),
        details={"evidence_id": evidence_id, "matches": verification.matches},
    )
    return verification


@router.get(
    "/work-queue",
    responses=problem_responses(401, 403, 422),
    summary="Open cases of a handler or panel member, most urgent legal deadline first",
)
async def work_queue(
    container: Container,
    who: Annotated[Principal, Depends(allow("work_queue.read"))],
    person_id: Annotated[str | None, Query(description="Whose queue; yours by default")] = None,
    role: Annotated[
        ParticipantRole | None, Query(description="Only cases where the person has this role")
    ] = None,
) -> WorkQueue:
    """Staff and office heads see anyone's queue within their office; an adjudicator only their own."""
    return await container.views.work_queue(who, person_id or who.subject, role.value if role else None)
