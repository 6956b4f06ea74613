"""Waking feed readers and the webhook dispatcher when a partner's feed grows: LISTEN/NOTIFY.

An append notifies ``ipcase_partner_feed`` with the partner code inside its transaction, so the
notification is delivered on commit, when the entry is visible. One listener per process sets the
waiting requests' events. The bell is a hint: a reader that misses it (listener reconnecting, API
and worker on different databases) reads again after the fallback interval, so it costs latency,
never an event.
"""

from __future__ import annotations

import asyncio
from typing import Any

import asyncpg
import structlog
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from shared.retry import Backoff, reraise_if_cancelling, sleep_unless_stopped, wait_any

log = structlog.get_logger(__name__)
CHANNEL = "ipcase_partner_feed"
ANY = "*"


async def notify(session: AsyncSession, partner_codes: list[str]) -> None:
    """Announce appends to these feeds; delivered when (and if) the transaction commits."""
    await session.execute(
        text("SELECT pg_notify(:channel, code) FROM unnest(CAST(:codes AS text[])) AS code"),
        {"channel": CHANNEL, "codes": partner_codes},
    )


class FeedBell:
    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._events: dict[str, asyncio.Event] = {}

    def event(self, partner_code: str = ANY) -> asyncio.Event:
        """The event set on the next append to ``partner_code``'s feed (any feed: ``ANY``).

        Take it *before* reading the feed: an append between the read and the wait still wakes.
        """
        return self._events.setdefault(partner_code, asyncio.Event())

    def ring(self, partner_code: str) -> None:
        for code in (partner_code, ANY):
            event = self._events.pop(code, None)
            if event is not None:
                event.set()

    def ring_all(self) -> None:
        events, self._events = self._events, {}
        for event in events.values():
            event.set()

    async def run(self, stop: asyncio.Event) -> None:
        backoff = Backoff(maximum=5.0)
        while not stop.is_set():
            try:
                await self._listen(stop)
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                reraise_if_cancelling()
                log.info("feed bell reconnecting", error=repr(exc))
                if await sleep_unless_stopped(stop, backoff.next_delay()):
                    return

    async def _listen(self, stop: asyncio.Event) -> None:
        connection = await asyncpg.connect(self._dsn, timeout=5.0)
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _: lost.set())
        try:
            await connection.add_listener(CHANNEL, self._on_notification)
            self.ring_all()
            while not stop.is_set() and not lost.is_set():
                await wait_any(stop, lost, seconds=5.0)
        finally:
            if not connection.is_closed():
                await connection.close()

    def _on_notification(self, connection: Any, pid: int, channel: str, payload: str) -> None:
        self.ring(payload)
