"""Customs routes: port offices without Kafka post their messages; centre staff follow and decide.

A customs client (kind ``customs``) acts for the port in its token's ``partner_code``; every step it
posts is the same command the partners gateway will forward from a signed customs message.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Response, UploadFile
from pydantic import ValidationError

from intake.domain.customs import commands as cc
from intake.domain.customs.access import port_of
from intake.domain.customs.detention import CUSTOMS
from intake.entrypoints.dependencies import Container, acting, allow
from intake.entrypoints.schemas.customs import (
    ChangeIn,
    ChangeReportedIn,
    DetentionIn,
    HolderDecisionIn,
    ImportReport,
    ImportRowError,
    LapseIn,
    LinkIn,
    RecordationIn,
    RenewalIn,
    StepBase,
    StepIn,
    step_command,
)
from intake.views.customs import (
    CustomsTasks,
    DetentionRead,
    DetentionTimeline,
    RecordationRead,
    detention_read,
    recordation_read,
)
from shared.domain.actors import Actor
from shared.errors import UnsupportedMediaType, ValidationFailed
from shared.identity.principals import Principal, PrincipalKind
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/customs", tags=["customs"])
ERRORS = problem_responses(401, 403, 404, 409, 422)
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_ROWS = 10_000


def customs_actor(principal: Principal) -> Actor:
    """A customs client as the actor of a step; a person (staff, admin) as themselves."""
    if principal.kind is PrincipalKind.CUSTOMS:
        return Actor(CUSTOMS, principal.partner_code or principal.subject)
    return acting(principal)


@router.post("/detentions", status_code=201, responses=ERRORS, summary="Customs notifies suspect goods")
async def notify_detention(
    body: DetentionIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.detention.notify"))],
    response: Response,
) -> DetentionRead:
    """``customs.detention_notified`` (ex officio, art. 16) or the holder's application (art. 13).

    Repeating the port's ``customs_ref`` returns the case it opened.
    """
    command = body.to_command(port_of(principal), customs_actor(principal), container.clock(), principal)
    case = await container.bus.handle(command)
    response.headers["Location"] = f"/v1/customs/detentions/{case.id}"
    return detention_read(case, principal)


@router.post(
    "/detentions/by-ref/{customs_ref}/steps",
    responses=ERRORS,
    summary="Customs records a step of its detention",
)
async def record_customs_step(
    customs_ref: str,
    body: StepIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.detention.step"))],
) -> DetentionRead:
    """detained, rejected, investigation_started, infringement_determined, unable_to_determine,
    court_notice, released (art. 24 ground), confiscated, disposed (art. 27), referred_police."""
    base = StepBase(
        port_code=port_of(principal),
        customs_ref=customs_ref[:200],
        at=container.clock(),
        actor=customs_actor(principal),
        principal=principal,
    )
    case = await container.bus.handle(step_command(body, base))
    return detention_read(case, principal)


@router.get("/detentions/{detention_id}", responses=ERRORS, summary="A detention case with its clocks")
async def get_detention(
    detention_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.detention.read"))],
) -> DetentionRead:
    return await container.views.customs.detention(detention_id, principal)


@router.get("/detentions/{detention_id}/timeline", responses=ERRORS, summary="Every customs step, explained")
async def detention_timeline(
    detention_id: uuid.UUID,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.detention.timeline"))],
) -> DetentionTimeline:
    return await container.views.customs.timeline(detention_id, principal)


@router.post(
    "/detentions/{detention_id}/holder-decision", responses=ERRORS, summary="Record the holder's decision"
)
async def decide_for_holder(
    detention_id: uuid.UUID,
    body: HolderDecisionIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.detention.decide"))],
) -> DetentionRead:
    """Apply for detention with a guarantee, or let the goods go (art. 16): the centre's task is done."""
    command = cc.DecideForHolder(
        detention_id=detention_id,
        decision=body.decision,
        guarantee=body.guarantee.value() if body.guarantee else None,
        actor=acting(principal),
        principal=principal,
    )
    case = await container.bus.handle(command)
    return detention_read(case, principal)


@router.post(
    "/detentions/{detention_id}/links",
    responses=ERRORS,
    summary="Link the complaint whose case is the detention's court route",
)
async def link_complaint(
    detention_id: uuid.UUID,
    body: LinkIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.detention.decide"))],
) -> DetentionRead:
    """The complaint must claim the detained goods' right; the answer shows its case's current state.

    Linking the same complaint again changes nothing.
    """
    command = cc.LinkComplaint(
        detention_id=detention_id,
        complaint_id=body.complaint_id,
        actor=acting(principal),
        principal=principal,
    )
    await container.bus.handle(command)
    return await container.views.customs.detention(detention_id, principal)


@router.get("/tasks", responses=ERRORS, summary="The centre's open customs tasks (holder decisions)")
async def customs_tasks(
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.task.read"))],
) -> CustomsTasks:
    return await container.views.customs.tasks(principal, container.clock())


@router.post("/recordations", status_code=201, responses=ERRORS, summary="A recordation approved by GACC")
async def record_approved(
    body: RecordationIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.save"))],
) -> RecordationRead:
    record = await container.bus.handle(body.to_command(customs_actor(principal), container.clock()))
    return recordation_read(record)


@router.get("/recordations/{record_no}", responses=ERRORS, summary="A recordation")
async def get_recordation(
    record_no: str,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.read"))],
) -> RecordationRead:
    return await container.views.customs.recordation(record_no[:200])


