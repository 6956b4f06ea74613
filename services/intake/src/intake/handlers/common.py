"""Lookups and the endings of steps that several handler modules share."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable

from intake.domain.access import authorise_step
from intake.domain.complaint import Complaint
from intake.domain.errors import ComplaintNotFound, InvalidComplaint
from intake.publishing import COMPLAINTS
from intake.unit_of_work import IntakeUnitOfWork
from shared.audit.trail import current_context
from shared.errors import FieldError
from shared.identity.principals import Principal

Clock = Callable[[], dt.datetime]


async def complaint_for_update(
    uow: IntakeUnitOfWork, complaint_id: uuid.UUID, principal: Principal | None = None
) -> Complaint:
    """The complaint, locked; a ``principal`` must be staff of its office (the object rules)."""
    complaint = await uow.complaints.get(complaint_id, for_update=True)
    if complaint is None:
        raise ComplaintNotFound(f"Complaint {complaint_id} not found", f"投诉 {complaint_id} 不存在")
    authorise_step(principal, complaint.office_code)
    return complaint


async def office_of(uow: IntakeUnitOfWork, complaint_id: uuid.UUID) -> str:
    """The office the complaint of a workflow record belongs to."""
    complaint = await uow.complaints.get(complaint_id)
    if complaint is None:
        raise ComplaintNotFound(f"Complaint {complaint_id} not found", f"投诉 {complaint_id} 不存在")
    return complaint.office_code


async def complaint_step(uow: IntakeUnitOfWork, complaint: Complaint, *, new: bool = False) -> None:
    """End a step on ``complaint``: store it (``new``: registered), record, publish, arm its timers."""
    save = uow.complaints.add if new else uow.complaints.save
    await COMPLAINTS.record(uow, complaint, save=lambda: save(complaint))


async def complaint_noted(uow: IntakeUnitOfWork, complaint: Complaint) -> None:
    """End a step that only noted something on the complaint's record (the complaint is unchanged)."""
    await COMPLAINTS.record(uow, complaint, save=_unchanged)


async def _unchanged() -> None:
    return None


def audit(uow: IntakeUnitOfWork, action: str, object_type: str, object_id: object, **details: object) -> None:
    """An audit entry for a change made outside a record's step (registries): same transaction."""
    uow.audit.record(
        current_context().action or f"intake.{action}",
        object_type=object_type,
        object_id=str(object_id),
        details={key: str(value) if value is not None else None for key, value in details.items()},
    )


def not_before(moment: dt.datetime, earliest: dt.datetime, field: str, what: str, what_zh: str) -> None:
    """A step cannot precede what it follows (a measure before the notice, an arrival before sending)."""
    if moment < earliest:
        en = f"{field} ({moment.isoformat()}) cannot be before {what} ({earliest.isoformat()})"
        zh = f"{field}（{moment.isoformat()}）不能早于{what_zh}（{earliest.isoformat()}）"
        raise InvalidComplaint(en, zh, field_errors=[FieldError(field, "before_its_object", en, zh)])
