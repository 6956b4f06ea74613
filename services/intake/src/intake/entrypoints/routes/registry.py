"""Rights registry routes: one right at a time, status changes, and bulk imports with a row report."""

from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Annotated, BinaryIO
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile, status

from intake.domain import commands as c
from intake.domain.errors import ImportRejected, InvalidRight
from intake.domain.rights import LicenceKind, Licensee, RegisteredRight, right_number_problem
from intake.entrypoints.dependencies import (
    Container,
    IdempotencyHeader,
    acting,
    allow,
    idempotency_key,
)
from intake.entrypoints.schemas.workflows import EvaluationReportIn, RightIn, StatusChangeIn
from intake.views.registry import EvaluationReportRead, ImportErrorPage, ImportJobRead, RightRead
from shared.errors import FieldError
from shared.files import HEAD_BYTES, IMPORT_TYPES, FileRejected, check_content, safe_filename
from shared.identity.principals import Principal
from shared.vocabulary import IpType
from shared.web.problems import problem_responses
from shared.web.types import Offset

router = APIRouter(prefix="/v1/rights", tags=["rights registry"])
ERRORS = problem_responses(401, 403, 404, 409, 422)
CHUNK = 1 << 20


# The import routes come first: ``/imports/{id}`` must not be read as ``/{ip_type}/{number}``.


@router.post(
    "/imports", status_code=status.HTTP_202_ACCEPTED, responses=ERRORS, summary="Bulk import (CSV/JSON)"
)
async def start_import(
    container: Container,
    principal: Annotated[Principal, Depends(allow("right.import"))],
    response: Response,
    file: Annotated[UploadFile, File(description="CSV with a header row, or a JSON list of rights")],
    idempotency: IdempotencyHeader = None,
) -> ImportJobRead:
    """Queue the file; the worker imports it in batches. Poll the job for progress and row errors.

    CSV columns: ``ip_type, number, holder_name, holder_credit_code, status, valid_until, title,
    licensees`` (licensees as ``name|credit_code|kind;...``). JSON: the same fields per object.
    """
    file_format = _format_of(file)
    await _check_content(file, file_format)
    job_id = uuid.uuid4()
    storage_key = f"{job_id}.{file_format}"
    settings = container.settings
    target = settings.import_dir / storage_key
    size = await asyncio.to_thread(save_upload, file.file, target, settings.import_max_bytes)
    command = c.StartRegistryImport(
        job_id=job_id,
        file_name=safe_filename(file.filename or "", fallback=storage_key),
        file_format=file_format,
        storage_key=storage_key,
        actor=acting(principal),
        idempotency_key=idempotency_key(
            idempotency, principal, "POST /v1/rights/imports", {"file": file.filename, "size": size}
        ),
    )
    try:
        queued = uuid.UUID(await container.bus.handle(command))
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    if queued != job_id:  # an Idempotency-Key replay: the first upload's file is the one imported
        target.unlink(missing_ok=True)
    response.headers["Location"] = f"/v1/rights/imports/{queued}"
    return await container.views.registry.job(queued)


@router.get("/imports/{job_id}", responses=ERRORS, summary="Progress of an import job")
async def get_import(
    job_id: uuid.UUID, container: Container, _: Annotated[Principal, Depends(allow("right.import_read"))]
) -> ImportJobRead:
    return await container.views.registry.job(job_id)


@router.get("/imports/{job_id}/errors", responses=ERRORS, summary="Per-row error report of an import job")
async def get_import_errors(
    job_id: uuid.UUID,
    container: Container,
    _: Annotated[Principal, Depends(allow("right.import_errors"))],
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Offset = 0,
) -> ImportErrorPage:
    return await container.views.registry.errors(job_id, limit=limit, offset=offset)


@router.put("/{ip_type}/{number}", responses=ERRORS, summary="Create or replace a right")
async def save_right(
    ip_type: IpType,
    number: str,
    body: RightIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("right.save"))],
) -> RightRead:
    right = RegisteredRight(
        ip_type=ip_type,
        number=_checked_number(ip_type, number),
        holder_name=body.holder_name,
        holder_credit_code=body.holder_credit_code,
        status=body.status,
        valid_until=body.valid_until,
        title=body.title,
        licensees=tuple(
            Licensee(name=x.name, credit_code=x.credit_code, kind=LicenceKind(x.kind)) for x in body.licensees
        ),
    )
    await container.bus.handle(c.SaveRight(right=right, actor=acting(principal)))
    return await container.views.registry.right(ip_type, number)


