"""Centre case commands (§D.3a): examiners, assignment with recusal check, opinion, referral, closing."""

from __future__ import annotations

import uuid

from intake.domain import commands as c
from intake.domain.access import authorise_opinion, authorise_registry
from intake.domain.centre_case import CentreCase, CentreCaseStatus, Examiner, Opinion
from intake.domain.complaint import Complaint
from intake.domain.errors import CentreCaseNotFound, ExaminerNotFound
from intake.domain.events import HandOff
from intake.domain.triage import override
from intake.domain.vocabulary import Track
from intake.handlers.common import Clock, audit, complaint_for_update, complaint_step
from intake.handlers.flow import hand_off
from intake.publishing import CENTRE_CASES, CentreCaseStep
from intake.rules import IntakeRules
from intake.unit_of_work import IntakeUnitOfWork
from shared.identity.principals import Principal

REFERRAL_TRACKS = {
    CentreCaseStatus.REFERRED_ADJUDICATION: Track.ORDINARY_ADJUDICATION,
    CentreCaseStatus.REFERRED_MEDIATION: Track.MEDIATION,
    CentreCaseStatus.REFERRED_ENFORCEMENT: Track.REFER_ENFORCEMENT,
}
"""Referrals handed over as the complaint's new track; a court gets a referral of its own."""


async def save_examiner(cmd: c.SaveExaminer, uow: IntakeUnitOfWork) -> Examiner:
    authorise_registry(cmd.principal, cmd.centre)
    current = await uow.examiners.get(cmd.id)
    if current is not None:
        authorise_registry(cmd.principal, current.centre)  # nor take over another office's examiner
    examiner = Examiner(id=cmd.id, name=cmd.name, centre=cmd.centre, interests=cmd.interests)
    await uow.examiners.save(examiner)
    audit(uow, "examiner.save", "examiner", examiner.id, centre=examiner.centre)
    return examiner


async def assign_examiner(cmd: c.AssignExaminer, uow: IntakeUnitOfWork, clock: Clock) -> CentreCase:
    step = await _step(uow, cmd.case_id, cmd.principal)
    examiner = await uow.examiners.get(cmd.examiner_id)
    if examiner is None:
        raise ExaminerNotFound(f"Examiner {cmd.examiner_id} not found", f"审查员 {cmd.examiner_id} 不存在")
    step.case.assign(examiner, step.complaint.parties, cmd.actor, clock())
    step.complaint.examiner_id = examiner.id
    await _case_step(uow, step)
    await complaint_step(uow, step.complaint)
    return step.case


async def issue_opinion(cmd: c.IssueOpinion, uow: IntakeUnitOfWork, clock: Clock) -> CentreCase:
    """Signed by the examiner assigned to the case (the one the recusal check cleared)."""
    step = await _step(uow, cmd.case_id, cmd.principal, examiner_only=True)
    opinion = Opinion(
        conclusion=cmd.conclusion, reasons=cmd.reasons, signed_by=cmd.actor.id, issued_at=clock()
    )
    step.case.issue_opinion(opinion, cmd.actor)
    await _case_step(uow, step)
    return step.case


async def refer_centre_case(
    cmd: c.ReferCentreCase, uow: IntakeUnitOfWork, clock: Clock, rules: IntakeRules
) -> CentreCase:
    """Hand the matter over (§D.4): adjudication and mediation get the routed complaint, others a referral."""
    step = await _step(uow, cmd.case_id, cmd.principal)
    target, now = CentreCaseStatus(cmd.target), clock()
    track = REFERRAL_TRACKS.get(target)
    court = HandOff() if track else HandOff(evidence=tuple(await uow.evidence.refs(step.complaint.id)))
    step.case.refer(target, cmd.reason, court, cmd.actor, now)
    if track is not None:
        await hand_off(step.complaint, override(track, cmd.reason), uow, rules, cmd.actor, now)
    await _case_step(uow, step)
    await complaint_step(uow, step.complaint)
    return step.case


async def close_centre_case(cmd: c.CloseCentreCase, uow: IntakeUnitOfWork, clock: Clock) -> CentreCase:
    step = await _step(uow, cmd.case_id, cmd.principal)
    now = clock()
    step.case.close(cmd.note, cmd.actor, now)
    step.complaint.close_if_in_centre(f"centre case closed: {cmd.note}", cmd.actor, now)
    await _case_step(uow, step)
    await complaint_step(uow, step.complaint)
    return step.case


async def _step(
    uow: IntakeUnitOfWork, case_id: uuid.UUID, principal: Principal | None, *, examiner_only: bool = False
) -> CentreCaseStep:
    """The case and its complaint, locked; staff of the complaint's office (the opinion: its examiner)."""
    case = await uow.centre_cases.get(case_id, for_update=True)
    if case is None:
        raise CentreCaseNotFound(f"Centre case {case_id} not found", f"中心案件 {case_id} 不存在")
    complaint: Complaint = await complaint_for_update(uow, case.complaint_id, principal)
    if examiner_only:
        authorise_opinion(principal, complaint.office_code, case.examiner_id)
    return CentreCaseStep(case, complaint)


async def _case_step(uow: IntakeUnitOfWork, step: CentreCaseStep) -> None:
    await CENTRE_CASES.record(
        uow, step, save=lambda: uow.centre_cases.save(step.case), parent_id=step.case.complaint_id
    )
