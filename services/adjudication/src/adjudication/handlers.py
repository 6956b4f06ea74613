"""Adjudication's command handlers. They change aggregates and record events; the caller commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from adjudication.domain.case import Case, registration_number
from adjudication.domain.commands import OpenCaseFromComplaint
from adjudication.unit_of_work import AdjudicationUnitOfWork
from shared.contracts.adjudication import CaseOpenedV1
from shared.contracts.base import IpRef

Clock = Callable[[], dt.datetime]


async def open_case_from_complaint(
    cmd: OpenCaseFromComplaint, uow: AdjudicationUnitOfWork, clock: Clock
) -> Case:
    """Open a SUBMITTED case for the complaint, once: a complaint never gets two cases."""
    existing = await uow.cases.for_complaint(cmd.complaint_id)
    if existing is not None:
        return existing
    opened_at = clock()
    sequence = await uow.case_numbers.next(f"registration-{opened_at.year}")
    case = Case.open_from_complaint(
        case_no=registration_number(opened_at.year, sequence),
        complaint_id=cmd.complaint_id,
        complaint_reference=cmd.complaint_reference,
        ip_type=cmd.ip_type,
        patent_number=cmd.patent_number,
        requester=cmd.requester,
        respondents=cmd.respondents,
        opened_at=opened_at,
    )
    await uow.cases.add(case)
    uow.outbox.add(_opened_event(case), key=case.id)
    return case


def _opened_event(case: Case) -> CaseOpenedV1:
    return CaseOpenedV1(
        case_id=case.id,
        case_no=case.case_no,
        complaint_id=case.complaint_id,
        state=case.state.value,
        opened_at=case.opened_at,
        subject_ids=tuple(p.credit_code for p in (case.requester, *case.respondents) if p.credit_code),
        ip_refs=(IpRef(type=case.ip_type.value, reg_no=case.patent_number),),
    )


COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {OpenCaseFromComplaint: open_case_from_complaint}
