"""After a command changed a case: arm its timers, save it, write its history, publish its events.

One function, used by every command handler and timer handler, so a change has the same effects
however it arrived (API, consumed event, or a timer firing).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from collections.abc import Mapping
from decimal import Decimal
from enum import Enum
from typing import Any

from mediation.adapters.case_mapping import history_row
from mediation.domain.case import MediationCase
from mediation.domain.events import CaseEvent
from mediation.domain.parties import Actor
from mediation.handlers.deadlines import DeadlinePlanner
from mediation.publishing import contracts_for
from mediation.rules import MediationRules
from mediation.unit_of_work import MediationUnitOfWork

_BASE_FIELDS = frozenset({"case_id", "actor", "at", "from_state", "to_state"})


async def save_changes(
    case: MediationCase, uow: MediationUnitOfWork, rules: MediationRules
) -> list[CaseEvent]:
    """Apply the effects of every event the case recorded since it was loaded; return the events."""
    events = case.collect_events()
    planner = DeadlinePlanner(case, uow, rules)
    for event in events:
        await planner.plan(event)
    await uow.cases.save(case)
    await uow.cases.add_history([history_row(case.id, e, event_details(e)) for e in events])
    for event in events:
        for contract in contracts_for(event, case):
            uow.outbox.add(contract, key=case.id)
    return events


def event_details(event: CaseEvent) -> dict[str, Any]:
    """The event's own facts, JSON-ready, for the history."""
    return {
        f.name: _json(getattr(event, f.name)) for f in dataclasses.fields(event) if f.name not in _BASE_FIELDS
    }


def _json(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, uuid.UUID | Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_json(v) for v in value]
    if isinstance(value, Actor):
        return value.as_dict()
    if isinstance(value, Mapping):
        return {str(k): _json(v) for k, v in value.items()}
    return value
