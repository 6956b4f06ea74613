"""Bulk complaint import routes: upload a file, watch the job, download the refused rows."""

from __future__ import annotations

import asyncio
import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Response, UploadFile, status
from fastapi.responses import StreamingResponse

from intake.domain import commands as c
from intake.domain.complaint_imports import ImportFormat
from intake.domain.errors import ImportRejected
from intake.entrypoints.dependencies import Container, IdempotencyHeader, acting, allow, idempotency_key
from intake.entrypoints.routes.registry import save_upload
from intake.views.complaint_imports import ComplaintImportRead
from shared.errors import FieldError
from shared.files import HEAD_BYTES, IMPORT_TYPES, FileRejected, check_content, safe_filename
from shared.identity.principals import Principal
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/complaint-imports", tags=["complaint imports"])
ERRORS = problem_responses(401, 403, 404, 409, 413, 422)
SUFFIXES = {".csv": ImportFormat.CSV, ".jsonl": ImportFormat.JSONL, ".ndjson": ImportFormat.JSONL}


@router.post("", status_code=status.HTTP_202_ACCEPTED, responses=ERRORS, summary="Import complaints in bulk")
async def start_complaint_import(
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint_import.start"))],
    response: Response,
    file: Annotated[UploadFile, File(description="CSV, JSONL, or an e-commerce platform batch (.json)")],
    idempotency: IdempotencyHeader = None,
) -> ComplaintImportRead:
    """Queue the file; the worker registers its rows in your office, as you, by the API's rules.

    CSV: a header row naming fields of the registration body, nested ones by dotted path
    (``complainant.name``, ``respondents.0.name``). JSONL: one registration body per line. A
    platform batch: ``{"platform", "batch_id", "complaints": [body, ...]}``. Rows imported before
    are skipped; refused rows are reported at ``GET …/{id}/errors``. Poll the job for progress.
    """
    if principal.office_code is None:
        en, zh = "Only staff of an office import complaints", "仅所属机构的工作人员可导入投诉"
        raise ImportRejected(en, zh, field_errors=[FieldError("file", "no_office", en, zh)])
    file_format = _format_of(file)
    await _check_content(file, file_format)
    job_id = uuid.uuid4()
    storage_key = f"complaints-{job_id}.{file_format.value}"
    settings = container.settings
    target = settings.import_dir / storage_key
    size = await asyncio.to_thread(save_upload, file.file, target, settings.import_max_bytes)
    actor = acting(principal)
    command = c.StartComplaintImport(
        job_id=job_id,
        file_name=safe_filename(file.filename or "", fallback=storage_key),
        file_format=file_format,
        storage_key=storage_key,
        actor=actor,
        office_code=principal.office_code,
        importer={
            "subject": principal.subject,
            "kind": principal.kind.value,
            "roles": sorted(role.value for role in principal.roles),
            "office_code": principal.office_code,
            "partner_code": principal.partner_code,
        },
        idempotency_key=idempotency_key(
            idempotency, principal, "POST /v1/complaint-imports", {"file": file.filename, "size": size}
        ),
    )
    try:
        queued = uuid.UUID(await container.bus.handle(command))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if queued != job_id:  # an Idempotency-Key replay: the first upload's file is the one imported
        target.unlink(missing_ok=True)
    response.headers["Location"] = f"/v1/complaint-imports/{queued}"
    return await container.views.complaint_imports.job(queued, principal)


@router.get("/{job_id}", responses=ERRORS, summary="Progress of a complaint import")
async def get_complaint_import(
    job_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint_import.read"))],
) -> ComplaintImportRead:
    """Counters, percent done, rate and estimated time left."""
    return await container.views.complaint_imports.job(job_id, principal)


@router.get(
    "/{job_id}/errors",
    responses={**ERRORS, 200: {"content": {"text/csv": {}}}},
    response_class=StreamingResponse,
    summary="Per-row error report of a complaint import (CSV)",
)
async def get_complaint_import_errors(
    job_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(allow("complaint_import.errors"))],
) -> StreamingResponse:
    lines = await container.views.complaint_imports.error_report(job_id, principal)
    return StreamingResponse(
        lines,
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="complaint-import-{job_id}-errors.csv"',
            "X-Content-Type-Options": "nosniff",
        },
    )


def _format_of(file: UploadFile) -> ImportFormat:
    name = (file.filename or "").lower()
    for suffix, found in SUFFIXES.items():
        if name.endswith(suffix):
            return found
    if name.endswith(".json"):
        return ImportFormat.PLATFORM_BATCH
    en, zh = (
        "Upload a .csv, .jsonl or .json (platform batch) file",
        "请上传 .csv、.jsonl 或 .json（平台批量）文件",
    )
    raise ImportRejected(en, zh, field_errors=[FieldError("file", "format", en, zh)])


async def _check_content(file: UploadFile, file_format: ImportFormat) -> None:
    """The content must really be UTF-8 text (magic bytes): no executable, archive or page."""
    head = await file.read(HEAD_BYTES)
    await file.seek(0)
    declared = "text/csv" if file_format is ImportFormat.CSV else "application/json"
    try:
        check_content(declared, head, IMPORT_TYPES)
    except FileRejected as refused:
        en, zh = f"The file is refused: {refused}", "文件被拒绝：内容不是 UTF-8 编码的 CSV 或 JSON 文本"
        raise ImportRejected(en, zh, field_errors=[FieldError("file", "media_type", en, zh)]) from None
