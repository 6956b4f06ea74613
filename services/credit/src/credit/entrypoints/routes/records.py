"""Credit records: entries and imports, the §C.5 steps, the head's approval, lists and the agenda.

Every step carries the verified principal; the handler checks it against the record it locks
(office scope, four eyes: ``credit.domain.access``). Reading a record's file or its notice
document goes on the audit trail (``record_read``)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status

from credit.access import ACCESS
from credit.domain.access import office_of_entry
from credit.domain.commands import RecordStep
from credit.domain.errors import present
from credit.domain.record import RecordState
from credit.domain.vocabulary import ListType
from credit.entrypoints.dependencies import Container, actor
from credit.entrypoints.schemas.records import (
    ApprovalIn,
    ArchiveIn,
    DecisionStepIn,
    HearingIn,
    HearingRequestIn,
    ImportResult,
    NoticeIn,
    PublicationIn,
    RecordCreate,
    RecordImport,
    RepairDecisionIn,
    RepairRequestIn,
    RevocationIn,
    StatementIn,
    WithdrawalIn,
)
from credit.handlers.inputs import Registration
from credit.handlers.records import StepResult
from credit.views.record_models import DeadlineItem, RecordPage, RecordRead, RecordSort
from credit.views.records import RecordFilter
from shared.documents import render_html, render_pdf
from shared.idempotency import HEADER, IdempotencyKey
from shared.identity.principals import Principal
from shared.web.audit import record_read
from shared.web.lists import UpdatedSince
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1", tags=["records"])
IdempotencyHeader = Annotated[str | None, Header(alias=HEADER)]
STEP_PROBLEMS = problem_responses(401, 403, 404, 409, 422)


def _key(header: str | None, principal: Principal, route: str, body: Any) -> IdempotencyKey | None:
    if not header:
        return None
    return IdempotencyKey.build(key=header, scope=f"{principal.subject}:{route}", request_body=body)


@router.post(
    "/records",
    status_code=status.HTTP_201_CREATED,
    responses=problem_responses(401, 403, 422),
    summary="Enter a dishonesty input from outside (staff entry)",
)
async def create_record(
    body: RecordCreate,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.create"))],
    response: Response,
    idempotency_key: IdempotencyHeader = None,
) -> RecordRead:
    """Opens a CANDIDATE record on the list the rule table names for the behaviour.

    The same subject, list, behaviour and decision entered twice gives the first record back
    (200). Penalty publication is listed at once (Order 45 art. 2).
    """
    key = _key(idempotency_key, principal, "POST /v1/records", body.model_dump(mode="json"))
    command = body.to_command(actor(principal), key=key)
    office = office_of_entry(principal, container.options.office_code)
    registration: Registration = await container.bus.handle(dataclasses.replace(command, office_code=office))
    record_id = present(registration.record_id, "the record of an identified subject")
    response.headers["Location"] = f"/v1/records/{record_id}"
    if not registration.created:
        response.status_code = status.HTTP_200_OK
    if registration.replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return await container.views.records.record(record_id, principal)


@router.post(
    "/records/imports",
    responses=problem_responses(401, 403, 422),
    summary="Import many dishonesty inputs at once (all or nothing)",
)
async def import_records(
    body: RecordImport,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.import"))],
    idempotency_key: IdempotencyHeader = None,
) -> ImportResult:
    key = _key(idempotency_key, principal, "POST /v1/records/imports", body.model_dump(mode="json"))
    command = body.to_command(actor(principal), key)
    office = office_of_entry(principal, container.options.office_code)
    entries = tuple(dataclasses.replace(entry, office_code=office) for entry in command.entries)
    results: list[Registration] = await container.bus.handle(dataclasses.replace(command, entries=entries))
    return ImportResult(
        created=sum(1 for r in results if r.created),
        duplicates=sum(1 for r in results if r.record_id and not r.created),
        parked=sum(1 for r in results if r.parked_as),
        record_ids=[r.record_id for r in results if r.record_id],
    )


@router.get("/records", responses=problem_responses(401, 403, 422), summary="List credit records")
async def list_records(
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.list"))],
    subject_id: uuid.UUID | None = None,
    state: RecordState | None = None,
    list_type: ListType | None = None,
    overdue: Annotated[bool | None, Query(description="Only records with a missed deadline")] = None,
    updated_since: UpdatedSince = None,
    sort: Annotated[RecordSort, Query(description="`-` for descending")] = RecordSort.CREATED_DESC,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Offset = 0,
) -> RecordPage:
    """Newest first unless ``sort`` says otherwise (the record id breaks ties); ``total`` counts every
    page; ``updated_since`` returns what changed since a partner's previous poll (its ``as_of``)."""
    where = RecordFilter(
        subject_id,
        state,
        list_type,
        overdue,
        limit=limit,
        offset=offset,
        updated_since=updated_since,
        sort=sort,
    )
    return await container.views.records.records(where, principal)


@router.get("/records/{record_id}", responses=problem_responses(401, 403, 404), summary="Get a credit record")
async def get_record(
    record_id: uuid.UUID,
    request: Request,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.read"))],
) -> RecordRead:
    record = await container.views.records.record(record_id, principal)
    await record_read(request, "credit.record.read", object_type="credit_record", object_id=str(record_id))
    return record


