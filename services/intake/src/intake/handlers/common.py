"""Lookups and services that several handler modules share."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from intake.adapters.deadlines import DeadlineBook, Subject
from intake.config import IntakeConfig
from intake.domain.complaint import Complaint
from intake.domain.errors import ComplaintNotFound
from intake.unit_of_work import IntakeUnitOfWork

Clock = Callable[[], dt.datetime]

CORRECTION = "correction"
"""Step name of the correction deadline (the complaint's own timer)."""


async def complaint_for_update(uow: IntakeUnitOfWork, complaint_id: uuid.UUID) -> Complaint:
    complaint = await uow.complaints.get(complaint_id, for_update=True)
    if complaint is None:
        raise ComplaintNotFound(f"Complaint {complaint_id} not found", f"投诉 {complaint_id} 不存在")
    return complaint


def deadline_book(uow: IntakeUnitOfWork, config: IntakeConfig) -> DeadlineBook:
    return DeadlineBook(uow.session, uow.timers, config.province)


def complaint_subject(complaint: Complaint) -> Subject:
    return Subject(complaint_id=complaint.id, kind="complaint", id=complaint.id)
