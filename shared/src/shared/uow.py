"""The unit of work: one database transaction plus the events it records in the outbox.

The entry point (a route, through the message bus, or the consumer runner) owns the transaction:
handlers change aggregates and record events but never commit. A service subclasses
:class:`UnitOfWork` to expose its repositories, built from the session in :meth:`_bind`.
"""

from __future__ import annotations

from types import TracebackType
from typing import Any, Protocol, Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.audit.trail import AuditTrail
from shared.messaging.outbox import Outbox
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
        await self.outbox.flush(self.session)
        await self.audit.flush(self.session)  # unsealed: the worker's sealer chains them after commit
        await self.session.commit()

    async def rollback(self) -> None:
        self.outbox.discard()
        self.audit.discard()
        await self.session.rollback()
