"""Steps of the proceedings: service, answers, evidence, participants, recusal, hearings."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends

from adjudication.entrypoints.dependencies import Container, Principal, allow
from adjudication.entrypoints.routes.running import CASE_STEP_ERRORS, run_step
from adjudication.entrypoints.schemas.proceedings import (
    AnswerIn,
    DisclosureIn,
    EvidenceExchangeIn,
    EvidenceSubmissionIn,
    HearingCancellationIn,
    HearingIn,
    HearingNoticeIn,
    HearingRecordIn,
    ParticipantIn,
    ReconsiderationDecisionIn,
    ReconsiderationIn,
    RecusalDecisionIn,
    RecusalIn,
    ReleaseIn,
    RequestCopyServiceIn,
    ServiceIn,
)
from adjudication.views.models import CaseRead
from shared.web.problems import problem_responses

router = APIRouter(prefix="/v1/cases/{case_id}", tags=["proceedings"])


@router.post(
    "/request-copy-services",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The request copy reached a respondent",
)
async def request_copy_services(
    case_id: uuid.UUID,
    body: RequestCopyServiceIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("service.record_request_copy"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/answers", responses=problem_responses(*CASE_STEP_ERRORS), summary="Record a respondent's answer (答辩)"
)
async def answers(
    case_id: uuid.UUID,
    body: AnswerIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("answer.record"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/evidence",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Record evidence a party submitted (with SHA-256)",
)
async def evidence(
    case_id: uuid.UUID,
    body: EvidenceSubmissionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("evidence.record"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/evidence-exchanges",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Copies of evidence went to the other side",
)
async def evidence_exchanges(
    case_id: uuid.UUID,
    body: EvidenceExchangeIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("evidence.record_exchange"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/services",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Record service of another document on a party",
)
async def services(
    case_id: uuid.UUID,
    body: ServiceIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("service.record"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/participants",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Assign a handler, panel member, technical investigator or clerk",
)
async def participants(
    case_id: uuid.UUID,
    body: ParticipantIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("participant.assign"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/participants/{participant_id}/release",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Release a participant from the case",
)
async def participants_participant_id_release(
    case_id: uuid.UUID,
    participant_id: str,
    body: ReleaseIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("participant.release"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject, participant_id), who)


@router.post(
    "/participants/disclosures",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Tell the parties who serves on the case",
)
async def participants_disclosures(
    case_id: uuid.UUID,
    body: DisclosureIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("participant.disclose"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/recusals",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Record a party's request for recusal (回避)",
)
async def recusals(
    case_id: uuid.UUID,
    body: RecusalIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("recusal.record"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/recusals/{recusal_id}/decision",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Decide a recusal request",
)
async def recusals_recusal_id_decision(
    case_id: uuid.UUID,
    recusal_id: str,
    body: RecusalDecisionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("recusal.decide"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject, recusal_id), who)


@router.post(
    "/recusals/{recusal_id}/reconsideration",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Record a request to reconsider a rejection",
)
async def recusals_recusal_id_reconsideration(
    case_id: uuid.UUID,
    recusal_id: str,
    body: ReconsiderationIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("recusal.record_reconsideration"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject, recusal_id), who)


@router.post(
    "/recusals/{recusal_id}/reconsideration/decision",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Decide the reconsideration",
)
async def recusals_recusal_id_reconsideration_decision(
    case_id: uuid.UUID,
    recusal_id: str,
    body: ReconsiderationDecisionIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("recusal.reconsider"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject, recusal_id), who)


@router.post(
    "/hearings",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Schedule an oral hearing (room, people, notice period)",
)
async def hearings(
    case_id: uuid.UUID,
    body: HearingIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("hearing.schedule"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject), who)


@router.post(
    "/hearings/{hearing_id}/reschedule",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Move the scheduled hearing",
)
async def hearings_hearing_id_reschedule(
    case_id: uuid.UUID,
    hearing_id: str,
    body: HearingIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("hearing.reschedule"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject, hearing_id), who)


@router.post(
    "/hearings/{hearing_id}/cancellation",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Cancel the scheduled hearing",
)
async def hearings_hearing_id_cancellation(
    case_id: uuid.UUID,
    hearing_id: str,
    body: HearingCancellationIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("hearing.cancel"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject, hearing_id), who)


@router.post(
    "/hearings/{hearing_id}/notices",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="The hearing notice reached a party",
)
async def hearings_hearing_id_notices(
    case_id: uuid.UUID,
    hearing_id: str,
    body: HearingNoticeIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("hearing.record_notice"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject, hearing_id), who)


@router.post(
    "/hearings/{hearing_id}/record",
    responses=problem_responses(*CASE_STEP_ERRORS),
    summary="Record the hearing (笔录); a requester no-show withdraws",
)
async def hearings_hearing_id_record(
    case_id: uuid.UUID,
    hearing_id: str,
    body: HearingRecordIn,
    container: Container,
    who: Annotated[Principal, Depends(allow("hearing.record"))],
) -> CaseRead:
    return await run_step(container, body.to_command(case_id, who.subject, hearing_id), who)
