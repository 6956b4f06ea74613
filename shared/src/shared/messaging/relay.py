"""The outbox relay: publishes a service's outbox to Kafka, in order, as the single leader.

One relay per service holds a PostgreSQL advisory lock, so with several replicas exactly one
publishes and per-key order holds. It wakes on the outbox trigger's NOTIFY (with a slow poll as a
safety net), sends rows in ``id`` order grouped by partition — each partition's rows go as whole
batches, one after another, so a failure never lets a later event of a key overtake an earlier
one — and marks what the broker acknowledged. While the broker is away it backs off and retries;
nothing is marked published that was not acknowledged.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import asyncpg
import structlog
from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from aiokafka.partitioner import DefaultPartitioner
from opentelemetry.trace import SpanKind
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from shared import tracing
from shared.db import is_database_unavailable
from shared.kafka.clients import KafkaConfig, make_producer
from shared.kafka.identity import BrokerGuard
from shared.liveness import Pulse
from shared.messaging import maintenance, wakeup
from shared.messaging.tables import MessagingTables, outbox_channel
from shared.metrics import OUTBOX_PUBLISH_FAILURES, OUTBOX_PUBLISHED, OUTBOX_REPLAYED, RELAY_LEADER
from shared.outage import Outage
from shared.retry import Backoff, reraise_if_cancelling, sleep_unless_stopped, wait_any

log = structlog.get_logger(__name__)
LEADER_RETRY_SECONDS = 2.0
CONNECT_TIMEOUT_SECONDS = 5.0
OUTAGE_RETRY_MAX_SECONDS = 5.0  # the relay is the pipeline's bottleneck after an outage: look often


@dataclass(frozen=True, slots=True)
class PendingEvent:
    id: int
    topic: str
    partition_key: str
    headers: dict[str, str]
    payload: dict[str, Any]
    created_at: dt.datetime


class PublishFailed(Exception):
    """The broker did not acknowledge some events; they stay pending and are retried."""


@dataclass(frozen=True, slots=True)
class RelayOptions:
    batch_size: int = 500
    poll_interval: timedelta = timedelta(seconds=5)
    retention: timedelta = timedelta(days=7)
    inbox_retention: timedelta = timedelta(days=30)
    housekeeping_interval: timedelta = timedelta(minutes=10)


class OutboxRelay:
    def __init__(
        self,
        *,
        service: str,
        tables: MessagingTables,
        session_factory: async_sessionmaker[AsyncSession],
        dsn: str,
        kafka: KafkaConfig,
        options: RelayOptions,
    ) -> None:
        self._service = service
        self._tables = tables
        self._sessions = session_factory
        self._dsn = dsn
        self._kafka = kafka
        self._options = options
        self._partitioner = DefaultPartitioner()
        self.is_leader = False

    async def run(self, stop: asyncio.Event, pulse: Pulse | None = None, *, cluster_id: str) -> None:
        """Relay until ``stop`` is set, waiting out database and broker outages."""
        pulse = pulse or Pulse("outbox-relay")
        database = Outage("database", f"{self._service}.outbox-relay", pulse)
        backoff = Backoff(maximum=OUTAGE_RETRY_MAX_SECONDS)
        while not stop.is_set():
            try:
                await self._lead(cluster_id, stop, pulse, database)
            except Exception as exc:
                reraise_if_cancelling()
                if not is_database_unavailable(exc):
                    raise
                database.failed(exc)
                if await sleep_unless_stopped(stop, backoff.next_delay()):
                    return

    async def _lead(self, cluster_id: str, stop: asyncio.Event, pulse: Pulse, database: Outage) -> None:
        connection = await asyncpg.connect(self._dsn, timeout=CONNECT_TIMEOUT_SECONDS)
        lost = asyncio.Event()
        connection.add_termination_listener(lambda _: lost.set())
        try:
            if not await self._become_leader(connection, stop, pulse):
                return
            database.recovered()
            wake = asyncio.Event()
            await connection.add_listener(outbox_channel(self._tables.schema), lambda *_: wake.set())
            await self._adopt_broker(cluster_id)
            guard = BrokerGuard(self._kafka, cluster_id)
            try:
                await self._relay(wake, lost, stop, guard, pulse, connection)
            finally:
                await guard.close()
        finally:
            self._set_leader(False)
            pulse.backlog(0)
            await _close_quietly(connection)

    async def _become_leader(self, connection: asyncpg.Connection, stop: asyncio.Event, pulse: Pulse) -> bool:
        lock_name = f"ipcase.outbox.{self._tables.schema}"
        while not await connection.fetchval("SELECT pg_try_advisory_lock(hashtext($1))", lock_name):
            pulse.beat()  # a standby replica: another process publishes this outbox
            if await sleep_unless_stopped(stop, LEADER_RETRY_SECONDS):
                return False
        self._set_leader(True)
        log.info("outbox relay leading", service=self._service)
        return True

    def _set_leader(self, leading: bool) -> None:
        self.is_leader = leading
        RELAY_LEADER.labels(self._service).set(1 if leading else 0)

    async def _adopt_broker(self, cluster_id: str) -> None:
        async with self._sessions() as session, session.begin():
            replayed = await maintenance.adopt_broker(session, self._tables, cluster_id)
        if replayed:
            OUTBOX_REPLAYED.labels(self._service).inc(replayed)
            log.info(
                "new broker: outbox replayed", service=self._service, events=replayed, cluster=cluster_id
            )

    async def _relay(
        self,
        wake: asyncio.Event,
        lost: asyncio.Event,
        stop: asyncio.Event,
        guard: BrokerGuard,
        pulse: Pulse,
        connection: asyncpg.Connection,
    ) -> None:
        backoff = Backoff(maximum=10.0)
        broker = Outage("broker", f"{self._service}.outbox-relay", pulse)
        next_housekeeping = 0.0
        producer: AIOKafkaProducer | None = None
        try:
            while not stop.is_set():
                pulse.beat()
                if lost.is_set():
                    raise ConnectionError("lost the leader connection to PostgreSQL")
                wake.clear()
                try:
                    producer = producer or await self._start_producer()
                    relayed = await self._publish_batch(producer, guard, pulse, connection)
                except (PublishFailed, KafkaError, OSError, TimeoutError) as exc:
                    reraise_if_cancelling()
                    if is_database_unavailable(exc):
                        raise
                    OUTBOX_PUBLISH_FAILURES.labels(self._service).inc()
                    broker.failed(exc)
                    await _stop_quietly(producer)
                    producer = None
                    await sleep_unless_stopped(stop, backoff.next_delay())
                    continue
                broker.recovered()
                backoff.reset()
                if time.monotonic() >= next_housekeeping:
                    await self._housekeep()
                    next_housekeeping = time.monotonic() + self._options.housekeeping_interval.total_seconds()
                if relayed < self._options.batch_size:
                    await wait_any(wake, lost, stop, seconds=self._options.poll_interval.total_seconds())
        finally:
            await _stop_quietly(producer)

    async def _start_producer(self) -> AIOKafkaProducer:
        producer = make_producer(self._kafka)
        try:
            await producer.start()
        except BaseException:
            await _stop_quietly(producer)
            raise
        return producer

    async def _publish_batch(
        self, producer: AIOKafkaProducer, guard: BrokerGuard, pulse: Pulse, connection: asyncpg.Connection
    ) -> int:
        rows = await self._pending_rows()
        pulse.backlog(len(rows))
        if not rows:
            return 0
        # Before too: asking a replaced broker for a topic's partitions would create the topic
        # there with the broker's default partition count, under the new generation's feet.
        await guard.verify()
        by_partition = await self._group_by_partition(producer, rows)
        outcomes = await asyncio.gather(
            *(
                self._send_partition(producer, topic, partition, group)
                for (topic, partition), group in by_partition.items()
            )
        )
        # Acknowledged by *this* broker? Checked after the sends, so a broker replaced meanwhile is
        # caught: then nothing is marked published and the worker restarts against the new broker.
        await guard.verify()
        published = [row_id for ids, _ in outcomes for row_id in ids]
        if published:  # wake the idle consumers of these topics now (see shared.messaging.wakeup)
            sent = set(published)
            await wakeup.announce(connection, {row.topic for row in rows if row.id in sent})
        failures = [error for _, error in outcomes if error is not None]
        failed_ids = {row.id for row in rows} - set(published)
        await self._record_outcome(published, failed_ids, failures)
        OUTBOX_PUBLISHED.labels(self._service).inc(len(published))
        if published:
            pulse.progressed(len(published))
        if failures:
            raise PublishFailed(repr(failures[0]))
        return len(rows)

    async def _pending_rows(self) -> Sequence[PendingEvent]:
        outbox = self._tables.outbox
        query = (
            select(
                outbox.c.id,
                outbox.c.topic,
                outbox.c.partition_key,
                outbox.c.headers,
                outbox.c.payload,
                outbox.c.created_at,
            )
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.id)
            .limit(self._options.batch_size)
        )
        async with self._sessions() as session:
            return [PendingEvent(*row) for row in (await session.execute(query)).all()]

    async def _group_by_partition(
        self, producer: AIOKafkaProducer, rows: Sequence[PendingEvent]
    ) -> dict[tuple[str, int], list[PendingEvent]]:
        partitions: dict[str, list[int]] = {}
        groups: dict[tuple[str, int], list[PendingEvent]] = defaultdict(list)
        for row in rows:
            if row.topic not in partitions:
                partitions[row.topic] = sorted(await producer.partitions_for(row.topic))
            available = partitions[row.topic]
            partition = self._partitioner(row.partition_key.encode(), available, available)
            groups[(row.topic, partition)].append(row)
        return groups

    async def _send_partition(
        self, producer: AIOKafkaProducer, topic: str, partition: int, rows: list[PendingEvent]
    ) -> tuple[list[int], BaseException | None]:
        """Send ``rows`` as consecutive batches; stop at the first failure so order is kept."""
        published: list[int] = []
        batch, batch_ids = producer.create_batch(), list[int]()
        try:
            for row in rows:
                record = _record(row, partition)
                if batch.append(**record) is None:
                    await _send_batch(producer, batch, topic, partition, batch_ids)
                    published += batch_ids
                    batch, batch_ids = producer.create_batch(), []
                    if batch.append(**record) is None:
                        raise PublishFailed(f"event {row.id} exceeds the maximum batch size")
                batch_ids.append(row.id)
            await _send_batch(producer, batch, topic, partition, batch_ids)
            published += batch_ids
        except (KafkaError, OSError, PublishFailed, TimeoutError) as exc:
            return published, exc
        return published, None

    async def _record_outcome(
        self, published: list[int], failed: set[int], failures: list[BaseException]
    ) -> None:
        outbox = self._tables.outbox
        async with self._sessions() as session, session.begin():
            if published:
                await session.execute(
                    update(outbox).where(outbox.c.id.in_(published)).values(published_at=func.now())
                )
            if failed:
                await session.execute(
                    update(outbox)
                    .where(outbox.c.id.in_(failed))
                    .values(attempts=outbox.c.attempts + 1, last_error=repr(failures[0])[:1000])
                )

    async def _housekeep(self) -> None:
        async with self._sessions() as session, session.begin():
            purged = await maintenance.purge_published(
                session, self._tables, older_than=self._options.retention
            )
            forgotten = await maintenance.purge_inbox(
                session, self._tables, older_than=self._options.inbox_retention
            )
        if purged or forgotten:
            log.info("retention applied", service=self._service, outbox_purged=purged, inbox_purged=forgotten)


def _record(row: PendingEvent, partition: int) -> dict[str, Any]:
    headers = dict(row.headers)
    if tracing.enabled():
        # The publish span continues the trace of whoever wrote the event; the consumer's span
        # continues from it.
        with tracing.span(
            f"{row.topic} publish",
            parent=tracing.context_from_stored(row.headers),
            kind=SpanKind.PRODUCER,
            attributes={
                "messaging.system": "kafka",
                "messaging.destination.name": row.topic,
                "messaging.destination.partition.id": str(partition),
                "messaging.message.id": str(row.headers.get("ce_id", "")),
                "ipcase.outbox.id": row.id,
            },
        ):
            tracing.inject_into(headers)
    return {
        "key": row.partition_key.encode(),
        "value": json.dumps(row.payload, ensure_ascii=False, separators=(",", ":")).encode(),
        "timestamp": int(row.created_at.timestamp() * 1000),
        "headers": [(name, str(value).encode()) for name, value in headers.items()],
    }


async def _send_batch(
    producer: AIOKafkaProducer, batch: Any, topic: str, partition: int, ids: list[int]
) -> None:
    if ids:
        delivery = await producer.send_batch(batch, topic, partition=partition)
        await delivery


async def _close_quietly(connection: asyncpg.Connection) -> None:
    # Closing a connection the server already dropped can itself fail; the close is best effort.
    try:
        async with asyncio.timeout(CONNECT_TIMEOUT_SECONDS):
            await connection.close()
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        log.debug("leader connection close failed", error=repr(exc))
        connection.terminate()


async def _stop_quietly(producer: AIOKafkaProducer | None) -> None:
    if producer is not None:
        try:
            await producer.stop()
        except (KafkaError, OSError) as exc:
            log.debug("producer stop failed", error=repr(exc))
