"""Loading cases for a command, and what every handler is given."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from mediation.domain.case import MediationCase, mediation_number
from mediation.domain.errors import ApplicationNotFound, MediationCaseNotFound
from mediation.domain.local_time import local_date
from mediation.unit_of_work import MediationUnitOfWork

Clock = Callable[[], dt.datetime]


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