@router.get(
    "/records/{record_id}/notice-document",
    responses={
        200: {"content": {"application/pdf": {}, "text/html": {}}},
        **problem_responses(401, 403, 404),
    },
    response_class=Response,
    summary="The notice of proposed listing, for service on the subject (PDF or HTML)",
)
async def notice_document(
    record_id: uuid.UUID,
    request: Request,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.notice_document"))],
    format: Literal["pdf", "html"] = "pdf",
) -> Response:
    document = await container.views.records.notice_document(
        record_id, principal, issuer=container.options.office_name, province=container.options.province
    )
    await record_read(
        request,
        "credit.record.notice_document",
        object_type="credit_record",
        object_id=str(record_id),
        details={"format": format},
    )
    if format == "html":
        return Response(render_html(document), media_type="text/html; charset=utf-8")
    return Response(render_pdf(document), media_type="application/pdf")


@router.get(
    "/deadlines", responses=problem_responses(401, 403, 422), summary="Statutory deadlines coming up (agenda)"
)
async def deadlines(
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("deadline.list"))],
    within_days: Annotated[int, Query(ge=0, le=3660)] = 30,
    limit: Annotated[int, Query(ge=1, le=1000)] = 200,
) -> list[DeadlineItem]:
    until = container.clock() + dt.timedelta(days=within_days)
    return await container.views.records.deadlines(until=until, limit=limit, principal=principal)


async def _step(container: Container, command: RecordStep, principal: Principal) -> RecordRead:
    """The step, carrying who asked (checked against the record), and the record as it now stands."""
    result: StepResult = await container.bus.handle(dataclasses.replace(command, principal=principal))
    return await container.views.records.record(result.record_id, principal, result.warnings)


@router.post(
    "/records/{record_id}/notice", responses=STEP_PROBLEMS, summary="Issue the notice of proposed listing"
)
async def issue_notice(
    record_id: uuid.UUID,
    body: NoticeIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.notify"))],
) -> RecordRead:
    """Starts the statement, defence and hearing window (``credit.listing_notice_window``) from service."""
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post(
    "/records/{record_id}/statements", responses=STEP_PROBLEMS, summary="File the subject's statement"
)
async def file_statement(
    record_id: uuid.UUID,
    body: StatementIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.file_statement"))],
) -> RecordRead:
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post(
    "/records/{record_id}/hearing-requests",
    responses=STEP_PROBLEMS,
    summary="Record the subject's hearing request",
)
async def request_hearing(
    record_id: uuid.UUID,
    body: HearingRequestIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.request_hearing"))],
) -> RecordRead:
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post("/records/{record_id}/hearings", responses=STEP_PROBLEMS, summary="Record the hearing held")
async def record_hearing(
    record_id: uuid.UUID,
    body: HearingIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.record_hearing"))],
) -> RecordRead:
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post("/records/{record_id}/decision", responses=STEP_PROBLEMS, summary="Decide: listed or not listed")
async def decide(
    record_id: uuid.UUID,
    body: DecisionStepIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.decide"))],
) -> RecordRead:
    """Listing only once the notice window has passed and any requested hearing was held."""
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post("/records/{record_id}/publication", responses=STEP_PROBLEMS, summary="Record the publication")
async def publish(
    record_id: uuid.UUID,
    body: PublicationIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.publish"))],
) -> RecordRead:
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post(
    "/records/{record_id}/repair-requests",
    responses=STEP_PROBLEMS,
    summary="File the subject's repair application",
)
async def request_repair(
    record_id: uuid.UUID,
    body: RepairRequestIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.request_repair"))],
) -> RecordRead:
    """An application before the configured earliest date is recorded with a warning, not refused."""
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post(
    "/records/{record_id}/repair-decision", responses=STEP_PROBLEMS, summary="Grant or deny credit repair"
)
async def decide_repair(
    record_id: uuid.UUID,
    body: RepairDecisionIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.decide_repair"))],
) -> RecordRead:
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post(
    "/records/{record_id}/revocation",
    responses=STEP_PROBLEMS,
    summary="Revoke: the underlying decision fell away",
)
async def revoke(
    record_id: uuid.UUID,
    body: RevocationIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.revoke"))],
) -> RecordRead:
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post(
    "/records/{record_id}/withdrawal",
    responses=STEP_PROBLEMS,
    summary="Record the withdrawal of a publication",
)
async def withdraw(
    record_id: uuid.UUID,
    body: WithdrawalIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.withdraw"))],
) -> RecordRead:
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post("/records/{record_id}/archive", responses=STEP_PROBLEMS, summary="Archive a closed record")
async def archive(
    record_id: uuid.UUID,
    body: ArchiveIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.archive"))],
) -> RecordRead:
    return await _step(container, body.to_command(record_id, actor(principal)), principal)


@router.post(
    "/records/{record_id}/approval",
    responses=STEP_PROBLEMS,
    summary="The office head approves or refuses the decision waiting on the record (four eyes)",
)
async def answer_proposal(
    record_id: uuid.UUID,
    body: ApprovalIn,
    container: Container,
    principal: Annotated[Principal, Depends(ACCESS.allow("record.approve"))],
) -> RecordRead:
    """A serious-list listing and its early removal (§C.2) are proposed by a credit officer and take
    effect only once an office head of a covering office — not the proposer — approves them (403
    otherwise). Approved, the decision applies as proposed; refused, the record stays as it was."""
    return await _step(container, body.to_command(record_id, actor(principal)), principal)
