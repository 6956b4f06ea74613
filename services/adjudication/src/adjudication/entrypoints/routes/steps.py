"""Steps of acceptance, suspension, mediation, decision and enforcement (one command each)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Response

from adjudication.domain.approvals import Approval
from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.clock import PauseReason
from adjudication.domain.commands import interruptions as c
from adjudication.domain.errors import present
from adjudication.entrypoints.dependencies import Container, Principal, allow
from adjudication.entrypoints.routes.approvals import ApprovalRoutes, add_approval_routes, read_case
from adjudication.entrypoints.routes.running import CASE_STEP_ERRORS, for_principal, run_step
from adjudication.entrypoints.schemas.acceptance import (
    CorrectionIn,
    DocketIn,
    ProcedureIn,
    RefusalIn,
    SupplementIn,
)
from adjudication.entrypoints.schemas.after_decision import (
    CdeNoticeIn,
    ComplianceCheckIn,
    DecisionIn,
    DecisionServiceIn,
    DemandIn,
    DrugLinkageIn,
    EnforcementApplicationIn,
    EnforcementReviewIn,
    RedecisionIn,
)
from adjudication.entrypoints.schemas.interruptions import (
    ClosureIn,
    DismissalIn,
    ExtensionIn,
    MediationIn,
    PauseIn,
    ResumptionIn,
    SuspensionDecisionIn,
    SuspensionRequestIn,
    WithdrawalIn,
)
from adjudication.handlers import StepOutcome
from adjudication.views.models import AdvisoryOut, CaseRead, SuspensionRequestCreated
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["steps"])


@router.post(
    "/correction-requests",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Ask the requester to complete the materials (补正)",
)
async def correction_requests(
    case_id: uuid.UUID,
    body: CorrectionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.request_correction"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/supplements",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Record that the requester supplied the missing materials",
)
async def supplements(
    case_id: uuid.UUID,
    body: SupplementIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.record_supplement"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


add_approval_routes(
    router,
    ApprovalRoutes(
        path="/docket",
        kind=Approval.DOCKET,
        body=DocketIn,
        response=CaseRead,
        read=read_case,
        propose_permission="case.docket",
        approve_permission="case.approve_docket",
        propose_summary="Propose to docket the request (立案); the office head approves it",
        approve_summary="The office head approves acceptance: docket number, case clock (a second person)",
        propose_name="docket",
        approve_name="docket_approval",
        propose_doc="Checked now (the conditions, jurisdiction, first-to-accept); docketed with its "
        "number when an office head of the case's office, not the proposer, approves it "
        "(``POST .../docket/approval``).",
    ),
)


@router.post(
    "/refusal",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Do not accept the request (不予受理), with reasons",
)
async def refusal(
    case_id: uuid.UUID,
    body: RefusalIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.refuse"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/procedure",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Put the case on the ordinary, simple or green-channel track",
)
async def procedure(
    case_id: uuid.UUID,
    body: ProcedureIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.set_procedure"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/suspension-requests",
    status_code=201,
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Record a request to suspend (中止申请); answers with the request, ``Location`` names it",
)
async def suspension_requests(
    case_id: uuid.UUID,
    body: SuspensionRequestIn,
    container: Container,
    response: Response,
    who: Annotated[Principal, Depends(allow("suspension.request"))],
) -> SuspensionRequestCreated:
    outcome: StepOutcome = await container.bus.handle(
        for_principal(body.to_command(case_id, who.subject), who)
    )
    case = outcome.case
    requests = case.suspension_requests if isinstance(case, Case) else []
    created = present(requests[-1] if requests else None, "the suspension request just recorded")
    response.headers["Location"] = f"/v1/cases/{case_id}/suspension-requests/{created.id}"
    return SuspensionRequestCreated(
        id=created.id,
        case_id=case_id,
        request=created,
        advisories=[
            AdvisoryOut(code=a.code, message=a.message, message_zh=a.message_zh) for a in outcome.advisories
        ],
    )


@router.post(
    "/suspension-requests/{request_id}/decision",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Grant or refuse a suspension request",
)
async def suspension_requests_request_id_decision(
    case_id: uuid.UUID,
    request_id: str,
    body: SuspensionDecisionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("suspension.decide"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject, request_id), who)


@router.post(
    "/suspension/extension",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Extend an ownership-dispute suspension (专利法实施细则 art. 103)",
)
async def suspension_extension(
    case_id: uuid.UUID, container: Container, who: Annotated[Principal, Depends(allow("suspension.extend"))]
) -> CaseRead:
    return await run_step(container, c.ExtendSuspension(case_id=case_id, by=who.subject), who)


@router.post(
    "/resumption",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Resume a suspended case; the new closing deadline is returned",
)
async def resumption(
    case_id: uuid.UUID,
    body: ResumptionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.resume"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/clock-pauses",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Appraisal or publication started: the case clock stops",
)
async def clock_pauses(
    case_id: uuid.UUID,
    body: PauseIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("clock.pause"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/clock-pauses/{reason}/end",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Appraisal or publication ended: the case clock runs again",
)
async def clock_pauses_reason_end(
    case_id: uuid.UUID,
    reason: PauseReason,
    container: Container,
    who: Annotated[Principal, Depends(allow("clock.resume"))],
) -> CaseRead:
    return await run_step(container, c.EndClockPause(case_id=case_id, by=who.subject, reason=reason), who)


add_approval_routes(
    router,
    ApprovalRoutes(
        path="/time-limit-extension",
        kind=Approval.TIME_LIMIT_EXTENSION,
        body=ExtensionIn,
        response=CaseRead,
        read=read_case,
        propose_permission="time_limit.propose_extension",
        approve_permission="time_limit.approve_extension",
        propose_summary="Propose the one extension of the closing time limit (the office head approves it)",
        approve_summary="The office head approves the proposed extension (a second person)",
        propose_name="time_limit_extension",
        approve_name="time_limit_extension_approval",
        propose_doc="Checked now; taken when an office head of the case's office, not the proposer, "
        "approves it.",
        approve_doc="The approver is recorded; the one who proposed it cannot approve it (403).",
    ),
)


@router.post(
    "/mediation",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Both parties consent: hand the case to mediation",
)
async def mediation(
    case_id: uuid.UUID,
    body: MediationIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.refer_to_mediation"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/withdrawal",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The requester withdraws the request",
)
async def withdrawal(
    case_id: uuid.UUID,
    body: WithdrawalIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.record_withdrawal"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/dismissal",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Dismiss the case on a procedural ground (驳回)",
)
async def dismissal(
    case_id: uuid.UUID,
    body: DismissalIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.dismiss"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post("/closure", responses=problem_responses(*CASE_STEP_ERRORS), summary="Close the file (结案)")
async def closure(
    case_id: uuid.UUID,
    body: ClosureIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.close"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


add_approval_routes(
    router,
    ApprovalRoutes(
        path="/decision",
        kind=Approval.DECISION,
        body=DecisionIn,
        response=CaseRead,
        read=read_case,
        propose_permission="decision.propose",
        approve_permission="decision.approve",
        propose_summary="Propose the decision (裁决): outcome, stop order, reasons; no damages",
        approve_summary="The office head approves the proposed decision, which is issued (a second person)",
        propose_name="decision",
        approve_name="decision_approval",
        propose_doc="A member of the case's panel proposes it; it is checked now and issued when an "
        "office head of the case's office approves it (``POST .../decision/approval``). It cannot be "
        "dated before the docketing or the last hearing held.",
        approve_doc="The decision names the approver (``approved_by``); the proposer cannot approve it "
        "(403).",
    ),
)


@router.post(
    "/decision-services",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The decision reached a party: its 15-day window starts",
)
async def decision_services(
    case_id: uuid.UUID,
    body: DecisionServiceIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("decision.record_service"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/redecision",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The court revoked the decision and ordered a new one",
)
async def redecision(
    case_id: uuid.UUID,
    body: RedecisionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("case.redecide"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/compliance-checks",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Record an inspection of compliance with the decision",
)
async def compliance_checks(
    case_id: uuid.UUID,
    body: ComplianceCheckIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("compliance.record"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/enforcement-demand",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The written demand to perform (催告) was served",
)
async def enforcement_demand(
    case_id: uuid.UUID,
    body: DemandIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("enforcement.record_demand"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/enforcement-application",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Apply to the court for compulsory enforcement",
)
async def enforcement_application(
    case_id: uuid.UUID,
    body: EnforcementApplicationIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("enforcement.apply"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/enforcement-review",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Seek review of a refusal to enforce",
)
async def enforcement_review(
    case_id: uuid.UUID,
    body: EnforcementReviewIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("enforcement.seek_review"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/drug-linkage",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Register a drug-patent linkage request (专利法 art. 76)",
)
async def drug_linkage(
    case_id: uuid.UUID,
    body: DrugLinkageIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("drug_linkage.register"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/drug-linkage/cde-notice",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Record that the acceptance notice went to CDE",
)
async def drug_linkage_cde_notice(
    case_id: uuid.UUID,
    body: CdeNoticeIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("drug_linkage.record_cde_notice"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)
