"""Waking idle consumers when a relay has published: PostgreSQL LISTEN/NOTIFY as a doorbell.

An idle consumer that keeps fetching costs CPU in itself and in the broker all day (the embedded
broker does not answer a waiting fetch early, so only short fetch waits give low latency). Instead,
a consumer with nothing to read pauses its partitions (no fetches at all) until a relay announces
that it published to one of its topics, or until a slow fallback poll comes round. Every relay
announces the topics of each batch it published on :data:`CHANNEL`; one listener per worker process
rings the bell of every consumer of those topics.

The bell is only a hint: records reach a consumer from Kafka as before, so a lost notification, a
listener that is reconnecting, or a record produced by something other than a relay (a partner, a
replay tool) costs latency — at most the fallback poll interval — never a record.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Iterable

import asyncpg
import structlog

from shared.liveness import Pulse
from shared.outage import Outage
from shared.retry import Backoff, reraise_if_cancelling, sleep_unless_stopped, wait_any

log = structlog.get_logger(__name__)
CHANNEL = "ipcase_published"
CONNECT_TIMEOUT_SECONDS = 5.0
BEAT_SECONDS = 5.0


async def announce(connection: asyncpg.Connection, topics: Iterable[str]) -> None:
    """Tell every listening worker that ``topics`` have new records (outside any transaction)."""
    for topic in sorted(set(topics)):
        await connection.execute("SELECT pg_notify($1, $2)", CHANNEL, topic)


class Doorbells:
    """One :class:`asyncio.Event` per consumer, rung when a relay publishes to one of its topics.

    Run :meth:`run` as a worker part; the events are usable before it starts (they are then rung
    only by the consumers' fallback poll).
    """

    def __init__(self, dsn: str) -> None:
        self._dsn = dsn
        self._bells: dict[str, list[asyncio.Event]] = defaultdict(list)
        self.listening = False

    def bell(self, topics: Iterable[str]) -> asyncio.Event:
        event = asyncio.Event()
        for topic in topics:
            self._bells[topic].append(event)
        return event

    def ring(self, topic: str) -> None:
        for event in self._bells.get(topic, ()):
            event.set()

    def ring_all(self) -> None:
        """After (re)connecting: a notification may have been missed meanwhile."""
        for events in self._bells.values():
            for event in events:
                event.set()

    async def run(self, stop: asyncio.Event, pulse: Pulse) -> None:
        outage = Outage("database", "consumer-doorbells", pulse)
        backoff = Backoff(maximum=5.0)
        while not stop.is_set():
            pulse.beat()
            try:
                await self._listen(stop, pulse)
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                reraise_if_cancelling()
                outage.failed(exc)
                if await sleep_unless_stopped(stop, backoff.next_delay()):
                    return
            else:
                outage.recovered()

    async def _listen(self, stop: asyncio.Event, pulse: Pulse) -> None:
        connection = await asyncpg.connect(self._dsn, timeout=CONNECT_TIMEOUT_SECONDS)
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _: lost.set())
        try:
            await connection.add_listener(CHANNEL, self._on_notification)
            self.listening = True
            self.ring_all()
            while not stop.is_set():
                pulse.beat()
                await wait_any(stop, lost, seconds=BEAT_SECONDS)
                if lost.is_set():
                    raise ConnectionError("lost the doorbell connection to PostgreSQL")
        finally:
            self.listening = False
            try:
                async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
                    await connection.close()
            except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError):
                connection.terminate()

    def _on_notification(self, connection: object, pid: int, channel: str, payload: str) -> None:
        self.ring(payload)
