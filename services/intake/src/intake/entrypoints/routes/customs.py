"""Customs routes: port offices without Kafka post their messages; centre staff follow and decide.

A customs client (kind ``customs``) acts for the port in its token's ``partner_code``; every step it
posts is the same command the partners gateway will forward from a signed customs message.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, File, Path, Response, UploadFile

from intake.domain.customs import commands as cc
from intake.domain.customs.access import port_of
from intake.domain.customs.detention import CUSTOMS
from intake.entrypoints.dependencies import Container, acting, allow
from intake.entrypoints.recordation_files import approved_rows, read_recordation_rows
from intake.entrypoints.schemas.customs import (
    ChangeIn,
    ChangeReportedIn,
    DetentionIn,
    HolderDecisionIn,
    ImportReport,
    LapseIn,
    LinkIn,
    RecordationIn,
    RecordationUpdateIn,
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
from intake.views.shapes import SHORT_TEXT_MAX
from shared.domain.actors import Actor
from shared.identity.principals import Principal, PrincipalKind
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/customs", tags=["customs"])
ERRORS = problem_responses(401, 403, 404, 409, 422)
RecordNo = Annotated[
    str, Path(min_length=1, max_length=SHORT_TEXT_MAX, description="GACC recordation number")
]
CustomsRef = Annotated[
    str, Path(min_length=1, max_length=SHORT_TEXT_MAX, description="The port's own reference")
]


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
    customs_ref: CustomsRef,
    body: StepIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.detention.step"))],
) -> DetentionRead:
    """detained, rejected, investigation_started, infringement_determined, unable_to_determine,
    court_notice, released (art. 24 ground), confiscated, disposed (art. 27), referred_police."""
    base = StepBase(
        port_code=port_of(principal),
        customs_ref=customs_ref,
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
    record_no: RecordNo,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.read"))],
) -> RecordationRead:
    return await container.views.customs.recordation(record_no)


@router.post("/recordations/{record_no}/renewal", responses=ERRORS, summary="The recordation was renewed")
async def record_renewed(
    record_no: RecordNo,
    body: RenewalIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.save"))],
) -> RecordationRead:
    return await _updated(container, principal, record_no, body)


@router.post("/recordations/{record_no}/lapse", responses=ERRORS, summary="The recordation lapsed")
async def record_lapsed(
    record_no: RecordNo,
    body: LapseIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.save"))],
) -> RecordationRead:
    return await _updated(container, principal, record_no, body)


@router.post(
    "/recordations/{record_no}/changes", responses=ERRORS, summary="The recorded particulars changed"
)
async def record_changed(
    record_no: RecordNo,
    body: ChangeIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.save"))],
) -> RecordationRead:
    """Starts the holder's 30-WD duty to report the change to GACC (art. 11), with its timer."""
    return await _updated(container, principal, record_no, body)


@router.post(
    "/recordations/{record_no}/changes/reported", responses=ERRORS, summary="The change was reported to GACC"
)
async def record_change_reported(
    record_no: RecordNo,
    body: ChangeReportedIn,
    container: Container,
    principal: Annotated[Principal, Depends(allow("customs.recordation.save"))],
) -> RecordationRead:
    return await _updated(container, principal, record_no, body)


async def _updated(
    container: Container, principal: Principal, record_no: str, body: RecordationUpdateIn
) -> RecordationRead:
    command = body.to_command(record_no, customs_actor(principal), container.clock())
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
    rows = await read_recordation_rows(file)
    good, errors = approved_rows(rows, customs_actor(principal), container.clock())
    imported = await container.bus.handle(cc.ImportRecordations(rows=tuple(good)))
    return ImportReport(
        rows=len(rows), imported=imported, already_present=len(good) - imported, errors=errors
    )
