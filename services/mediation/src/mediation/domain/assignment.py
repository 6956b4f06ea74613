"""A mediator's assignment to a case, with the 3-WD confirm-or-decline rule (Online Rules art. 12)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum

from mediation.domain.parties import Actor


class AssignmentStatus(StrEnum):
    PENDING = "PENDING"  # waiting for the mediator's answer
    CONFIRMED = "CONFIRMED"
    DECLINED = "DECLINED"
    LAPSED = "LAPSED"  # no answer within the period
    REPLACED = "REPLACED"  # staff assigned someone else before an answer
    ENDED = "ENDED"  # the mediation is over, or another mediator took over

    @property
    def counts_as_load(self) -> bool:
        return self in (AssignmentStatus.PENDING, AssignmentStatus.CONFIRMED)


@dataclass(slots=True, kw_only=True)
class MediatorAssignment:
    id: uuid.UUID
    mediator_id: uuid.UUID
    organisation_id: uuid.UUID
    mediator_name: str
    organisation_name: str
    mediator_account: str | None
    assigned_at: dt.datetime
    assigned_by: Actor
    status: AssignmentStatus = AssignmentStatus.PENDING
    respond_by: dt.date | None = None
    responded_at: dt.datetime | None = None
    reason: str | None = None
