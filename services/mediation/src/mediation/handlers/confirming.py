"""Handlers for judicial confirmation: filing, the court's answers, objections, and resuming mediation."""

from __future__ import annotations

import uuid

from mediation.domain import confirming
from mediation.domain.access import authorise_court_act, authorise_objection, authorise_step, court_act_by
from mediation.domain.case import MediationCase
from mediation.domain.commands import (
    DecideObjection,
    FileConfirmation,
    LodgeObjection,
    RecordConfirmationAccepted,
    RecordConfirmationRuling,
    RecordConfirmationWithdrawn,
    RecordRulingReceipt,
    ResumeMediation,
)
from mediation.domain.competence import choose_court
from mediation.domain.confirmation import ApplicationManner
from mediation.domain.errors import StepNotPossible
from mediation.domain.materials import checklist
from mediation.domain.roster import Organisation
from mediation.handlers.cases import Clock, load_case, load_case_of_application, record_step
from mediation.rules import MediationRules
from mediation.unit_of_work import MediationUnitOfWork

CourtAnswer = RecordConfirmationAccepted | RecordConfirmationRuling | RecordConfirmationWithdrawn


async def mediating_organisation(case: MediationCase, uow: MediationUnitOfWork) -> Organisation | None:
    mediator = case.mediator
    return await uow.roster.organisation(mediator.organisation_id) if mediator else None


async def file_confirmation(
    cmd: FileConfirmation, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    agreement = confirming.ensure_confirmable(case)  # an ineligible agreement first, with its reasons
    organisation = await mediating_organisation(case, uow)
    finding = confirming.case_competence(case, organisation, rules.courts, cmd.subject_matter_region)
    court = choose_court(finding, cmd.court_code)
    mediator = case.mediator
    materials = checklist(
        agreement=agreement,
        organisation=organisation.name if organisation else "",
        mediator=mediator.mediator_name if mediator else "",
        parties=case.parties,
        provided=cmd.provided_materials,
        agent_used=any(a.manner is ApplicationManner.AGENT for a in cmd.applicants),
    )
    application = confirming.file_confirmation(
        case,
        court=court,
        competence=finding,
        applicants=cmd.applicants,
        materials=materials,
        actor=cmd.actor,
        at=clock(),
        timing=rules.timing,
    )
    await record_step(uow, case)
    return application.id


def _court_answer(case: MediationCase, cmd: CourtAnswer, document_ref: str | None) -> None:
    """The court the application was filed with answers it: itself, or a clerk citing its document
    (and naming that court: another court's answer is refused)."""
    filed_with = confirming.application(case, cmd.application_id).court_code
    authorise_court_act(cmd.principal, filed_with, document_ref, case.office_code)
    court_code = cmd.court_code
    if filed_with != court_code:
        raise StepNotPossible(
            f"The application was filed with {filed_with}, not {court_code}",
            f"该申请的受理法院为 {filed_with}，不是 {court_code}",
        )


async def record_acceptance(
    cmd: RecordConfirmationAccepted, uow: MediationUnitOfWork, rules: MediationRules
) -> uuid.UUID:
    case = await load_case_of_application(uow, cmd.application_id)
    _court_answer(case, cmd, cmd.docket_no)
    confirming.record_acceptance(
        case,
        cmd.application_id,
        cmd.docket_no,
        cmd.accepted_at,
        court_act_by(cmd.principal, cmd.court_code, cmd.actor),
        rules.timing,
    )
    await record_step(uow, case)
    return case.id


async def record_ruling(
    cmd: RecordConfirmationRuling, uow: MediationUnitOfWork, rules: MediationRules
) -> uuid.UUID:
    case = await load_case_of_application(uow, cmd.application_id)
    _court_answer(case, cmd, cmd.ruling_no)
    confirming.record_ruling(
        case,
        cmd.application_id,
        valid=cmd.valid,
        ruling_no=cmd.ruling_no,
        reasons=cmd.reasons,
        ruled_at=cmd.ruled_at,
        actor=court_act_by(cmd.principal, cmd.court_code, cmd.actor),
        timing=rules.timing,
    )
    await record_step(uow, case)
    return case.id


async def record_withdrawal(
    cmd: RecordConfirmationWithdrawn, uow: MediationUnitOfWork, rules: MediationRules
) -> uuid.UUID:
    case = await load_case_of_application(uow, cmd.application_id)
    _court_answer(case, cmd, cmd.document_ref)
    by = court_act_by(cmd.principal, cmd.court_code, cmd.actor)
    confirming.record_withdrawal(case, cmd.application_id, cmd.withdrawn_at, by, rules.timing)
    await record_step(uow, case)
    return case.id


async def resume_mediation(cmd: ResumeMediation, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    confirming.resume_mediation(case, cmd.actor, clock())
    await record_step(uow, case)
    return case.id


async def lodge_objection(cmd: LodgeObjection, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_objection(cmd.principal, case)
    objection = confirming.lodge_objection(
        case,
        by_third_party=cmd.by_third_party,
        objector=cmd.objector,
        grounds=cmd.grounds,
        lodged_on=cmd.lodged_on,
        actor=cmd.actor,
        at=clock(),
        party_id=cmd.party_id,
    )
    await record_step(uow, case)
    return objection.id


async def record_ruling_receipt(
    cmd: RecordRulingReceipt, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_objection(cmd.principal, case)
    confirming.record_ruling_receipt(case, cmd.party_id, cmd.received_on, cmd.actor, clock(), rules.timing)
    await record_step(uow, case)
    return case.id


async def decide_objection(cmd: DecideObjection, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    court = confirming.ruling_court(case)
    authorise_court_act(cmd.principal, court, cmd.document_ref, case.office_code)
    by = court_act_by(cmd.principal, court, cmd.actor)
    confirming.decide_objection(case, cmd.objection_id, cmd.upheld, cmd.decided_on, by, clock())
    await record_step(uow, case)
    return case.id