@router.get("/{ip_type}/{number}", responses=ERRORS, summary="Get a right")
async def get_right(
    ip_type: IpType, number: str, container: Container, _: Annotated[Principal, Depends(allow("right.read"))]
) -> RightRead:
    return await container.views.registry.right(ip_type, number)


@router.post("/{ip_type}/{number}/status", responses=ERRORS, summary="Change a right's status")
async def change_status(
    ip_type: IpType,
    number: str,
    body: StatusChangeIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("right.change_status"))],
) -> RightRead:
    """Publishes ``intake.ip_right.status_changed`` (customs and other services use it, §H.2)."""
    command = c.ChangeRightStatus(
        ip_type=ip_type,
        number=number,
        status=body.status,
        effective_date=body.effective_date,
        reason=body.reason,
        actor=acting(principal),
    )
    await container.bus.handle(command)
    return await container.views.registry.right(ip_type, number)


@router.post(
    "/{ip_type}/{number}/evaluation-reports",
    status_code=status.HTTP_201_CREATED,
    responses=ERRORS,
    summary="Record an evaluation report of a utility model or design",
)
async def record_evaluation_report(
    ip_type: IpType,
    number: str,
    body: EvaluationReportIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("right.record_evaluation_report"))],
    response: Response,
) -> EvaluationReportRead:
    """Publishes ``intake.ip_right.evaluation_reported``; every customs office gets the patent no. and
    the conclusion (§H.2 ``evaluation_report.issued``). A report number is recorded once per right."""
    command = c.RecordEvaluationReport(
        ip_type=ip_type,
        number=number,
        report_no=body.report_no,
        conclusion=body.conclusion,
        issued_on=body.issued_on,
        actor=acting(principal),
    )
    report = await container.bus.handle(command)
    response.headers["Location"] = (
        f"/v1/rights/{ip_type.value}/{quote(report.number, safe='')}"
        f"/evaluation-reports/{quote(report.report_no, safe='')}"
    )
    return await container.views.registry.evaluation_report(ip_type, report.number, report.report_no)


@router.get(
    "/{ip_type}/{number}/evaluation-reports/{report_no}",
    responses=ERRORS,
    summary="Get an evaluation report recorded for a right",
)
async def get_evaluation_report(
    ip_type: IpType,
    number: str,
    report_no: str,
    container: Container,
    _: Annotated[Principal, Depends(allow("right.read"))],
) -> EvaluationReportRead:
    return await container.views.registry.evaluation_report(ip_type, number, report_no)


def _format_of(file: UploadFile) -> str:
    name = (file.filename or "").lower()
    media = (file.content_type or "").lower()
    if name.endswith(".csv") or "csv" in media:
        return "csv"
    if name.endswith(".json") or "json" in media:
        return "json"
    en, zh = "Upload a .csv or .json file", "请上传 .csv 或 .json 文件"
    raise ImportRejected(en, zh, field_errors=[FieldError("file", "format", en, zh)])


async def _check_content(file: UploadFile, file_format: str) -> None:
    """The content must really be text of its format (magic bytes): no executable, archive or page."""
    head = await file.read(HEAD_BYTES)
    await file.seek(0)
    try:
        check_content("text/csv" if file_format == "csv" else "application/json", head, IMPORT_TYPES)
    except FileRejected as refused:
        en, zh = f"The file is refused: {refused}", "文件被拒绝：内容不是 UTF-8 编码的 CSV 或 JSON 文本"
        raise ImportRejected(en, zh, field_errors=[FieldError("file", "media_type", en, zh)]) from None


def _checked_number(ip_type: IpType, number: str) -> str:
    problem = right_number_problem(ip_type, number)
    if problem is not None:
        en, zh = f"{number}: {problem}", f"{number}：权利号格式或校验位错误"
        raise InvalidRight(en, zh, field_errors=[FieldError("path.number", "right_number_invalid", en, zh)])
    return number


def save_upload(source: BinaryIO, target: Path, limit: int) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    size = 0
    try:
        with target.open("wb") as out:
            while chunk := source.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    en, zh = f"The file exceeds {limit} bytes", f"文件超过 {limit} 字节"
                    raise ImportRejected(en, zh, field_errors=[FieldError("file", "too_large", en, zh)])
                out.write(chunk)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return size
