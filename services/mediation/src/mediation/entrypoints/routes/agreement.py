"""The agreement: drafting, signatures, the document, performance and enforcement; the damages calculator."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status

from mediation.domain import commands as c
from mediation.domain.damages import DamagesInputError, compute_damages
from mediation.domain.errors import EnforcementNotFound, invalid
from mediation.entrypoints.dependencies import Container, Principal, actor, allow
from mediation.entrypoints.schemas.damages import DamagesIn, DamagesOut
from mediation.entrypoints.schemas.requests import (
    AgreementIn,
    EnforcementIn,
    PaymentIn,
    PerformanceIn,
    SignatureIn,
)
from mediation.views.case_models import AgreementRead, CaseRead, EnforcementOut
from shared.files import DOWNLOAD_HEADERS, content_disposition
from shared.web.audit import record_read
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["agreements"])
CHANGE = problem_responses(401, 403, 404, 409, 422)


@router.put("/agreement", responses=CHANGE, summary="Draft (or redraft) the agreement")
async def draft_agreement(
    case_id: uuid.UUID,
    body: AgreementIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("agreement.draft"))],
) -> AgreementRead:
    """A new version; earlier signatures lapse. The response says whether a court may confirm it, and why."""
    command = c.DraftAgreement(case_id=case_id, content=body.to_content(), actor=actor(who), principal=who)
    await container.bus.handle(command)
    return await container.views.agreement(case_id, who, check=False)


@router.get("/agreement", responses=problem_responses(401, 403, 404, 409), summary="The current agreement")
async def get_agreement(
    case_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("agreement.read"))],
) -> AgreementRead:
    agreement = await container.views.agreement(case_id, who)
    await record_read(
        request, "mediation.agreement.read", object_type="mediation_case", object_id=str(case_id)
    )
    return agreement


@router.post(
    "/agreement/signatures",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="Record a signature; the last one makes the agreement effective",
)
async def sign(
    case_id: uuid.UUID,
    body: SignatureIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("agreement.sign"))],
) -> AgreementRead:
    """A signature cannot be dated in the future, nor before the case was opened or its mediation began."""
    command = c.SignAgreement(
        case_id=case_id,
        party_id=body.party_id,
        manner=body.manner,
        signed_at=body.signed_at,
        actor=actor(who),
        principal=who,
    )
    await container.bus.handle(command)
    return await container.views.agreement(case_id, who, check=False)


@router.get(
    "/agreement/document.html",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}}, **problem_responses(401, 403, 404, 409)},
    summary="The agreement document (HTML)",
)
async def agreement_html(
    case_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("agreement.document"))],
) -> Response:
    html = await container.views.agreement_html(case_id, who)
    await record_read(
        request, "mediation.agreement.document", object_type="mediation_case", object_id=str(case_id)
    )
    return _document(html.encode(), "text/html; charset=utf-8", "调解协议书.html")


@router.get(
    "/agreement/document.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **problem_responses(401, 403, 404, 409)},
    summary="The agreement document (PDF)",
)
async def agreement_pdf(
    case_id: uuid.UUID,
    request: Request,
    container: Container,
    who: Annotated[Principal, Depends(allow("agreement.document"))],
) -> Response:
    pdf = await container.views.agreement_pdf(case_id, who)
    await record_read(
        request, "mediation.agreement.document", object_type="mediation_case", object_id=str(case_id)
    )
    return _document(pdf, "application/pdf", "调解协议书.pdf")


def _document(content: bytes, media_type: str, file_name: str) -> Response:
    """A generated document, served inline with the download headers (nosniff, a CSP that runs nothing)."""
    headers = dict(DOWNLOAD_HEADERS)
    headers["Content-Disposition"] = content_disposition(file_name, inline=True)
    return Response(content, media_type=media_type, headers=headers)


@router.post(
    "/agreement/instalments/{number}/payment", responses=CHANGE, summary="Record that an instalment was paid"
)
async def record_payment(
    case_id: uuid.UUID,
    number: int,
    body: PaymentIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("performance.record_payment"))],
) -> CaseRead:
    """The payment day cannot be in the future nor before the agreement took effect."""
    command = c.RecordPayment(
        case_id=case_id,
        number=number,
        paid_on=body.paid_on,
        amount=body.amount,
        actor=actor(who),
        principal=who,
    )
    await container.bus.handle(command)
    return await container.views.case(case_id, who, check=False)


@router.post(
    "/agreement/performance", responses=CHANGE, summary="Record that the agreement was fully performed"
)
async def record_performance(
    case_id: uuid.UUID,
    body: PerformanceIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("performance.record"))],
) -> CaseRead:
    command = c.RecordPerformance(
        case_id=case_id, performed_on=body.performed_on, actor=actor(who), principal=who
    )
    await container.bus.handle(command)
    return await container.views.case(case_id, who, check=False)


@router.post(
    "/enforcement-applications",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="Apply for enforcement of the court-confirmed agreement (CPL art. 206)",
)
async def apply_for_enforcement(
    case_id: uuid.UUID,
    body: EnforcementIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("enforcement.apply"))],
    response: Response,
) -> EnforcementOut:
    """Filed for the party owed performance; published to the court as ``mediation.enforcement.applied``.
    Answers with the application (and its ``Location``); the case shows it as ``enforcement``."""
    command = c.ApplyForEnforcement(
        case_id=case_id,
        applicant_id=body.applicant_id,
        court_code=body.court_code,
        breached_obligation=body.breached_obligation,
        actor=actor(who),
        principal=who,
    )
    await container.bus.handle(command)
    enforcement = _enforcement(await container.views.case(case_id, who, check=False), None)
    response.headers["Location"] = f"/v1/cases/{case_id}/enforcement-applications/{enforcement.id}"
    return enforcement


@router.get(
    "/enforcement-applications/{application_id}",
    responses=problem_responses(401, 403, 404),
    summary="The case's application for enforcement",
)
async def get_enforcement_application(
    case_id: uuid.UUID,
    application_id: uuid.UUID,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.read"))],
) -> EnforcementOut:
    return _enforcement(await container.views.case(case_id, who), application_id)


def _enforcement(case: CaseRead, application_id: uuid.UUID | None) -> EnforcementOut:
    found = case.enforcement
    if found is None or application_id not in (None, found.id):
        raise EnforcementNotFound("No such enforcement application in this case", "本案没有该强制执行申请")
    return found


@router.post(
    "/damages-calculation",
    responses=CHANGE,
    summary="Compute damages as a court would (§A.13), every step explained, for the mediation",
)
async def damages_calculation(
    case_id: uuid.UUID,
    body: DamagesIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("damages.calculate"))],
) -> DamagesOut:
    """Pure computation (nothing is stored): base from the loss or gains, else a licence-fee multiple,
    else statutory damages within the law's range; punitive 1-5x for wilful serious infringement;
    reasonable costs added; nothing for a lawful-source seller. Only on a case the caller may work on."""
    await container.views.case(case_id, who)
    try:
        result = compute_damages(body.to_input(), punitive_additive=container.rules.punitive_additive)
    except DamagesInputError as exc:
        raise invalid(exc.field, "invalid_amount", exc.message, exc.message_zh) from exc
    return DamagesOut.of(result)
