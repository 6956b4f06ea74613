"""Complaint routes: schema in, command to the bus, representation out (reads through the views)."""

from __future__ import annotations

import datetime as dt
import mimetypes
import re
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile, status
from fastapi.responses import FileResponse

from intake.domain import commands as c
from intake.domain.access import authorise_step, reader_for
from intake.domain.errors import EvidencePendingScan, EvidenceRejected
from intake.domain.vocabulary import ScanStatus
from intake.entrypoints.dependencies import (
    Container,
    IdempotencyHeader,
    acting,
    allow,
    idempotency_key,
)
from intake.entrypoints.schemas.complaints import (
    ComplaintCorrection,
    ComplaintCreate,
    FalseMaterialsIn,
    Reason,
    ReferralAcknowledgementIn,
    TriageOverride,
)
from intake.entrypoints.schemas.workflows import NoticeCreate
from intake.handlers import Registration
from intake.views import ComplaintFilter
from intake.views.complaint_models import (
    ComplaintPage,
    ComplaintRead,
    ComplaintSort,
    EvidenceList,
    EvidenceRead,
    Timeline,
)
from intake.views.workflow_models import NoticeRead
from shared.errors import FieldError
from shared.files import (
    DOWNLOAD_HEADERS,
    HEAD_BYTES,
    FileRejected,
    check_content,
    content_disposition,
    safe_filename,
)
from shared.identity.principals import Principal
from shared.vocabulary import IpType
from shared.web.audit import record_read
from shared.web.lists import UpdatedSince
from shared.web.problems import problem_responses
from shared.web.responses import model_response
from shared.web.types import Offset

router = APIRouter(prefix="/v1/complaints", tags=["complaints"])
ERRORS = problem_responses(401, 403, 404, 409, 422)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=ComplaintRead,
    responses=ERRORS,
    summary="Register a complaint",
)
async def register_complaint(
    body: ComplaintCreate,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.register"))],
    idempotency: IdempotencyHeader = None,
) -> Response:
    """Store the complaint, publish ``intake.complaint.accepted``, verify, link, check and triage it.

    An accepted complaint is routed at once by the rule table; a failed check holds it (correction
    requested) or refuses it, with the reasons. With an ``Idempotency-Key`` a retried request
    returns the first request's complaint (and ``Idempotent-Replayed: true``).
    """
    key = idempotency_key(idempotency, principal, "POST /v1/complaints", body)
    command = body.to_command(acting(principal), key, office_code=principal.office_code)
    registration: Registration = await container.bus.handle(command)
    headers = {"Location": f"/v1/complaints/{registration.complaint.id}"}
    if registration.replayed:
        headers["Idempotent-Replayed"] = "true"
    read = ComplaintRead.from_complaint(registration.complaint, reader_for(principal))
    return model_response(read, status_code=status.HTTP_201_CREATED, headers=headers)


@router.get("", responses=ERRORS, summary="List and search complaints")
async def list_complaints(
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.list"))],
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Reference, party name, credit code, right no., listing id, or words (every "
            "space-separated term in the parties' names, right number or facts, e.g. `华锐 深圳`)",
        ),
    ] = None,
    status_: Annotated[str | None, Query(alias="status")] = None,
    track: str | None = None,
    channel: str | None = None,
    ip_type: IpType | None = None,
    centre: str | None = None,
    examiner_id: str | None = None,
    received_from: dt.datetime | None = None,
    received_to: dt.datetime | None = None,
    updated_since: UpdatedSince = None,
    sort: Annotated[ComplaintSort, Query(description="`-` for descending")] = ComplaintSort.RECEIVED_DESC,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> ComplaintPage:
    """Newest first unless ``sort`` says otherwise (stable: ties broken by complaint number); only the
    complaints of the offices the caller's office covers (filtered in the query), parties minimised for
    readers who do not handle them. ``total`` counts all pages; ``updated_since`` is for polling."""
    where = ComplaintFilter(
        q=q,
        status=status_,
        track=track,
        channel=channel,
        ip_type=ip_type.value if ip_type else None,
        centre=centre,
        examiner_id=examiner_id,
        received_from=received_from,
        received_to=received_to,
        updated_since=updated_since,
        sort=sort,
    )
    return await container.views.complaints.search(where, principal, limit=limit, offset=offset)


