"""What happens when a deadline comes near or runs out (the worker's TimerScheduler calls these).

Most deadlines only tell staff: the timeline records it and the queue shows the item overdue;
[U] consequences (e.g. refusing a complaint whose correction is late) stay a staff decision. The
art. 43 wait ([V]) ends the platform measures by law, so that one moves the notice itself.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import func, update

from intake.adapters.orm import deadlines
from intake.adapters.repository import append_timeline
from intake.domain.events import SYSTEM, DomainEvent
from intake.handlers.ecommerce import TERMINATION
from intake.unit_of_work import IntakeUnitOfWork
from shared.timers import DueTimer


async def on_deadline(timer: DueTimer, uow: Any) -> None:
    assert isinstance(uow, IntakeUnitOfWork)
    step = str(timer.payload.get("step", timer.name))
    if timer.is_warning:
        name, en, zh = (
            "DeadlineApproaching",
            f"Due soon: {step} ({timer.due_at.isoformat()})",
            f"即将到期：{step}",
        )
    else:
        name, en, zh = "DeadlinePassed", f"Deadline passed: {step}", f"已逾期：{step}"
    await _note(timer, uow, name, en, zh)


async def on_termination_due(timer: DueTimer, uow: Any) -> None:
    assert isinstance(uow, IntakeUnitOfWork)
    if timer.is_warning:
        await on_deadline(timer, uow)
        return
    notice = await uow.notices.get(uuid.UUID(timer.aggregate_id), for_update=True)
    if notice is None or notice.status.value != "WAITING_15D":
        return
    notice.terminate(SYSTEM, timer.due_at, "no complaint or suit notified within the art. 43 period")
    await uow.notices.save(notice)
    await uow.session.execute(
        update(deadlines)
        .where(deadlines.c.subject_id == notice.id, deadlines.c.step == TERMINATION)
        .values(status="met", closed_at=func.now())
    )


async def _note(timer: DueTimer, uow: IntakeUnitOfWork, name: str, en: str, zh: str) -> None:
    complaint_id = timer.payload.get("complaint_id")
    if complaint_id is None:
        return
    event = DomainEvent(
        name=name,
        complaint_id=uuid.UUID(str(complaint_id)),
        actor=SYSTEM,
        at=timer.due_at,
        summary=en,
        summary_zh=zh,
        subject=str(timer.payload.get("subject", "complaint")),
        subject_id=uuid.UUID(timer.aggregate_id),
    )
    await append_timeline(uow.session, [event])


TIMER_HANDLERS = {"intake.deadline": on_deadline, "intake.ecommerce_termination_due": on_termination_due}
