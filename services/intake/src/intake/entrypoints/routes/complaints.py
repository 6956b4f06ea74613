"""Complaint routes: schema in, command to the bus, representation out (reads through the views)."""

from __future__ import annotations

import datetime as dt
import mimetypes
import uuid
from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Response, UploadFile, status
from fastapi.responses import FileResponse

from intake.domain import commands as c
from intake.entrypoints.dependencies import (
    Container,
    IdempotencyHeader,
    StaffPrincipal,
    acting,
    idempotency_key,
)
from intake.entrypoints.schemas.complaints import (
    ComplaintCorrection,
    ComplaintCreate,
    FalseMaterialsIn,
    Reason,
    TriageOverride,
)
from intake.entrypoints.schemas.workflows import NoticeCreate
from intake.handlers import Registration
from intake.views import ComplaintFilter
from intake.views.complaint_models import ComplaintPage, ComplaintRead, EvidenceList, EvidenceRead, Timeline
from intake.views.workflow_models import NoticeRead
from shared.vocabulary import IpType
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
    principal: StaffPrincipal,
    idempotency: IdempotencyHeader = None,
) -> Response:
    """Store the complaint, publish ``intake.complaint.accepted``, verify, link, check and triage it.

    An accepted complaint is routed at once by the rule table; a failed check holds it (correction
    requested) or refuses it, with the reasons. With an ``Idempotency-Key`` a retried request
    returns the first request's complaint (and ``Idempotent-Replayed: true``).
    """
    key = idempotency_key(idempotency, principal, "POST /v1/complaints", body)
    registration: Registration = await container.bus.handle(body.to_command(acting(principal), key))
    headers = {"Location": f"/v1/complaints/{registration.complaint.id}"}
    if registration.replayed:
        headers["Idempotent-Replayed"] = "true"
    read = ComplaintRead.from_complaint(registration.complaint)
    return model_response(read, status_code=status.HTTP_201_CREATED, headers=headers)


@router.get("", responses=ERRORS, summary="List and search complaints")
async def list_complaints(
    container: Container,
    _: StaffPrincipal,
    q: Annotated[
        str | None, Query(description="Reference, party name, credit code, right no., listing id")
    ] = None,
    status_: Annotated[str | None, Query(alias="status")] = None,
    track: str | None = None,
    channel: str | None = None,
    ip_type: IpType | None = None,
    centre: str | None = None,
    examiner_id: str | None = None,
    received_from: dt.datetime | None = None,
    received_to: dt.datetime | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Offset = 0,
) -> ComplaintPage:
    """Newest first (stable: ties broken by complaint number)."""
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
    )
    return await container.views.complaints.search(where, limit=limit, offset=offset)


@router.get("/{complaint_id}", responses=ERRORS, summary="Get a complaint")
async def get_complaint(complaint_id: uuid.UUID, container: Container, _: StaffPrincipal) -> ComplaintRead:
    return await container.views.complaints.complaint(complaint_id)


@router.get("/{complaint_id}/timeline", responses=ERRORS, summary="Everything that happened to a complaint")
async def get_timeline(complaint_id: uuid.UUID, container: Container, _: StaffPrincipal) -> Timeline:
    return await container.views.complaints.timeline(complaint_id)


@router.get("/{complaint_id}/workflows", responses=ERRORS, summary="Centre workflow records of a complaint")
async def get_workflows(
    complaint_id: uuid.UUID, container: Container, _: StaffPrincipal
) -> dict[str, list[uuid.UUID]]:
    return await container.views.complaints.workflows_of(complaint_id)


@router.post("/{complaint_id}/correction", responses=ERRORS, summary="Supply corrected fields")
async def correct(
    complaint_id: uuid.UUID, body: ComplaintCorrection, container: Container, principal: StaffPrincipal
) -> ComplaintRead:
    """Only a complaint held for correction takes one; it is then verified, checked and triaged again."""
    current = await container.views.complaints.complaint(complaint_id)
    changes = body.changes(current.ip_type)
    await container.bus.handle(
        c.CorrectComplaint(complaint_id=complaint_id, changes=changes, actor=acting(principal))
    )
    return await container.views.complaints.complaint(complaint_id)


@router.post("/{complaint_id}/triage", responses=ERRORS, summary="Override triage (staff, with a reason)")
async def override_triage(
    complaint_id: uuid.UUID, body: TriageOverride, container: Container, principal: StaffPrincipal
) -> ComplaintRead:
    """Put the complaint on another track; a routed complaint is published again (later ``routed_at``)."""
    command = c.OverrideTriage(
        complaint_id=complaint_id,
        track=body.track,
        procedure=body.procedure,
        reason=body.reason,
        actor=acting(principal),
    )
    await container.bus.handle(command)
    return await container.views.complaints.complaint(complaint_id)


async def _simple(container: Container, command: object, complaint_id: uuid.UUID) -> ComplaintRead:
    await container.bus.handle(command)
    return await container.views.complaints.complaint(complaint_id)


