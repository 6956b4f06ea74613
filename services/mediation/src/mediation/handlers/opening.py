"""Opening cases: from a routed complaint, an adjudication case, or a court's assignment (each once)."""

from __future__ import annotations

from dataclasses import dataclass

from mediation.domain.access import authorise_court_act, court_act_by
from mediation.domain.case import MediationCase
from mediation.domain.commands import (
    OpenCourtAssignedCase,
    OpenMediationFromAdjudication,
    OpenMediationFromComplaint,
)
from mediation.domain.errors import StepNotPossible
from mediation.domain.kinds import CourtReference, MediationKind, Origin
from mediation.domain.mediating import accept_on_opening
from mediation.domain.parties import ActorKind
from mediation.handlers.cases import Clock, next_case_number, record_step
from mediation.rules import MediationRules
from mediation.unit_of_work import MediationUnitOfWork
from shared.domain.actors import Actor
from shared.identity.principals import covers

INTAKE = Actor(ActorKind.SERVICE, "intake")
ADJUDICATION = Actor(ActorKind.SERVICE, "adjudication")


@dataclass(frozen=True, slots=True)
class Opened:
    case: MediationCase
    created: bool


async def open_from_complaint(
    cmd: OpenMediationFromComplaint, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> Opened:
    """A complaint routed to mediation; re-routing the same complaint finds the case it opened."""
    existing = await uow.cases.for_complaint(cmd.complaint_id)
    if existing is not None:
        return Opened(existing, created=False)
    at = clock()
    case = MediationCase.open(
        case_no=await next_case_number(uow, at),
        actor=INTAKE,
        at=at,
        timing=rules.timing,
        kind=cmd.kind,
        origin=Origin.COMPLAINT,
        origin_id=str(cmd.complaint_id),
        complaint_id=cmd.complaint_id,
        court=None,
        ip_type=cmd.ip_type,
        right_numbers=cmd.right_numbers,
        parties=cmd.parties,
        dispute_summary=cmd.dispute_summary,
        damages_only=False,
        office_region_code=cmd.office_region_code,
        office_code=complaint_office(cmd.office_region_code, rules),
    )
    if cmd.both_parties_willing:
        accept_on_opening(
            case,
            "both parties told the protection centre they are willing to mediate",
            INTAKE,
            at,
            rules.timing,
        )
    await record_step(uow, case)
    return Opened(case, created=True)


async def open_from_adjudication(
    cmd: OpenMediationFromAdjudication, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> Opened:
    """In-case (or damages) mediation: both parties consented in the adjudication case (§A.6)."""
    origin_id = str(cmd.adjudication_case_id)
    existing = await uow.cases.mediating_for(Origin.ADJUDICATION_CASE, origin_id)
    if existing is not None:
        return Opened(existing, created=False)
    at = clock()
    case = MediationCase.open(
        case_no=await next_case_number(uow, at),
        actor=ADJUDICATION,
        at=at,
        timing=rules.timing,
        kind=MediationKind.ADMINISTRATIVE,
        origin=Origin.ADJUDICATION_CASE,
        origin_id=origin_id,
        complaint_id=None,
        court=None,
        ip_type=cmd.ip_type,
        right_numbers=cmd.right_numbers,
        parties=cmd.parties,
        dispute_summary=cmd.dispute_summary,
        damages_only=cmd.damages_only,
        office_code=rules.office_code,
    )
    basis = f"both parties consented in adjudication case {cmd.adjudication_case_no} (专利法 art. 65)"
    accept_on_opening(case, basis, ADJUDICATION, at, rules.timing)
    await record_step(uow, case)
    return Opened(case, created=True)


async def open_court_assigned(
    cmd: OpenCourtAssignedCase, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> Opened:
    """A court assigned (委派) or entrusted (委托) the dispute; the same assignment opens one case."""
    office_code = court_office(cmd.court, rules)
    authorise_court_act(cmd.principal, cmd.court.court_code, cmd.court.court_case_no, office_code)
    existing = await uow.cases.for_court_assignment(cmd.court.assignment_id)
    if existing is not None:
        if cmd.principal is not None and existing.court and existing.court.court_code != cmd.court.court_code:
            raise StepNotPossible(
                f"Assignment {cmd.court.assignment_id} was received from another court",
                f"委派编号 {cmd.court.assignment_id} 已由其他法院使用",
            )
        return Opened(existing, created=False)
    at = clock()
    case = MediationCase.open(
        case_no=await next_case_number(uow, at),
        actor=court_act_by(cmd.principal, cmd.court.court_code, cmd.actor),
        at=at,
        timing=rules.timing,
        kind=cmd.kind,
        origin=Origin.COURT_ASSIGNMENT,
        origin_id=cmd.court.assignment_id,
        complaint_id=None,
        court=cmd.court,
        ip_type=cmd.ip_type,
        right_numbers=cmd.right_numbers,
        parties=cmd.parties,
        dispute_summary=cmd.dispute_summary,
        damages_only=False,
        office_code=office_code,
    )
    await record_step(uow, case)
    return Opened(case, created=True)


def complaint_office(office_region_code: str | None, rules: MediationRules) -> str:
    """The receiving office of the complaint (intake's ``office_region_code``), else the deployment's."""
    if office_region_code and len(office_region_code) == 6 and office_region_code.isdigit():
        return office_region_code
    return rules.office_code


def court_office(court: CourtReference, rules: MediationRules) -> str:
    """The office a court's assignment belongs to: the court's seat, where the deployment's office
    covers it (a provincial deployment's county courts), else the deployment's own office."""
    found = rules.courts.by_code(court.court_code)
    seat = _division(found.regions[0]) if found is not None and found.regions else None
    try:
        if seat is not None and covers(rules.office_code, seat):
            return seat
    except ValueError:  # an OFFICE_CODE without a division code: the office itself
        pass
    return rules.office_code


def _division(region: str) -> str | None:
    """A region prefix of the court directory as a division code (``3301`` -> ``330100``)."""
    return region.ljust(6, "0") if region.isdigit() and 2 <= len(region) <= 6 else None
