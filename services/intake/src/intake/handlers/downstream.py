"""Closing the loop: outcomes announced by adjudication and mediation update the complaint."""

from __future__ import annotations

import structlog

from intake.domain import commands as c
from intake.domain.complaint import Downstream
from intake.domain.events import service
from intake.handlers.common import complaint_for_update, complaint_step
from intake.unit_of_work import IntakeUnitOfWork

log = structlog.get_logger(__name__)


async def note_case_opened(cmd: c.NoteCaseOpened, uow: IntakeUnitOfWork) -> None:
    complaint = await uow.complaints.get(cmd.complaint_id, for_update=True)  # read once, locked
    if complaint is None:
        log.info("case opened for a complaint intake does not know", complaint_id=str(cmd.complaint_id))
        return
    await uow.downstream.remember(cmd.case_id, cmd.service, cmd.complaint_id)
    downstream = Downstream(
        service=cmd.service, case_id=cmd.case_id, case_no=cmd.case_no, state=cmd.state, updated_at=cmd.at
    )
    complaint.case_opened(downstream, service(cmd.service), cmd.state_text)
    await complaint_step(uow, complaint)


async def note_case_concluded(cmd: c.NoteCaseConcluded, uow: IntakeUnitOfWork) -> None:
    complaint_id = cmd.complaint_id or await uow.downstream.complaint_of(cmd.case_id)
    if complaint_id is None or await uow.complaints.get(complaint_id) is None:
        log.info("outcome of a case that did not come from intake", case_id=str(cmd.case_id))
        return
    complaint = await complaint_for_update(uow, complaint_id)
    downstream = Downstream(
        service=cmd.service, case_id=cmd.case_id, case_no=cmd.case_no, state=cmd.result, updated_at=cmd.at
    )
    complaint.case_concluded(downstream, cmd.result, service(cmd.service), cmd.result_text)
    await complaint_step(uow, complaint)


async def note_case_moved(cmd: c.NoteCaseMoved, uow: IntakeUnitOfWork) -> None:
    """Only the state now, beside the map of cases to complaints (the complaint is not rewritten)."""
    if not await uow.downstream.moved(cmd.case_id, cmd.state, cmd.at):
        log.debug("state of a case that did not come from intake", case_id=str(cmd.case_id))
