"""Mediation's command handlers. They change aggregates and record events; the caller commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from mediation.domain.case import MediationCase, mediation_number
from mediation.domain.commands import OpenMediationFromComplaint
from mediation.unit_of_work import MediationUnitOfWork
from shared.contracts.base import IpRef
from shared.contracts.mediation import MediationCaseOpenedV1

Clock = Callable[[], dt.datetime]


async def open_mediation_from_complaint(
    cmd: OpenMediationFromComplaint, uow: MediationUnitOfWork, clock: Clock
) -> MediationCase:
    """Open a REQUESTED mediation case for the complaint, once."""
    existing = await uow.cases.for_complaint(cmd.complaint_id)
    if existing is not None:
        return existing
    opened_at = clock()
    sequence = await uow.case_numbers.next(f"mediation-{opened_at.year}")
    case = MediationCase.request(
        case_no=mediation_number(opened_at.year, sequence),
        complaint_id=cmd.complaint_id,
        ip_type=cmd.ip_type,
        right_number=cmd.right_number,
        applicant=cmd.applicant,
        other_parties=cmd.other_parties,
        opened_at=opened_at,
    )
    await uow.cases.add(case)
    uow.outbox.add(_opened_event(case), key=case.id)
    return case


def _opened_event(case: MediationCase) -> MediationCaseOpenedV1:
    return MediationCaseOpenedV1(
        case_id=case.id,
        case_no=case.case_no,
        complaint_id=case.complaint_id,
        state=case.state.value,
        opened_at=case.opened_at,
        subject_ids=tuple(p.credit_code for p in (case.applicant, *case.other_parties) if p.credit_code),
        ip_refs=(IpRef(type=case.ip_type.value, reg_no=case.right_number),),
    )


COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {
    OpenMediationFromComplaint: open_mediation_from_complaint
}
