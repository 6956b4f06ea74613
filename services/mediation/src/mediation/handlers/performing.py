"""Handlers for performance and enforcement."""

from __future__ import annotations

import uuid

from mediation.domain import performing
from mediation.domain.access import authorise_step
from mediation.domain.commands import ApplyForEnforcement, RecordPayment, RecordPerformance
from mediation.domain.competence import CourtLevel
from mediation.domain.confirmation import ApplicationStatus
from mediation.domain.errors import StepNotPossible, invalid
from mediation.handlers.cases import Clock, load_case, record_step
from mediation.rules import MediationRules
from mediation.unit_of_work import MediationUnitOfWork


async def record_payment(cmd: RecordPayment, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    performing.record_payment(case, cmd.number, cmd.paid_on, cmd.amount, cmd.actor, clock())
    await record_step(uow, case)
    return case.id


async def record_performance(cmd: RecordPerformance, uow: MediationUnitOfWork, clock: Clock) -> uuid.UUID:
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    performing.record_performed(case, cmd.performed_on, cmd.actor, clock())
    await record_step(uow, case)
    return case.id


async def apply_for_enforcement(
    cmd: ApplyForEnforcement, uow: MediationUnitOfWork, clock: Clock, rules: MediationRules
) -> uuid.UUID:
    """To the court that ruled, or (Interp. art. 460) a same-level court where the property is."""
    case = await load_case(uow, cmd.case_id)
    authorise_step(cmd.principal, case)
    ruling = case.application
    if ruling is None or ruling.status is not ApplicationStatus.RULED_VALID:
        raise StepNotPossible("No court has ruled this agreement valid", "该调解协议未经法院裁定确认有效")
    court_code, court_name = ruling.court_code, ruling.court_name
    if cmd.court_code and cmd.court_code != ruling.court_code:
        court_code, court_name = _same_level_court(rules, ruling.court_code, cmd.court_code)
    enforcement = performing.apply_enforcement(
        case,
        applicant_id=cmd.applicant_id,
        court_code=court_code,
        court_name=court_name,
        breached_obligation=cmd.breached_obligation,
        actor=cmd.actor,
        at=clock(),
    )
    await record_step(uow, case)
    return enforcement.id


def _same_level_court(rules: MediationRules, ruling_court: str, requested: str) -> tuple[str, str]:
    chosen = rules.courts.by_code(requested)
    ruling = rules.courts.by_code(ruling_court)
    if chosen is None:
        raise invalid(
            "court_code", "unknown_court", "The court is not in the court directory", "法院名录中没有该法院"
        )
    if ruling is not None and _tier(chosen.level) != _tier(ruling.level):
        raise invalid(
            "court_code",
            "not_same_level",
            "Apply to the ruling court or a court of the same level where the property is (Interp. art. 460)",
            "应向作出确认裁定的法院或与其同级的被执行财产所在地法院申请执行（民诉法解释第四百六十条）",
        )
    return chosen.code, chosen.name


def _tier(level: CourtLevel) -> str:
    return "intermediate" if level in (CourtLevel.INTERMEDIATE, CourtLevel.IP_COURT) else level.value
