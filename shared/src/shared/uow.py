"""The unit of work: one database transaction plus the events it records in the outbox.

The entry point (a route, through the message bus, or the consumer runner) owns the transaction:
handlers change aggregates and record events but never commit. A service subclasses
:class:`UnitOfWork` to expose its repositories, built from the session in :meth:`_bind`.
"""

from __future__ import annotations

import functools
from types import TracebackType
from typing import Any, Protocol, Self

from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.audit.trail import AuditTrail, entries_json, pending_insert_sql
from shared.messaging.outbox import Outbox, events_json, outbox_insert_sql
from shared.messaging.tables import MessagingTables
from shared.timers.store import Timers


class Transaction(Protocol):
    """What the message bus needs of a unit of work: the real one below and the test fakes alike."""

    async def __aenter__(self) -> Any: ...

    async def __aexit__(self, *exc: Any) -> Any: ...

    async def commit(self) -> None: ...


class UnitOfWork:
    session: AsyncSession
    outbox: Outbox
    timers: Timers
    audit: AuditTrail

    def __init__(
        self, session_factory: async_sessionmaker[AsyncSession], tables: MessagingTables, source: str
    ) -> None:
        self._session_factory = session_factory
        self.tables = tables
        self._source = source

    async def __aenter__(self) -> Self:
        self.session = self._session_factory()
        self.outbox = Outbox(self.tables.outbox, self._source)
        self.audit = AuditTrail(self.tables.audit)
        self.timers = Timers(self.session, self.tables.timers)
        self._bind(self.session)
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            await self.rollback()
        finally:
            await self.session.close()

    def _bind(self, session: AsyncSession) -> None:
        """Build the service's repositories on ``session``; the base has none."""

    async def commit(self) -> None:
        """Write the events and the audit entries (unsealed: the worker's sealer chains them after
        commit) in one statement — each as one JSON parameter — and commit."""
        events, entries, audit = self.outbox.take(), self.audit.take(), self.tables.audit
        params = {"events": events_json(events)} if events else {}
        if entries and audit is not None:
            params["entries"] = entries_json(entries)
        if params:
            await self.session.execute(
                _write_sql(self.tables.schema, bool(events), "entries" in params), params
            )
        await self.session.commit()

    async def rollback(self) -> None:
        self.outbox.discard()
        self.audit.discard()
        await self.session.rollback()


@functools.cache
def _write_sql(schema: str, events: bool, entries: bool) -> TextClause:
    """One statement for a commit's events and audit entries (the entries in a data-modifying CTE)."""
    if events and entries:
        return text(f"WITH audited AS ({pending_insert_sql(schema)}) {outbox_insert_sql(schema)}")
    return text(outbox_insert_sql(schema) if events else pending_insert_sql(schema))
