"""Lookups and the endings of steps that several handler modules share."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from intake.domain.complaint import Complaint
from intake.domain.errors import ComplaintNotFound
from intake.publishing import COMPLAINTS
from intake.unit_of_work import IntakeUnitOfWork

Clock = Callable[[], dt.datetime]


async def complaint_for_update(uow: IntakeUnitOfWork, complaint_id: uuid.UUID) -> Complaint:
    complaint = await uow.complaints.get(complaint_id, for_update=True)
    if complaint is None:
        raise ComplaintNotFound(f"Complaint {complaint_id} not found", f"投诉 {complaint_id} 不存在")
    return complaint


async def complaint_step(uow: IntakeUnitOfWork, complaint: Complaint, *, new: bool = False) -> None:
    """End a step on ``complaint``: store it (``new``: registered), record, publish, arm its timers."""
    save = uow.complaints.add if new else uow.complaints.save
    await COMPLAINTS.record(uow, complaint, save=lambda: save(complaint))


async def complaint_noted(uow: IntakeUnitOfWork, complaint: Complaint) -> None:
    """End a step that only noted something on the complaint's record (the complaint is unchanged)."""
    await COMPLAINTS.record(uow, complaint, save=_unchanged)


async def _unchanged() -> None:
    return None
