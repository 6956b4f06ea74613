"""A mediator's assignment to a case, with the 3-WD confirm-or-decline rule (Online Rules art. 12)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from mediation.domain.errors import AssignmentAlreadyAnswered
from mediation.domain.events import EventName as E
from mediation.domain.law import ONLINE_RULES_12
from shared.domain.actors import Actor
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition


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


A = AssignmentStatus

ASSIGNMENT_STEPS: Final = TransitionTable(
    AssignmentStatus,
    [
        transition(
            "confirm", [A.PENDING], A.CONFIRMED, event=E.ASSIGNMENT_CONFIRMED, basis=[ONLINE_RULES_12]
        ),
        transition("decline", [A.PENDING], A.DECLINED, event=E.ASSIGNMENT_DECLINED, basis=[ONLINE_RULES_12]),
        transition(
            "lapse",
            [A.PENDING],
            A.LAPSED,
            event=E.ASSIGNMENT_LAPSED,
            guard="no answer within 3 WD, or the court's assignment went back",
            basis=[ONLINE_RULES_12],
        ),
        transition(
            "replace",
            [A.PENDING],
            A.REPLACED,
            event=E.ASSIGNMENT_ENDED,
            guard="staff assigned another mediator before an answer",
        ),
        transition(
            "end",
            [A.PENDING, A.CONFIRMED],
            A.ENDED,
            event=E.ASSIGNMENT_ENDED,
            guard="the mediation is over, or another mediator confirmed",
        ),
    ],
)
ASSIGNMENTS: Final = StatusMachine(ASSIGNMENT_STEPS, AssignmentAlreadyAnswered)


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