@router.get("/{complaint_id}", responses=ERRORS, summary="Get a complaint")
async def get_complaint(
    complaint_id: uuid.UUID,
    request: Request,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.read"))],
) -> ComplaintRead:
    read = await container.views.complaints.complaint(complaint_id, principal)
    await record_read(request, "intake.complaint.read", object_type="complaint", object_id=str(complaint_id))
    return read


@router.get("/{complaint_id}/timeline", responses=ERRORS, summary="Everything that happened to a complaint")
async def get_timeline(
    complaint_id: uuid.UUID,
    request: Request,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.timeline"))],
) -> Timeline:
    """Part of the complaint's file: the read is recorded on the audit trail."""
    timeline = await container.views.complaints.timeline(complaint_id, principal)
    await record_read(
        request, "intake.complaint.timeline", object_type="complaint", object_id=str(complaint_id)
    )
    return timeline


@router.get("/{complaint_id}/workflows", responses=ERRORS, summary="Centre workflow records of a complaint")
async def get_workflows(
    complaint_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.workflows"))],
) -> dict[str, list[uuid.UUID]]:
    return await container.views.complaints.workflows_of(complaint_id, principal)


@router.post("/{complaint_id}/correction", responses=ERRORS, summary="Supply corrected fields")
async def correct(
    complaint_id: uuid.UUID,
    body: ComplaintCorrection,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.correct"))],
) -> ComplaintRead:
    """Only a complaint held for correction takes one; it is then verified, checked and triaged again."""
    current = await container.views.complaints.complaint(complaint_id, principal)
    changes = body.changes(current.ip_type)
    await container.bus.handle(
        c.CorrectComplaint(
            complaint_id=complaint_id, changes=changes, actor=acting(principal), principal=principal
        )
    )
    return await container.views.complaints.complaint(complaint_id, principal)


@router.post("/{complaint_id}/triage", responses=ERRORS, summary="Override triage (staff, with a reason)")
async def override_triage(
    complaint_id: uuid.UUID,
    body: TriageOverride,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.override_triage"))],
) -> ComplaintRead:
    """Put the complaint on another track; a routed complaint is published again (later ``routed_at``)."""
    command = c.OverrideTriage(
        complaint_id=complaint_id,
        track=body.track,
        procedure=body.procedure,
        reason=body.reason,
        actor=acting(principal),
        principal=principal,
    )
    await container.bus.handle(command)
    return await container.views.complaints.complaint(complaint_id, principal)


async def _simple(
    container: Container, command: object, complaint_id: uuid.UUID, principal: Principal
) -> ComplaintRead:
    await container.bus.handle(command)
    return await container.views.complaints.complaint(complaint_id, principal)


@router.post("/{complaint_id}/not-accepted", responses=ERRORS, summary="Refuse the complaint (不予受理)")
async def refuse(
    complaint_id: uuid.UUID,
    body: Reason,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.refuse"))],
) -> ComplaintRead:
    return await _simple(
        container,
        c.RefuseComplaint(
            complaint_id=complaint_id, reason=body.reason, actor=acting(principal), principal=principal
        ),
        complaint_id,
        principal,
    )


@router.post(
    "/{complaint_id}/referral-acknowledgement",
    responses=ERRORS,
    summary="Record the receiving agency's acknowledgement of a referral (回执); the complaint closes",
)
async def referral_acknowledgement(
    complaint_id: uuid.UUID,
    body: ReferralAcknowledgementIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.record_referral_acknowledgement"))],
) -> ComplaintRead:
    return await _simple(
        container,
        c.AcknowledgeReferral(
            complaint_id=complaint_id,
            agency=body.agency,
            document_no=body.document_no,
            received_on=body.received_on,
            actor=acting(principal),
            principal=principal,
        ),
        complaint_id,
        principal,
    )


