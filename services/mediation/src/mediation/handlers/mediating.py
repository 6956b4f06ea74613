"""Handlers for the mediation itself: consent, mediator assignment and answers, extension, termination."""

from __future__ import annotations

import uuid

from mediation.domain import mediating
from mediation.domain.access import authorise_answer, authorise_step
from mediation.domain.assignment import MediatorAssignment
from mediation.domain.case import MediationCase
from mediation.domain.commands import (
    AssignMediator,
    ConfirmAssignment,
    DeclineAssignment,
    DeclineCourtAssignment,
    ExtendMediationPeriod,
    RecordConsent,
    RecordRefusal,
    TerminateMediation,
)
from mediation.domain.errors import MediatorNotFound, MediatorUnavailable, OrganisationNotFound
from mediation.domain.roster import DeclaredConflict, Mediator, Organisation, rank_candidates
from mediation.handlers.cases import Clock, load_case, record_step
from mediation.rules import MediationRules
from mediation.unit_of_work import MediationUnitOfWork


async def record_consent(
    cmd: RecordConsent, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    mediating.record_consent(case, cmd.party_id, cmd.actor, clock(), rules.timing)
    await record_step(uow, case)
    return case.id


async def record_refusal(cmd: RecordRefusal, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    mediating.record_refusal(case, cmd.party_id, cmd.reason, cmd.actor, clock())
    await record_step(uow, case)
    return case.id


async def assign_mediator(
    cmd: AssignMediator, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> MediatorAssignment:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    if cmd.mediator_id is None:
        mediator, organisation = await _best_candidate(case, uow)
    else:
        mediator, organisation = await _chosen(cmd.mediator_id, uow)
    load = (await uow.cases.mediator_loads([mediator.id])).get(mediator.id, 0)
    assignment = mediating.assign_mediator(
        case, mediator, organisation, load, cmd.actor, clock(), rules.timing
    )
    await record_step(uow, case)
    return assignment


async def _chosen(mediator_id: uuid.UUID, uow: MediationUnitOfWork) -> tuple[Mediator, Organisation]:
    # Locking the mediator serialises concurrent assignments, so the load check cannot be raced.
    mediator = await uow.roster.mediator(mediator_id, lock=True)
    if mediator is None:
        raise MediatorNotFound(f"Mediator {mediator_id} not found", f"调解员 {mediator_id} 不存在")
    organisation = await uow.roster.organisation(mediator.organisation_id)
    if organisation is None:
        raise OrganisationNotFound("The mediator's organisation is missing", "调解员所属组织不存在")
    return mediator, organisation


async def _best_candidate(case: MediationCase, uow: MediationUnitOfWork) -> tuple[Mediator, Organisation]:
    mediators = await uow.roster.active_mediators()
    organisations = await uow.roster.organisations([m.organisation_id for m in mediators])
    loads = await uow.cases.mediator_loads([m.id for m in mediators])
    ranked = rank_candidates(mediators, organisations, loads, mediating.case_needs(case))
    best = next((c for c in ranked if c.eligible), None)
    if best is None:
        raise MediatorUnavailable(
            "No mediator on the roster can take this case", "名册中没有可承接本案的调解员"
        )
    return await _chosen(best.mediator.id, uow)


async def confirm_assignment(
    cmd: ConfirmAssignment, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_answer(cmd.principal, case, case.assignment(cmd.assignment_id))
    mediating.confirm_assignment(case, cmd.assignment_id, cmd.actor, clock(), rules.timing)
    await record_step(uow, case)
    return case.id


async def decline_assignment(cmd: DeclineAssignment, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    """The mediator declines; a declared conflict of interest is kept on the roster for later cases."""
    case = await load_case(uow, cmd.case_id)
    assignment = case.assignment(cmd.assignment_id)
    authorise_answer(cmd.principal, case, assignment)
    mediating.decline_assignment(case, cmd.assignment_id, cmd.reason, cmd.actor, clock())
    if cmd.conflict_with_party_id is not None:
        party = case.party(cmd.conflict_with_party_id, field_name="conflict_with_party_id")
        mediator = await uow.roster.mediator(assignment.mediator_id, lock=True)
        if mediator is not None:
            conflict = DeclaredConflict(name=party.name, credit_code=party.credit_code, reason=cmd.reason)
            mediator.conflicts = (*mediator.conflicts, conflict)
            await uow.roster.save_mediator(mediator)
            uow.audit.record(
                "mediation.roster.declare_conflict",
                object_type="mediator",
                object_id=mediator.id,
                details={"case_id": str(case.id), "party_id": str(party.id)},
            )
    await record_step(uow, case)
    return case.id


async def decline_court_assignment(
    cmd: DeclineCourtAssignment, uow: MediationUnitOfWork, clock: Clock
) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    mediating.decline_court_assignment(case, cmd.reason, cmd.actor, clock())
    await record_step(uow, case)
    return case.id


async def extend_period(
    cmd: ExtendMediationPeriod, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    mediating.extend_period(case, cmd.days, cmd.consenting_party_ids, cmd.actor, clock(), rules.timing)
    await record_step(uow, case)
    return case.id


async def terminate(cmd: TerminateMediation, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    mediating.terminate(case, cmd.ground, cmd.explanation, cmd.actor, clock())
    await record_step(uow, case)
    return case.id