@router.post("/{complaint_id}/not-accepted", responses=ERRORS, summary="Refuse the complaint (不予受理)")
async def refuse(
    complaint_id: uuid.UUID, body: Reason, container: Container, principal: StaffPrincipal
) -> ComplaintRead:
    return await _simple(
        container,
        c.RefuseComplaint(complaint_id=complaint_id, reason=body.reason, actor=acting(principal)),
        complaint_id,
    )


@router.post("/{complaint_id}/withdrawal", responses=ERRORS, summary="Record the complainant's withdrawal")
async def withdraw(
    complaint_id: uuid.UUID, body: Reason, container: Container, principal: StaffPrincipal
) -> ComplaintRead:
    return await _simple(
        container,
        c.WithdrawComplaint(complaint_id=complaint_id, reason=body.reason, actor=acting(principal)),
        complaint_id,
    )


@router.post("/{complaint_id}/duplicate/confirm", responses=ERRORS, summary="Confirm the duplicate link")
async def confirm_duplicate(
    complaint_id: uuid.UUID, body: Reason, container: Container, principal: StaffPrincipal
) -> ComplaintRead:
    return await _simple(
        container,
        c.ConfirmDuplicate(complaint_id=complaint_id, reason=body.reason, actor=acting(principal)),
        complaint_id,
    )


@router.post("/{complaint_id}/duplicate/split", responses=ERRORS, summary="Split: not a duplicate after all")
async def split(
    complaint_id: uuid.UUID, body: Reason, container: Container, principal: StaffPrincipal
) -> ComplaintRead:
    return await _simple(
        container,
        c.SplitComplaint(complaint_id=complaint_id, reason=body.reason, actor=acting(principal)),
        complaint_id,
    )


@router.post("/{complaint_id}/false-materials", responses=ERRORS, summary="Record a false-materials finding")
async def false_materials(
    complaint_id: uuid.UUID, body: FalseMaterialsIn, container: Container, principal: StaffPrincipal
) -> ComplaintRead:
    """Publishes ``intake.complaint.false_materials_found`` (a credit input)."""
    command = c.RecordFalseMaterials(
        complaint_id=complaint_id, party_id=body.party_id, finding=body.finding, actor=acting(principal)
    )
    return await _simple(container, command, complaint_id)


@router.post(
    "/{complaint_id}/evidence",
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="Upload evidence",
)
async def upload_evidence(
    complaint_id: uuid.UUID,
    container: Container,
    principal: StaffPrincipal,
    response: Response,
    file: Annotated[UploadFile, File(description="The evidence file")],
    notarisation_ref: Annotated[str | None, Form(max_length=200)] = None,
    source: Annotated[str | None, Form(max_length=200)] = None,
    description: Annotated[str | None, Form(max_length=2000)] = None,
) -> EvidenceRead:
    """Stored with its SHA-256, size and media type; size and type limits are settings.

    A refused or failed upload leaves no row and no file behind.
    """
    evidence_id = uuid.uuid4()
    files = container.evidence_files
    staged = await files.stage(file.file, complaint_id, evidence_id)
    command = c.AttachEvidence(
        complaint_id=complaint_id,
        evidence_id=evidence_id,
        file_name=file.filename or "evidence",
        media_type=_media_type(file),
        size_bytes=staged.size_bytes,
        sha256=staged.sha256,
        storage_key=staged.storage_key,
        source=source,
        notarisation_ref=notarisation_ref,
        description=description,
        actor=acting(principal),
    )
    try:
        await container.bus.handle(command)
    except BaseException:
        files.discard(staged)
        raise
    response.headers["Location"] = f"/v1/complaints/{complaint_id}/evidence/{evidence_id}"
    item, _ = await container.views.complaints.evidence_file(complaint_id, evidence_id)
    return item


def _media_type(file: UploadFile) -> str:
    declared = (file.content_type or "").split(";")[0].strip().lower()
    if declared and declared != "application/octet-stream":
        return declared
    guessed, _ = mimetypes.guess_type(file.filename or "")
    return guessed or declared or "application/octet-stream"


@router.get("/{complaint_id}/evidence", responses=ERRORS, summary="List evidence")
async def list_evidence(complaint_id: uuid.UUID, container: Container, _: StaffPrincipal) -> EvidenceList:
    return await container.views.complaints.evidence(complaint_id)


@router.get("/{complaint_id}/evidence/{evidence_id}/content", responses=ERRORS, summary="Download evidence")
async def download_evidence(
    complaint_id: uuid.UUID, evidence_id: uuid.UUID, container: Container, _: StaffPrincipal
) -> FileResponse:
    item, storage_key = await container.views.complaints.evidence_file(complaint_id, evidence_id)
    return FileResponse(
        container.evidence_files.path_of(storage_key),
        media_type=item.media_type,
        filename=item.file_name,
        headers={"Digest": f"sha-256={item.sha256}"},
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
    principal: StaffPrincipal,
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
        idempotency_key=idempotency_key(idempotency, principal, route, body),
    )
    notice = await container.bus.handle(command)
    response.headers["Location"] = f"/v1/ecommerce-notices/{notice.id}"
    return await container.views.workflows.notice(notice.id)
