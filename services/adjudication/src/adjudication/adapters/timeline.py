"""The case timeline: every recorded event of a case, in order, with actor and legal basis."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adjudication.adapters.orm import case_events
from adjudication.domain.records import CaseEvent
from shared.logs import current_correlation_id


class Timeline:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def append(self, case_id: uuid.UUID, case_kind: str, events: Sequence[CaseEvent]) -> None:
        if not events:
            return
        correlation_id = current_correlation_id()
        await self._session.execute(
            insert(case_events),
            [
                {
                    "case_id": case_id,
                    "case_kind": case_kind,
                    "name": event.name,
                    "transition": event.transition,
                    "from_state": event.from_state,
                    "to_state": event.to_state,
                    "actor_kind": event.actor.kind.value,
                    "actor_id": event.actor.id,
                    "recorded_by": event.actor.recorded_by,
                    "occurred_at": event.at,
                    "basis": [str(c) for c in event.basis],
                    "details": event.details,
                    "advisories": [
                        {"code": a.code, "message": a.message, "message_zh": a.message_zh}
                        for a in event.advisories
                    ],
                    "correlation_id": correlation_id,
                }
                for event in events
            ],
        )