@router.post("/{complaint_id}/withdrawal", responses=ERRORS, summary="Record the complainant's withdrawal")
async def withdraw(
    complaint_id: uuid.UUID,
    body: Reason,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.withdraw"))],
) -> ComplaintRead:
    return await _simple(
        container,
        c.WithdrawComplaint(
            complaint_id=complaint_id, reason=body.reason, actor=acting(principal), principal=principal
        ),
        complaint_id,
        principal,
    )


@router.post("/{complaint_id}/duplicate/confirm", responses=ERRORS, summary="Confirm the duplicate link")
async def confirm_duplicate(
    complaint_id: uuid.UUID,
    body: Reason,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.confirm_duplicate"))],
) -> ComplaintRead:
    return await _simple(
        container,
        c.ConfirmDuplicate(
            complaint_id=complaint_id, reason=body.reason, actor=acting(principal), principal=principal
        ),
        complaint_id,
        principal,
    )


@router.post("/{complaint_id}/duplicate/split", responses=ERRORS, summary="Split: not a duplicate after all")
async def split(
    complaint_id: uuid.UUID,
    body: Reason,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.split"))],
) -> ComplaintRead:
    return await _simple(
        container,
        c.SplitComplaint(
            complaint_id=complaint_id, reason=body.reason, actor=acting(principal), principal=principal
        ),
        complaint_id,
        principal,
    )


@router.post("/{complaint_id}/false-materials", responses=ERRORS, summary="Record a false-materials finding")
async def false_materials(
    complaint_id: uuid.UUID,
    body: FalseMaterialsIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint.record_false_materials"))],
) -> ComplaintRead:
    """Publishes ``intake.complaint.false_materials_found`` (a credit input)."""
    command = c.RecordFalseMaterials(
        complaint_id=complaint_id,
        party_id=body.party_id,
        finding=body.finding,
        actor=acting(principal),
        principal=principal,
    )
    return await _simple(container, command, complaint_id, principal)


@router.post(
    "/{complaint_id}/evidence",
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="Upload evidence",
)
async def upload_evidence(
    complaint_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(allow("evidence.upload"))],
    response: Response,
    file: Annotated[UploadFile, File(description="The evidence file")],
    notarisation_ref: Annotated[str | None, Form(max_length=200)] = None,
    source: Annotated[str | None, Form(max_length=200)] = None,
    description: Annotated[str | None, Form(max_length=2000)] = None,
) -> EvidenceRead:
    """Stored with its SHA-256, size and media type, under a normalised file name.

    The type is read from the content (magic bytes) and must match the declared type and the
    evidence allow-list (``EVIDENCE_MEDIA_TYPES``); executables and web pages are refused whatever
    they claim. The size limit (``EVIDENCE_MAX_BYTES``) is enforced while the upload streams in.
    With a virus scanner (``CLAMD_HOST``) a file is scanned first: an infected one is refused, one
    the scanner could not check is kept as ``pending_scan`` and not served until a scan passes.
    A refused or failed upload leaves no row and no file behind.
    """
    _text_only(notarisation_ref=notarisation_ref, source=source, description=description)
    authorise_step(principal, await container.views.complaints.office_of(complaint_id))
    file_name = safe_filename(file.filename or "", fallback="evidence")
    media_type = await _checked_type(file, file_name, container.rules.media_types)
    evidence_id = uuid.uuid4()
    files = container.evidence_files
    staged = await files.stage(file.file, complaint_id, evidence_id)
    try:
        scan_status = await files.scan(staged)
        command = c.AttachEvidence(
            complaint_id=complaint_id,
            evidence_id=evidence_id,
            file_name=file_name,
            media_type=media_type,
            size_bytes=staged.size_bytes,
            sha256=staged.sha256,
            storage_key=staged.storage_key,
            source=source,
            notarisation_ref=notarisation_ref,
            description=description,
            scan_status=scan_status,
            actor=acting(principal),
            principal=principal,
        )
        await container.bus.handle(command)
    except BaseException:
        files.discard(staged)
        raise
    response.headers["Location"] = f"/v1/complaints/{complaint_id}/evidence/{evidence_id}"
    item, _ = await container.views.complaints.evidence_file(complaint_id, evidence_id)
    return item


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _text_only(**fields: str | None) -> None:
    """Form fields follow the input policy of JSON bodies: no NUL or other control characters (422)."""
    problems = []
    for name, value in fields.items():
        if value is not None and _NOT_TEXT.search(value):
            en, zh = "Contains a control or non-text character", "含有控制字符或非文本字符"
            problems.append(FieldError(name, "control_character", en, zh))
    if problems:
        raise EvidenceRejected(
            "A form field contains characters that are not text",
            "表单字段含有非文本字符",
            field_errors=problems,
        )


