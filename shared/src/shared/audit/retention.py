"""Audit retention: entries older than ``AUDIT_RETENTION`` (never under 180 days) are purged, daily.

Only entries already sealed by a signed checkpoint are purged, through the ``audit_purge``
database function — the one way rows ever leave the append-only log — so the trail that remains
still verifies from its oldest entry onwards.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared.audit.tables import AuditTables
from shared.liveness import Pulse
from shared.outage import Round, run_rounds

log = structlog.get_logger(__name__)
PURGE_INTERVAL_SECONDS = 24 * 3600.0


class RetentionPurge:
    def __init__(
        self, *, sessions: async_sessionmaker[AsyncSession], tables: AuditTables, retention: dt.timedelta
    ) -> None:
        self._sessions, self._tables, self._retention = sessions, tables, retention

    async def run(
        self, stop: asyncio.Event, pulse: Pulse, *, interval: float = PURGE_INTERVAL_SECONDS
    ) -> None:
        """Purge once a day; a database outage is waited out (backoff), then the purge runs."""
        part = f"audit-retention.{self._tables.schema}"
        await run_rounds(part, self._round, stop, pulse, idle_seconds=interval)

    async def _round(self, stop: asyncio.Event) -> Round:
        return Round(done=await self.purge(), again=False)

    async def purge(self, now: dt.datetime | None = None) -> int:
        keep_after = (now or dt.datetime.now(dt.UTC)) - self._retention
        async with self._sessions() as session, session.begin():
            purged = int(
                await session.scalar(
                    text(f'SELECT "{self._tables.schema}".audit_purge(:keep_after)'),
                    {"keep_after": keep_after},
                )
                or 0
            )
        if purged:
            log.info("audit entries past retention purged", schema=self._tables.schema, purged=purged)
        return purged