@router.post("/recordations/{record_no}/renewal", responses=ERRORS, summary="The recordation was renewed")
async def record_renewed(
    record_no: str,
    body: RenewalIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.save"))],
) -> RecordationRead:
    command = cc.RecordRenewed(
        record_no=record_no[:200],
        renewed_on=body.renewed_on,
        at=container.clock(),
        actor=customs_actor(principal),
    )
    return recordation_read(await container.bus.handle(command))


@router.post("/recordations/{record_no}/lapse", responses=ERRORS, summary="The recordation lapsed")
async def record_lapsed(
    record_no: str,
    body: LapseIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.save"))],
) -> RecordationRead:
    command = cc.RecordLapsed(
        record_no=record_no[:200],
        reason=body.reason,
        note=body.note or "",
        at=container.clock(),
        actor=customs_actor(principal),
    )
    return recordation_read(await container.bus.handle(command))


@router.post(
    "/recordations/{record_no}/changes", responses=ERRORS, summary="The recorded particulars changed"
)
async def record_changed(
    record_no: str,
    body: ChangeIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.save"))],
) -> RecordationRead:
    """Starts the holder's 30-WD duty to report the change to GACC (art. 11), with its timer."""
    command = cc.RecordChanged(
        record_no=record_no[:200],
        what=body.what,
        changed_on=body.changed_on,
        at=container.clock(),
        actor=customs_actor(principal),
    )
    return recordation_read(await container.bus.handle(command))


@router.post(
    "/recordations/{record_no}/changes/reported", responses=ERRORS, summary="The change was reported to GACC"
)
async def record_change_reported(
    record_no: str,
    body: ChangeReportedIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.save"))],
) -> RecordationRead:
    command = cc.RecordChangeReported(
        record_no=record_no[:200],
        reported_on=body.reported_on,
        holder_name=body.holder_name,
        holder_credit_code=body.holder_credit_code,
        at=container.clock(),
        actor=customs_actor(principal),
    )
    return recordation_read(await container.bus.handle(command))


@router.post("/recordations/imports", responses=ERRORS, summary="Bulk import of GACC recordations (CSV/JSON)")
async def import_recordations(
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.import"))],
    file: Annotated[UploadFile, File(description="CSV with a header row, or a JSON list of recordations")],
) -> ImportReport:
    """Good rows are imported in one transaction, bad rows reported row by row (at most 10,000 rows).

    CSV columns: ``record_no, ip_type, ip_reg_no, holder_name, holder_credit_code, approved_on,
    expires_on, licensees, known_infringers`` (lists as ``name|credit_code|kind;…``). JSON: a list
    of objects shaped like ``POST /v1/customs/recordations``. A row already recorded is left as it is.
    """
    file_format = _format_of(file)
    raw = await file.read(IMPORT_MAX_BYTES + 1)
    if len(raw) > IMPORT_MAX_BYTES:
        raise ValidationFailed(
            f"The file exceeds {IMPORT_MAX_BYTES} bytes", f"文件超过 {IMPORT_MAX_BYTES} 字节"
        )
    if b"\x00" in raw:  # binary content; the rest is checked by decoding and parsing it as text
        raise ValidationFailed("The file is not CSV or JSON text", "文件不是 CSV 或 JSON 文本")
    rows = _parse(raw, file_format)
    actor, now = customs_actor(principal), container.clock()
    good: list[cc.RecordApproved] = []
    errors: list[ImportRowError] = []
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        try:
            parsed = RecordationIn.model_validate(row)
        except ValidationError as invalid:
            messages = [f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in invalid.errors()]
            errors.append(ImportRowError(row=number, record_no=_text(row.get("record_no")), errors=messages))
            continue
        if parsed.record_no in seen:
            errors.append(
                ImportRowError(row=number, record_no=parsed.record_no, errors=["duplicate in file"])
            )
            continue
        seen.add(parsed.record_no)
        good.append(parsed.to_command(actor, now))
    imported = await container.bus.handle(cc.ImportRecordations(rows=tuple(good)))
    return ImportReport(
        rows=len(rows), imported=imported, already_present=len(good) - imported, errors=errors
    )


def _format_of(file: UploadFile) -> str:
    name, media = (file.filename or "").lower(), (file.content_type or "").lower()
    if name.endswith(".csv") or "csv" in media:
        return "csv"
    if name.endswith(".json") or "json" in media:
        return "json"
    raise UnsupportedMediaType("Upload a .csv or .json file", "请上传 .csv 或 .json 文件")


def _parse(raw: bytes, file_format: str) -> list[dict[str, Any]]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationFailed("The file is not UTF-8", "文件不是 UTF-8 编码") from None
    if file_format == "json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise ValidationFailed("The file is not valid JSON", "文件不是有效的 JSON") from None
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise ValidationFailed("Send a JSON list of objects", "应为 JSON 对象列表")
        rows: list[dict[str, Any]] = data
    else:
        rows = [_csv_row(r) for r in csv.DictReader(io.StringIO(text))]
    if len(rows) > IMPORT_MAX_ROWS:
        raise ValidationFailed(
            f"At most {IMPORT_MAX_ROWS} rows per file", f"每个文件最多 {IMPORT_MAX_ROWS} 行"
        )
    return rows


def _csv_row(row: dict[str | Any, str | Any]) -> dict[str, Any]:
    out: dict[str, Any] = {k: (v or None) for k, v in row.items() if isinstance(k, str) and k}
    for key, fields in (
        ("licensees", ("name", "credit_code", "kind")),
        ("known_infringers", ("name", "credit_code")),
    ):
        items = [part.split("|") for part in (out.get(key) or "").split(";") if part.strip()]
        out[key] = [{f: v for f, v in zip(fields, item, strict=False) if v} for item in items]
    return out


def _text(value: object) -> str | None:
    return value[:200] if isinstance(value, str) else None