async def _checked_type(file: UploadFile, file_name: str, allowed: frozenset[str]) -> str:
    """The declared type (guessed from the name if none), if the content really is that and it is allowed."""
    declared = (file.content_type or "").split(";")[0].strip().lower()
    if not declared or declared == "application/octet-stream":
        declared = mimetypes.guess_type(file_name)[0] or declared or "application/octet-stream"
    head = await file.read(HEAD_BYTES)
    await file.seek(0)
    try:
        return check_content(declared, head, allowed)
    except FileRejected as refused:
        en = f"The file is refused: {refused}"
        zh = "文件被拒绝：文件内容与声明的类型不符，或该类型不被接受为证据（可执行文件和网页一律不接受）"
        raise EvidenceRejected(en, zh, field_errors=[FieldError("file", "media_type", en, zh)]) from None


@router.get("/{complaint_id}/evidence", responses=ERRORS, summary="List evidence")
async def list_evidence(
    complaint_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(allow("evidence.list"))],
) -> EvidenceList:
    return await container.views.complaints.evidence(complaint_id, principal)


@router.get(
    "/{complaint_id}/evidence/{evidence_id}/content",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}, **ERRORS},
    summary="Download evidence",
)
async def download_evidence(
    complaint_id: uuid.UUID,
    evidence_id: uuid.UUID,
    request: Request,
    container: Container,
    principal: Annotated[Principal, Depends(allow("evidence.download"))],
) -> FileResponse:
    """The file as an attachment (RFC 6266 ``filename*``), with ``nosniff`` and a CSP that runs nothing.

    A file still pending its virus scan is scanned again first; until it passes it is not served (409).
    """
    item, storage_key = await container.views.complaints.evidence_file(complaint_id, evidence_id, principal)
    if item.scan_status == ScanStatus.PENDING:
        scanned = await container.evidence_files.scan_stored(storage_key)
        await container.bus.handle(
            c.RecordEvidenceScan(complaint_id=complaint_id, evidence_id=evidence_id, scan_status=scanned)
        )
        if scanned != ScanStatus.CLEAN:
            raise EvidencePendingScan(
                "The file waits for its virus scan and cannot be downloaded yet",
                "该文件尚未通过病毒扫描，暂不能下载",
            )
    await record_read(
        request,
        "intake.evidence.download",
        object_type="complaint",
        object_id=str(complaint_id),
        details={"evidence_id": str(evidence_id), "sha256": item.sha256},
    )
    headers = {
        **DOWNLOAD_HEADERS,
        "Content-Disposition": content_disposition(item.file_name),
        "Digest": f"sha-256={item.sha256}",
    }
    return FileResponse(
        container.evidence_files.path_of(storage_key), media_type=item.media_type, headers=headers
    )


@router.post(
    "/{complaint_id}/ecommerce-notices",
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="Track a platform notice (§F.3)",
)
async def open_notice(
    complaint_id: uuid.UUID,
    body: NoticeCreate,
    container: Container,
    principal: Annotated[Principal, Depends(allow("notice.open"))],
    response: Response,
    idempotency: IdempotencyHeader = None,
) -> NoticeRead:
    route = f"POST /v1/complaints/{complaint_id}/ecommerce-notices"
    command = c.OpenEcommerceNotice(
        complaint_id=complaint_id,
        platform=body.platform,
        listing_ids=tuple(body.listing_ids),
        seller=body.seller,
        notice_at=body.notice_at,
        actor=acting(principal),
        principal=principal,
        idempotency_key=idempotency_key(idempotency, principal, route, body),
    )
    notice = await container.bus.handle(command)
    response.headers["Location"] = f"/v1/ecommerce-notices/{notice.id}"
    return await container.views.workflows.notice(notice.id, principal)
