"""Audit entries for the mutations that are not steps of an aggregate (``StepEffects`` records those):
grades, parked inputs and their settlement, sightings and infringement findings.

Each entry is appended in the handler's transaction, so it commits with the change or not at all;
the action is the request's (``credit.grade.import``), or ``credit.<what>`` for an event or timer.
"""

from __future__ import annotations

import uuid

from credit.unit_of_work import CreditUnitOfWork
from shared.audit.trail import current_context


def audit(
    uow: CreditUnitOfWork, action: str, object_type: str, object_id: uuid.UUID | str, **details: object
) -> None:
    uow.audit.record(
        current_context().action or f"credit.{action}",
        object_type=object_type,
        object_id=object_id,
        details={
            key: str(value) if isinstance(value, uuid.UUID) else value for key, value in details.items()
        },
    )
