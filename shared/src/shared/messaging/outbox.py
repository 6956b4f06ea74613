"""Stage events during a unit of work and write them to the outbox in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession

from shared import tracing
from shared.contracts import CloudEvent, EventData
from shared.logs import current_causation_id, current_correlation_id


def event_source(office_code: str, service: str) -> str:
    """CloudEvents ``source``: the producing office (§H ``producer``) and service."""
    return f"/ipcase/{office_code}/{service}"


class Outbox:
    """Events recorded by one unit of work; :meth:`flush` inserts them just before commit.

    The correlation and causation ids come from the current request or consumed event, so callers
    never pass them by hand.
    """

    def __init__(self, table: Table, source: str) -> None:
        self._table = table
        self._source = source
        self._pending: list[dict[str, Any]] = []

    def add(self, data: EventData, *, key: str | UUID, subject: str | None = None) -> CloudEvent:
        """Record ``data`` for publication on its contract's topic, keyed by ``key`` (the aggregate id)."""
        event = CloudEvent.from_data(
            data,
            source=self._source,
            subject=subject or str(key),
            correlation_id=current_correlation_id(),
            causation_id=current_causation_id(),
        )
        self._pending.append(
            {
                "event_id": UUID(event.id),
                "topic": data.topic,
                "partition_key": str(key),
                "event_type": event.type,
                "headers": {**dict(event.header_attributes()), **tracing.current_headers()},
                "payload": event.data,
            }
        )
        return event

    def add_event(
        self, event: CloudEvent, *, topic: str, key: str | UUID, extensions: Mapping[str, str] | None = None
    ) -> None:
        """Record an event built (and perhaps signed) by the caller, for ``topic``.

        For events whose topic is chosen per record (a partner's own feed, ``partner.<code>.feed``)
        and whose extension attributes (``ipcasesig``) cover the exact id and time: ``extensions``
        travel as ``ce_<name>`` headers next to the event's own.
        """
        headers = dict(event.header_attributes())
        headers.update({f"ce_{name}": value for name, value in (extensions or {}).items()})
        self._pending.append(
            {
                "event_id": UUID(event.id),
                "topic": topic,
                "partition_key": str(key),
                "event_type": event.type,
                "headers": {**headers, **tracing.current_headers()},
                "payload": event.data,
            }
        )

    @property
    def pending(self) -> int:
        return len(self._pending)

    async def flush(self, session: AsyncSession) -> None:
        if self._pending:
            rows, self._pending = self._pending, []
            await session.execute(insert(self._table), rows)

    def discard(self) -> None:
        self._pending.clear()
