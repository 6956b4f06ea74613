"""Centre case commands (§D.3a): examiners, assignment with recusal check, opinion, referral, closing."""

from __future__ import annotations

import datetime as dt
import uuid

from intake.config import IntakeConfig
from intake.domain import commands as c
from intake.domain.centre_case import CentreCase, CentreCaseStatus, Examiner, Opinion
from intake.domain.complaint import Complaint, ComplaintStatus
from intake.domain.errors import CentreCaseNotFound, ExaminerNotFound
from intake.domain.triage import override
from intake.domain.vocabulary import Agency, Track
from intake.hand_off import referral_event
from intake.handlers.common import Clock, complaint_for_update, deadline_book
from intake.handlers.flow import hand_off
from intake.unit_of_work import IntakeUnitOfWork

REFERRAL_TRACKS = {
    CentreCaseStatus.REFERRED_ADJUDICATION: Track.ORDINARY_ADJUDICATION,
    CentreCaseStatus.REFERRED_MEDIATION: Track.MEDIATION,
    CentreCaseStatus.REFERRED_ENFORCEMENT: Track.REFER_ENFORCEMENT,
}


async def save_examiner(cmd: c.SaveExaminer, uow: IntakeUnitOfWork) -> Examiner:
    examiner = Examiner(id=cmd.id, name=cmd.name, centre=cmd.centre, interests=cmd.interests)
    await uow.examiners.save(examiner)
    return examiner


async def _case(uow: IntakeUnitOfWork, case_id: uuid.UUID) -> tuple[CentreCase, Complaint]:
    case = await uow.centre_cases.get(case_id, for_update=True)
    if case is None:
        raise CentreCaseNotFound(f"Centre case {case_id} not found", f"中心案件 {case_id} 不存在")
    return case, await complaint_for_update(uow, case.complaint_id)


async def assign_examiner(cmd: c.AssignExaminer, uow: IntakeUnitOfWork, clock: Clock) -> CentreCase:
    case, complaint = await _case(uow, cmd.case_id)
    examiner = await uow.examiners.get(cmd.examiner_id)
    if examiner is None:
        raise ExaminerNotFound(f"Examiner {cmd.examiner_id} not found", f"审查员 {cmd.examiner_id} 不存在")
    case.assign(examiner, complaint.parties, cmd.actor, clock())
    complaint.examiner_id = examiner.id
    await uow.centre_cases.save(case)
    await uow.complaints.save(complaint)
    return case


async def issue_opinion(
    cmd: c.IssueOpinion, uow: IntakeUnitOfWork, clock: Clock, config: IntakeConfig
) -> CentreCase:
    case, _ = await _case(uow, cmd.case_id)
    case.issue_opinion(
        Opinion(conclusion=cmd.conclusion, reasons=cmd.reasons, signed_by=cmd.actor, issued_at=clock()),
        cmd.actor,
    )
    await deadline_book(uow, config).close(case.id, "opinion")
    await uow.centre_cases.save(case)
    return case


async def refer_centre_case(
    cmd: c.ReferCentreCase, uow: IntakeUnitOfWork, clock: Clock, config: IntakeConfig
) -> CentreCase:
    """Hand the matter over (§D.4): adjudication and mediation get the routed complaint, others a referral."""
    case, complaint = await _case(uow, cmd.case_id)
    target = CentreCaseStatus(cmd.target)
    now = clock()
    case.refer(target, cmd.actor, now)
    await deadline_book(uow, config).close(case.id, "opinion", status="cancelled")
    track = REFERRAL_TRACKS.get(target)
    if track is not None:
        await hand_off(complaint, override(track, cmd.reason), uow, config, cmd.actor, now)
    else:
        evidence = await uow.evidence.refs(complaint.id)
        uow.outbox.add(
            referral_event(complaint, Agency.COURT, cmd.reason, evidence, referred_at=now), key=complaint.id
        )
    await uow.centre_cases.save(case)
    await uow.complaints.save(complaint)
    return case


async def close_centre_case(cmd: c.CloseCentreCase, uow: IntakeUnitOfWork, clock: Clock) -> CentreCase:
    case, complaint = await _case(uow, cmd.case_id)
    now = clock()
    case.close(cmd.note, cmd.actor, now)
    _close_if_in_centre(complaint, f"centre case closed: {cmd.note}", cmd.actor, now)
    await uow.centre_cases.save(case)
    await uow.complaints.save(complaint)
    return case


def _close_if_in_centre(complaint: Complaint, reason: str, actor: str, now: dt.datetime) -> None:
    if complaint.status is ComplaintStatus.IN_CENTRE:
        complaint.close(reason, actor, now)
