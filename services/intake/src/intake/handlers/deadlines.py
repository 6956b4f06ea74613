"""What happens when a deadline comes near or runs out (timers fire these commands through the bus).

Most deadlines only tell staff: the complaint's record notes it and the queue shows the item
overdue; [U] consequences (e.g. refusing a complaint whose correction is late) stay a staff
decision. The art. 43 wait ([V]) ends the platform measures by law, so that one moves the notice.
"""

from __future__ import annotations

import uuid

from intake.domain import commands as c
from intake.domain.deadlines import TERMINATION
from intake.domain.ecommerce_notice import NoticeStatus
from intake.domain.events import INTAKE
from intake.handlers.common import complaint_noted
from intake.publishing import NOTICES
from intake.unit_of_work import IntakeUnitOfWork
from shared.domain.deadlines import DeadlineReached


async def reach_deadline(cmd: c.ReachDeadline, uow: IntakeUnitOfWork) -> None:
    await _note(cmd, uow)


async def reach_notice_deadline(cmd: c.ReachNoticeDeadline, uow: IntakeUnitOfWork) -> None:
    if cmd.warning or cmd.deadline != TERMINATION:
        await _note(cmd, uow)
        return
    notice = await uow.notices.get(uuid.UUID(cmd.aggregate_id), for_update=True)
    if notice is None or notice.status is not NoticeStatus.WAITING_15D:
        return
    notice.terminate(INTAKE, cmd.due_at, "no complaint or suit notified within the art. 43 period")
    await NOTICES.record(uow, notice, save=lambda: uow.notices.save(notice), parent_id=notice.complaint_id)


async def _note(cmd: DeadlineReached, uow: IntakeUnitOfWork) -> None:
    """Note on the complaint's record that the deadline of the complaint or its record came near or passed."""
    complaint_id = cmd.payload.get("complaint_id")
    complaint = None if complaint_id is None else await uow.complaints.get(uuid.UUID(str(complaint_id)))
    if complaint is None:
        return
    subject = (str(cmd.payload.get("subject", "complaint")), uuid.UUID(cmd.aggregate_id))
    step = str(cmd.payload.get("step", cmd.deadline))
    complaint.deadline_reached(subject, step, cmd.due_at, warning=cmd.warning)
    await complaint_noted(uow, complaint)
