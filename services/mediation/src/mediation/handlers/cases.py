"""Loading cases for a command, and ending every step the same way (``shared.steps.StepEffects``)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Final

from mediation.domain.case import AGGREGATE_TYPE, MediationCase, mediation_number
from mediation.domain.errors import ApplicationNotFound, MediationCaseNotFound
from mediation.publishing import CASES
from mediation.unit_of_work import MediationUnitOfWork
from shared.calendar.local_time import local_date
from shared.domain.events import DomainEvent
from shared.steps import StepEffects

Clock = Callable[[], dt.datetime]
CASE_STEPS: Final = StepEffects(AGGREGATE_TYPE, CASES)
"""A case's step: save it, append its events to the case record, publish, apply its timer changes."""


async def record_step(uow: MediationUnitOfWork, case: MediationCase) -> list[DomainEvent]:
    """The end of every step on a case (the bus or the consumer commits)."""
    return await CASE_STEPS.record(uow, case, save=lambda: uow.cases.save(case))


async def load_case(uow: MediationUnitOfWork, case_id: uuid.UUID) -> MediationCase:
    """The case, locked until the transaction ends (commands on one case queue up)."""
    case = await uow.cases.get(case_id)
    if case is None:
        raise MediationCaseNotFound(f"Mediation case {case_id} not found", f"调解案件 {case_id} 不存在")
    return case


async def load_case_of_application(uow: MediationUnitOfWork, application_id: uuid.UUID) -> MediationCase:
    case_id = await uow.cases.case_id_for_application(application_id)
    if case_id is None:
        raise ApplicationNotFound(
            f"Application {application_id} not found", f"司法确认申请 {application_id} 不存在"
        )
    return await load_case(uow, case_id)


async def next_case_number(uow: MediationUnitOfWork, at: dt.datetime) -> str:
    year = local_date(at).year
    return mediation_number(year, await uow.case_numbers.next(f"mediation-{year}"))
