"""Judicial confirmation from the parties' side: competence, filing, resuming, objections."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from mediation.domain import commands as c
from mediation.domain.errors import ObjectionNotFound, RulingReceiptNotFound
from mediation.entrypoints.dependencies import Container, Principal, actor, allow
from mediation.entrypoints.schemas.requests import (
    ConfirmationApplicationIn,
    ObjectionDecisionIn,
    ObjectionIn,
    RulingReceiptIn,
)
from mediation.views.case_models import (
    ApplicationRead,
    CaseRead,
    CompetenceRead,
    ObjectionOut,
    RulingReceiptOut,
)
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["judicial confirmation"])
CHANGE = problem_responses(401, 403, 404, 409, 422)


@router.get(
    "/competent-courts",
    responses=problem_responses(401, 403, 404, 422),
    summary="Which courts may confirm the agreement, and why (CPL art. 205)",
)
async def competent_courts(
    case_id: uuid.UUID,
    container: Container,
    who: Annotated[Principal, Depends(allow("confirmation.competence"))],
    subject_matter_region: Annotated[
        str | None, Query(pattern=r"^\d{2,6}$", description="Division code where the subject matter is")
    ] = None,
) -> CompetenceRead:
    return await container.views.competence(case_id, who, subject_matter_region)


@router.post(
    "/confirmation-applications",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="File the parties' joint application for judicial confirmation",
)
async def file_confirmation(
    case_id: uuid.UUID,
    body: ConfirmationApplicationIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("confirmation.file"))],
    response: Response,
) -> ApplicationRead:
    """Refused with the reasons if the content cannot be confirmed (Interp. art. 355), if a party is
    missing (CPL art. 205), if the court is not competent, or after the 30-day window. The parties'
    signatures cannot be dated before the agreement took effect."""
    application_id = await container.bus.handle(body.to_command(case_id, actor(who), who))
    response.headers["Location"] = f"/v1/confirmation-applications/{application_id}"
    return await container.views.application(application_id, who, check=False)


@router.post(
    "/resumption",
    responses=CHANGE,
    summary="Mediate again after the court rejected confirmation (CPL art. 206)",
)
async def resume(
    case_id: uuid.UUID, container: Container, who: Annotated[Principal, Depends(allow("case.resume"))]
) -> CaseRead:
    await container.bus.handle(c.ResumeMediation(case_id=case_id, actor=actor(who), principal=who))
    return await container.views.case(case_id, who, check=False)


@router.post(
    "/ruling-receipts",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="A party received the confirmation ruling: its 15-day objection window starts (Interp. art. 372)",
)
async def record_ruling_receipt(
    case_id: uuid.UUID,
    body: RulingReceiptIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("ruling_receipt.record"))],
    response: Response,
) -> RulingReceiptOut:
    """Recorded by the court that ruled, or by staff or a clerk of the case's office; one receipt per
    party. Answers with the receipt (and its ``Location``) and the last day of the party's objection
    window; the case shows that window as deadline ``objection_party.{party_id}``."""
    command = c.RecordRulingReceipt(
        case_id=case_id, party_id=body.party_id, received_on=body.received_on, actor=actor(who), principal=who
    )
    await container.bus.handle(command)
    response.headers["Location"] = f"/v1/cases/{case_id}/ruling-receipts/{body.party_id}"
    return _receipt(await container.views.case(case_id, who, check=False), body.party_id)


@router.get(
    "/ruling-receipts/{party_id}",
    responses=problem_responses(401, 403, 404),
    summary="When one party received the confirmation ruling",
)
async def get_ruling_receipt(
    case_id: uuid.UUID,
    party_id: uuid.UUID,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.read"))],
) -> RulingReceiptOut:
    return _receipt(await container.views.case(case_id, who), party_id)


def _receipt(case: CaseRead, party_id: uuid.UUID) -> RulingReceiptOut:
    found = RulingReceiptOut.of(case, party_id)
    if found is None:
        raise RulingReceiptNotFound(
            f"No receipt of the ruling recorded for party {party_id}", "未登记该当事人收到裁定"
        )
    return found


@router.post(
    "/objections",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="Record an objection to the confirmation ruling (Interp. art. 372)",
)
async def lodge_objection(
    case_id: uuid.UUID,
    body: ObjectionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("objection.lodge"))],
    response: Response,
) -> ObjectionOut:
    """Recorded by the court that ruled, or by staff or a clerk of the case's office. It cannot be
    dated before the ruling. Answers with the objection (and its ``Location``); the case shows it too."""
    command = c.LodgeObjection(
        case_id=case_id,
        by_third_party=body.by_third_party,
        objector=body.objector,
        grounds=body.grounds,
        lodged_on=body.lodged_on,
        party_id=body.party_id,
        actor=actor(who),
        principal=who,
    )
    objection_id: uuid.UUID = await container.bus.handle(command)
    response.headers["Location"] = f"/v1/cases/{case_id}/objections/{objection_id}"
    return _objection(await container.views.case(case_id, who, check=False), objection_id)


@router.get("/objections/{objection_id}", responses=problem_responses(401, 403, 404), summary="One objection")
async def get_objection(
    case_id: uuid.UUID,
    objection_id: uuid.UUID,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.read"))],
) -> ObjectionOut:
    return _objection(await container.views.case(case_id, who), objection_id)


def _objection(case: CaseRead, objection_id: uuid.UUID) -> ObjectionOut:
    found = next((o for o in case.objections if o.id == objection_id), None)
    if found is None:
        raise ObjectionNotFound(f"No objection {objection_id} in this case", "本案没有该异议")
    return found


@router.post(
    "/objections/{objection_id}/decision", responses=CHANGE, summary="The court's decision on an objection"
)
async def decide_objection(
    case_id: uuid.UUID,
    objection_id: uuid.UUID,
    body: ObjectionDecisionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("objection.decide"))],
) -> CaseRead:
    """A court outcome: from the court that ruled, or a clerk citing its decision (``document_ref``)."""
    command = c.DecideObjection(
        case_id=case_id,
        objection_id=objection_id,
        upheld=body.upheld,
        decided_on=body.decided_on,
        actor=actor(who),
        principal=who,
        document_ref=body.document_ref,
    )
    await container.bus.handle(command)
    return await container.views.case(case_id, who, check=False)
