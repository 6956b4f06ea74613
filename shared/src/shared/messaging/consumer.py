"""The idempotent consumer runner: at-least-once delivery with exactly-once effects.

For each record: parse the CloudEvent, validate its data against the contract, then in ONE database
transaction claim the inbox row and run the handler; commit; only then commit the Kafka offset.
A redelivered event finds its inbox row and is skipped. A handler that keeps failing is retried a
bounded number of times with backoff, then the record goes to ``<topic>.dlq`` with error headers
and the partition moves on. Losing the database is not the record's fault: such errors are retried
until the database is back, never dead-lettered.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import traceback
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any, Generic, TypeVar

import asyncpg
import structlog
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, ConsumerRecord, TopicPartition
from aiokafka.errors import CommitFailedError, IllegalStateError, KafkaError
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from shared.contracts import CloudEvent, EventData, MalformedEvent, dead_letter_topic
from shared.kafka.clients import KafkaConfig, make_consumer, make_producer
from shared.kafka.identity import BrokerGuard
from shared.logs import correlation_scope
from shared.messaging import inbox
from shared.metrics import CONSUMER_LAG, CONSUMER_MESSAGES, CONSUMER_RETRIES
from shared.retry import Backoff, sleep_unless_stopped
from shared.uow import UnitOfWork

log = structlog.get_logger(__name__)
E = TypeVar("E", bound=EventData)
U = TypeVar("U", bound=UnitOfWork)
Handler = Callable[[Any, CloudEvent, Any], Awaitable[None]]


class Outcome(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    DEAD_LETTERED = "dead_lettered"


class UnsupportedVersion(MalformedEvent):
    code = "unsupported_event_version"
    title = "This consumer does not handle this version of the event"
    title_zh = "消费者不支持该事件版本"


@dataclass(frozen=True, slots=True)
class Subscription(Generic[E, U]):
    """``handler(data, event, uow)`` runs for every ``contract`` event, inside the inbox transaction."""

    contract: type[E]
    handler: Callable[[E, CloudEvent, U], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class ConsumerOptions:
    max_attempts: int = 5
    retry_backoff: timedelta = timedelta(milliseconds=200)
    retry_backoff_max: timedelta = timedelta(seconds=5)
    poll_timeout_ms: int = 200


class EventConsumer:
    """One consumer group (``name``) applying its subscriptions; run it with :meth:`run`."""

    def __init__(
        self,
        *,
        name: str,
        subscriptions: Sequence[Subscription[Any, Any]],
        uow_factory: Callable[[], UnitOfWork],
        kafka: KafkaConfig,
        options: ConsumerOptions | None = None,
    ) -> None:
        self.name = name
        self._subscriptions: dict[tuple[str, int], Subscription[Any, Any]] = {
            (s.contract.event_type, s.contract.version): s for s in subscriptions
        }
        self._types = {event_type for event_type, _ in self._subscriptions}
        self.topics = sorted({s.contract.topic for s in subscriptions})
        self._uow_factory = uow_factory
        self._kafka = kafka
        self._options = options or ConsumerOptions()
        self._lag: dict[TopicPartition, int] = {}

    def lag(self) -> dict[str, int]:
        """Records behind the high watermark per ``topic/partition``, as of the last fetch."""
        return {f"{tp.topic}/{tp.partition}": lag for tp, lag in sorted(self._lag.items())}

    async def run(self, stop: asyncio.Event, *, cluster_id: str | None = None) -> None:
        """Consume until ``stop`` is set; the record being handled is finished first.

        With ``cluster_id``, every fetched batch is checked to come from that broker before it is
        applied; :class:`~shared.kafka.identity.BrokerChanged` ends the run otherwise.
        """
        async with contextlib.AsyncExitStack() as resources:
            consumer = make_consumer(self._kafka, group_id=self.name, topics=self.topics)
            resources.push_async_callback(consumer.stop)  # safe even if start() failed
            await consumer.start()
            producer = make_producer(self._kafka)
            resources.push_async_callback(producer.stop)
            await producer.start()
            guard = BrokerGuard(self._kafka, cluster_id) if cluster_id else None
            if guard is not None:
                resources.push_async_callback(guard.close)
            log.info("consumer started", consumer=self.name, topics=self.topics)
            while not stop.is_set():
                batches = await consumer.getmany(timeout_ms=self._options.poll_timeout_ms)
                if batches and guard is not None:
                    # After the fetch: positions from an old broker are meaningless on a new one.
                    await guard.verify()
                for partition, records in batches.items():
                    await self._consume_partition(consumer, producer, partition, records, stop)
                await self._update_lag(consumer)

    async def _consume_partition(
        self,
        consumer: AIOKafkaConsumer,
        producer: AIOKafkaProducer,
        partition: TopicPartition,
        records: list[ConsumerRecord],
        stop: asyncio.Event,
    ) -> None:
        next_offset = None
        for record in records:
            if stop.is_set():
                break
            outcome = await self._process(producer, record, stop)
            if outcome is None:  # stopped while waiting for the database: leave it for redelivery
                break
            CONSUMER_MESSAGES.labels(self.name, outcome).inc()
            next_offset = record.offset + 1
        if next_offset is not None:
            await self._commit(consumer, partition, next_offset)

    async def _commit(self, consumer: AIOKafkaConsumer, partition: TopicPartition, offset: int) -> None:
        try:
            await consumer.commit({partition: offset})
        except (CommitFailedError, IllegalStateError) as exc:
            # The partition moved to another member during a rebalance; it will redeliver and the
            # inbox will skip what we already applied.
            log.info("offset commit skipped after rebalance", consumer=self.name, error=repr(exc))

    async def _process(
        self, producer: AIOKafkaProducer, record: ConsumerRecord, stop: asyncio.Event
    ) -> Outcome | None:
        try:
            event = CloudEvent.from_kafka(record.headers, record.value)
            subscription = self._subscription_for(event)
            if subscription is None:
                return Outcome.IGNORED
            data = event.decode(subscription.contract)
        except MalformedEvent as exc:
            await self._dead_letter(producer, record, exc, attempts=1)
            return Outcome.DEAD_LETTERED
        with correlation_scope(event.correlationid, causation_id=event.id):
            return await self._apply_with_retries(producer, record, event, data, subscription.handler, stop)

    def _subscription_for(self, event: CloudEvent) -> Subscription[Any, Any] | None:
        if event.type not in self._types:
            return None
        subscription = self._subscriptions.get((event.type, event.version))
        if subscription is None:
            raise UnsupportedVersion(f"{self.name} does not handle {event.type} v{event.version}")
        return subscription

    async def _apply_with_retries(
        self,
        producer: AIOKafkaProducer,
        record: ConsumerRecord,
        event: CloudEvent,
        data: EventData,
        handler: Handler,
        stop: asyncio.Event,
    ) -> Outcome | None:
        failures = 0
        backoff = Backoff(
            self._options.retry_backoff.total_seconds(), self._options.retry_backoff_max.total_seconds()
        )
        while True:
            try:
                applied = await self._apply(record, event, data, handler)
                return Outcome.APPLIED if applied else Outcome.DUPLICATE
            except Exception as exc:
                if _is_infrastructure_failure(exc):
                    log.warning(
                        "database unavailable, holding the partition", consumer=self.name, error=repr(exc)
                    )
                else:
                    failures += 1
                    if failures >= self._options.max_attempts:
                        await self._dead_letter(producer, record, exc, attempts=failures)
                        return Outcome.DEAD_LETTERED
                    CONSUMER_RETRIES.labels(self.name).inc()
                    log.warning(
                        "handler failed, retrying",
                        consumer=self.name,
                        event_type=event.type,
                        attempt=failures,
                        error=repr(exc),
                    )
            if await sleep_unless_stopped(stop, backoff.next_delay()):
                return None

    async def _apply(
        self, record: ConsumerRecord, event: CloudEvent, data: EventData, handler: Handler
    ) -> bool:
        async with self._uow_factory() as uow:
            claimed = await inbox.claim(
                uow.session,
                uow.tables,
                consumer=self.name,
                event_id=event.id,
                event_type=event.type,
                topic=record.topic,
                partition=record.partition,
                offset=record.offset,
            )
            if not claimed:
                return False
            await handler(data, event, uow)
            await uow.commit()
            return True

    async def _dead_letter(
        self, producer: AIOKafkaProducer, record: ConsumerRecord, error: BaseException, *, attempts: int
    ) -> None:
        """Park the record on ``<topic>.dlq`` with why it failed; raise if the broker refuses it."""
        headers = [
            *record.headers,
            ("dlq_error_type", type(error).__name__.encode()),
            ("dlq_error_message", str(error)[:2000].encode()),
            ("dlq_error_trace", "".join(traceback.format_exception(error))[-4000:].encode()),
            ("dlq_original_topic", record.topic.encode()),
            ("dlq_original_partition", str(record.partition).encode()),
            ("dlq_original_offset", str(record.offset).encode()),
            ("dlq_consumer", self.name.encode()),
            ("dlq_attempts", str(attempts).encode()),
            ("dlq_failed_at", dt.datetime.now(dt.UTC).isoformat().encode()),
        ]
        await producer.send_and_wait(
            dead_letter_topic(record.topic), value=record.value, key=record.key, headers=headers
        )
        log.error(
            "event dead-lettered",
            consumer=self.name,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            error=repr(error),
        )

    async def _update_lag(self, consumer: AIOKafkaConsumer) -> None:
        # Lag from the fetcher's high watermark: end_offsets() is wrong on the embedded broker.
        for partition in consumer.assignment():
            highwater = consumer.highwater(partition)
            if highwater is None:
                continue
            try:
                position = await asyncio.wait_for(consumer.position(partition), timeout=0.2)
            except (TimeoutError, KafkaError):
                continue
            self._lag[partition] = max(0, highwater - position)
            CONSUMER_LAG.labels(self.name, partition.topic, partition.partition).set(self._lag[partition])


_INFRASTRUCTURE = (
    OSError,
    TimeoutError,
    asyncpg.InterfaceError,
    asyncpg.CannotConnectNowError,
    InterfaceError,
)


def _is_infrastructure_failure(exc: BaseException) -> bool:
    """Connection-level failures say nothing about the record: hold it and retry, never dead-letter."""
    if isinstance(exc, _INFRASTRUCTURE):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError) and isinstance(exc.orig, _INFRASTRUCTURE)
