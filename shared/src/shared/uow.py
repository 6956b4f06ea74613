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
from shared.db import execute_alone
from shared.messaging.outbox import Outbox, events_json, outbox_insert_sql
from shared.messaging.tables import MessagingTables
from shared.pending_inserts import PendingInserts, columns_of, insert_sql, rows_json
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
    inserts: PendingInserts

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
        self.inserts = PendingInserts()
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
        """Write the queued rows (:attr:`inserts`), the events and the audit entries (unsealed: the
        worker's sealer chains them after commit) in one statement — each table's rows as one JSON
        parameter, in a data-modifying CTE — and commit. If the step executed nothing before, that
        statement is the whole transaction and runs as one (no ``BEGIN``/``COMMIT`` round trips)."""
        events, entries, audit = self.outbox.take(), self.audit.take(), self.tables.audit
        params: dict[str, str] = {}
        inserts: list[str] = []
        for n, (table, rows) in enumerate(self.inserts.take()):
            params[f"rows{n}"] = rows_json(rows)
            inserts.append(insert_sql(table, columns_of(rows), f"rows{n}"))
        if entries and audit is not None:
            params["entries"] = entries_json(entries)
            inserts.append(pending_insert_sql(self.tables.schema))
        if events:
            params["events"] = events_json(events)
            inserts.append(outbox_insert_sql(self.tables.schema))
        if inserts:
            # A step that sent nothing else writes everything in this one statement: then it is
            # its own transaction, without the BEGIN and COMMIT round trips (shared.db.execute_alone).
            await execute_alone(self.session, _write_sql(tuple(inserts)), params)
        await self.session.commit()

    async def rollback(self) -> None:
        self.inserts.discard()
        self.outbox.discard()
        self.audit.discard()
        await self.session.rollback()


@functools.cache
def _write_sql(inserts: tuple[str, ...]) -> TextClause:
    """One statement for a commit's inserts: all but the last in a data-modifying CTE."""
    *first, last = inserts
    ctes = ", ".join(f"w{n} AS ({sql})" for n, sql in enumerate(first))
    return text(f"WITH {ctes} {last}" if ctes else last)
