"""Opening cases from routed complaints, and recording what other offices report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.opening import registration_number
from adjudication.domain.case.steps.opening import open_case
from adjudication.domain.commands.acceptance import OpenCaseFromComplaint
from adjudication.domain.commands.system import RecordForeignDocket, RecordForeignFinding
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.effects import Clock, record_case
from adjudication.unit_of_work import AdjudicationUnitOfWork


async def open_case_from_complaint(
    cmd: OpenCaseFromComplaint, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> Case:
    """Open a SUBMITTED case for the complaint, once: a complaint never gets two cases."""
    request = cmd.request
    existing = await uow.cases.for_complaint(request.complaint_id)
    if existing is not None:
        return existing
    opened_at = clock()
    sequence = await uow.case_numbers.next(f"registration-{opened_at.year}")
    priors = await uow.registry.prior_findings(
        patent_number=request.rights[0].number, subject_keys=[r.identity_key for r in request.respondents]
    )
    case = open_case(
        request,
        case_no=registration_number(opened_at.year, sequence),
        opened_at=opened_at,
        prior_findings=priors,
        rules=rules,
    )
    await record_case(uow, case, rules, new=True)
    return case


async def record_foreign_docket(cmd: RecordForeignDocket, uow: AdjudicationUnitOfWork) -> None:
    await uow.registry.record_docket(
        office_code=cmd.office_code,
        case_ref=cmd.case_ref,
        docket_no=cmd.docket_no,
        patent_number=cmd.patent_number,
        requester_key=cmd.requester_key,
        respondent_keys=cmd.respondent_keys,
        docketed_at=cmd.docketed_at,
    )


async def record_foreign_finding(cmd: RecordForeignFinding, uow: AdjudicationUnitOfWork) -> None:
    for subject_key, subject_name in cmd.subjects:
        await uow.registry.record_finding(
            office_code=cmd.office_code,
            decision_no=cmd.decision_no,
            patent_number=cmd.patent_number,
            subject_key=subject_key,
            subject_name=subject_name,
            effective_on=cmd.effective_on,
            case_id=None,
            source_event_id=f"{cmd.event_id}:{subject_key}",
        )


HANDLERS: dict[type[Any], Callable[..., Any]] = {
    OpenCaseFromComplaint: open_case_from_complaint,
    RecordForeignDocket: record_foreign_docket,
    RecordForeignFinding: record_foreign_finding,
}
