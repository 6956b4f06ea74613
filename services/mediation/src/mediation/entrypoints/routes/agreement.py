"""The agreement: drafting, signatures, the document, performance and enforcement."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from mediation.domain import commands as c
from mediation.entrypoints.dependencies import CaseReader, CaseWorker, Container, actor
from mediation.entrypoints.schemas.requests import (
    AgreementIn,
    EnforcementIn,
    PaymentIn,
    PerformanceIn,
    SignatureIn,
)
from mediation.views.case_models import AgreementRead, CaseRead
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["agreements"])
CHANGE = problem_responses(401, 403, 404, 409, 422)


@router.put("/agreement", responses=CHANGE, summary="Draft (or redraft) the agreement")
async def draft_agreement(
    case_id: uuid.UUID, body: AgreementIn, container: Container, who: CaseWorker
) -> AgreementRead:
    """A new version; earlier signatures lapse. The response says whether a court may confirm it, and why."""
    await container.bus.handle(c.DraftAgreement(case_id=case_id, content=body.to_content(), actor=actor(who)))
    return await container.views.agreement(case_id)


@router.get("/agreement", responses=problem_responses(401, 403, 404, 409), summary="The current agreement")
async def get_agreement(case_id: uuid.UUID, container: Container, _: CaseReader) -> AgreementRead:
    return await container.views.agreement(case_id)


@router.post(
    "/agreement/signatures",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="Record a signature; the last one makes the agreement effective",
)
async def sign(case_id: uuid.UUID, body: SignatureIn, container: Container, who: CaseWorker) -> AgreementRead:
    command = c.SignAgreement(
        case_id=case_id,
        party_id=body.party_id,
        manner=body.manner,
        signed_at=body.signed_at,
        actor=actor(who),
    )
    await container.bus.handle(command)
    return await container.views.agreement(case_id)


@router.get(
    "/agreement/document.html",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}}, **problem_responses(401, 403, 404, 409)},
    summary="The agreement document (HTML)",
)
async def agreement_html(case_id: uuid.UUID, container: Container, _: CaseReader) -> Response:
    return Response(await container.views.agreement_html(case_id), media_type="text/html; charset=utf-8")


@router.get(
    "/agreement/document.pdf",
    response_class=Response,
    responses={200: {"content": {"application/pdf": {}}}, **problem_responses(401, 403, 404, 409)},
    summary="The agreement document (PDF)",
)
async def agreement_pdf(case_id: uuid.UUID, container: Container, _: CaseReader) -> Response:
    return Response(await container.views.agreement_pdf(case_id), media_type="application/pdf")


@router.post(
    "/agreement/instalments/{number}/payment", responses=CHANGE, summary="Record that an instalment was paid"
)
async def record_payment(
    case_id: uuid.UUID, number: int, body: PaymentIn, container: Container, who: CaseWorker
) -> CaseRead:
    command = c.RecordPayment(
        case_id=case_id, number=number, paid_on=body.paid_on, amount=body.amount, actor=actor(who)
    )
    await container.bus.handle(command)
    return await container.views.case(case_id)


@router.post(
    "/agreement/performance", responses=CHANGE, summary="Record that the agreement was fully performed"
)
async def record_performance(
    case_id: uuid.UUID, body: PerformanceIn, container: Container, who: CaseWorker
) -> CaseRead:
    await container.bus.handle(
        c.RecordPerformance(case_id=case_id, performed_on=body.performed_on, actor=actor(who))
    )
    return await container.views.case(case_id)


@router.post(
    "/enforcement-applications",
    status_code=status.HTTP_201_CREATED,
    responses=CHANGE,
    summary="Apply for enforcement of the court-confirmed agreement (CPL art. 206)",
)
async def apply_for_enforcement(
    case_id: uuid.UUID, body: EnforcementIn, container: Container, who: CaseWorker
) -> CaseRead:
    """Filed for the party owed performance; published to the court as ``mediation.enforcement.applied``."""
    command = c.ApplyForEnforcement(
        case_id=case_id,
        applicant_id=body.applicant_id,
        court_code=body.court_code,
        breached_obligation=body.breached_obligation,
        actor=actor(who),
    )
    await container.bus.handle(command)
    return await container.views.case(case_id)
