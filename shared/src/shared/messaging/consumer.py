"""The idempotent consumer runner: at-least-once delivery with exactly-once effects.

For each record: parse the CloudEvent, validate its data against the contract, then in ONE database
transaction claim the inbox row and run the handler; commit; only then commit the Kafka offset.
A redelivered event finds its inbox row and is skipped. A handler that keeps failing is retried a
bounded number of times with backoff, then the record goes to ``<topic>.dlq`` with error headers
and the partition moves on. A record that cannot even be read — oversized, not JSON, nested too
deep, bad attributes, data that breaks its contract, any error at all while decoding — goes to the
dead-letter topic at once: no record can stop a partition. Losing the database is not the record's
fault: while a probe confirms the database is down, the record waits and is never dead-lettered.

Batches: the records of one fetch of one partition (at most ``batch_max``) are applied in ONE
transaction — one inbox statement claims them all, each handler runs in offset order, one commit —
and only then is the offset committed. If anything in the batch fails, the transaction is rolled
back and the same records are applied again one per transaction, as above, so a poison record is
retried and dead-lettered on its own and the others are applied exactly once. Records of the court
topics (checked by the gate) and of subscriptions declared ``batchable=False`` always go one by one.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import traceback
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any, Concatenate, Generic, TypeVar

import structlog
from aiokafka import (
    AIOKafkaConsumer,
    AIOKafkaProducer,
    ConsumerRebalanceListener,
    ConsumerRecord,
    TopicPartition,
)
from aiokafka.errors import CommitFailedError, IllegalStateError, KafkaError, MessageSizeTooLargeError
from opentelemetry.trace import SpanKind
from sqlalchemy import text

from shared import tracing
from shared.audit.trail import AuditContext, audit_scope
from shared.contracts import CloudEvent, EventData, MalformedEvent, dead_letter_topic
from shared.db import is_database_unavailable
from shared.injection import inject
from shared.kafka.clients import KafkaConfig, make_consumer, make_producer
from shared.kafka.identity import BrokerGuard
from shared.liveness import Pulse
from shared.logs import correlation_scope
from shared.messaging import inbox
from shared.messaging.court_gate import CourtGate, CourtMessageRefused, record_refusal, sender_scope
from shared.messaging.headers import TARGET_GROUP_HEADER
from shared.messaging.wakeup import Doorbells
from shared.metrics import (
    CONSUMER_BATCH_FALLBACKS,
    CONSUMER_BATCH_SIZE,
    CONSUMER_LAG,
    CONSUMER_MESSAGES,
    CONSUMER_RETRIES,
)
from shared.outage import Outage
from shared.retry import Backoff, reraise_if_cancelling, sleep_unless_stopped, wait_any
from shared.uow import UnitOfWork

log = structlog.get_logger(__name__)
E = TypeVar("E", bound=EventData)
U = TypeVar("U", bound=UnitOfWork)
Handler = Callable[[Any, CloudEvent, Any], Awaitable[None]]
DATABASE_PROBE_SECONDS = 2.0


class Outcome(StrEnum):
    APPLIED = "applied"
    DUPLICATE = "duplicate"
    IGNORED = "ignored"
    DEAD_LETTERED = "dead_lettered"
    REFUSED = "refused"  # a court message without the gateway's signature, or breaking a rule


class OversizedEvent(MalformedEvent):
    code = "oversized_event"
    title = "The record exceeds the size this consumer accepts"
    title_zh = "记录超过消费者允许的大小"


class UnsupportedVersion(MalformedEvent):
    code = "unsupported_event_version"
    title = "This consumer does not handle this version of the event"
    title_zh = "消费者不支持该事件版本"


@dataclass(frozen=True, slots=True)
class Subscription(Generic[E, U]):
    """``handler(data, event, uow)`` runs for every ``contract`` event, inside the inbox transaction.

    A module-level handler may name more keyword parameters (``*, bus``); :func:`bind` supplies them.
    With ``batchable=False`` its events are applied one per transaction, never in a batch with
    others (for a handler whose effects must not wait for, or be undone with, other records').
    """

    contract: type[E]
    handler: Callable[Concatenate[E, CloudEvent, U, ...], Awaitable[None]]
    batchable: bool = True


def bind(
    subscriptions: Iterable[Subscription[Any, Any]], **dependencies: Any
) -> list[Subscription[Any, Any]]:
    """Module-level handlers declare what they need beyond ``(data, event, uow)`` as keyword
    parameters (``bus``, ``source``...); the composition root binds them here.

    A service's ``entrypoints/consumer.py`` is then plain functions plus a declared list::

        async def on_routed(data: ComplaintRoutedV1, event: CloudEvent, uow: U, *, bus: Bus) -> None:
            ...

        SUBSCRIPTIONS = [Subscription(ComplaintRoutedV1, on_routed), ...]
    """
    return [Subscription(s.contract, inject(s.handler, dependencies), s.batchable) for s in subscriptions]


def consumed_contracts(
    subscriptions: Iterable[Subscription[Any, Any]] | Mapping[str, Iterable[Subscription[Any, Any]]],
) -> list[type[EventData]]:
    """The contracts a service's declared subscriptions read (one list, or lists per consumer group)."""
    groups = subscriptions.values() if isinstance(subscriptions, Mapping) else [subscriptions]
    return sorted({s.contract for group in groups for s in group}, key=lambda c: (c.event_type, c.version))


@dataclass(frozen=True, slots=True)
class ConsumerOptions:
    max_attempts: int = 5
    retry_backoff: timedelta = timedelta(milliseconds=200)
    retry_backoff_max: timedelta = timedelta(seconds=5)
    poll_timeout_ms: int = 200
    max_event_bytes: int = 1024 * 1024
    # With a doorbell (see run()): how long an idle consumer stays parked without being rung, and
    # how long the look after such a fallback wake-up waits for records.
    idle_poll: timedelta = timedelta(seconds=5)
    probe_timeout_ms: int = 50
    # Records of one fetch of one partition applied in one transaction (1: one per transaction).
    batch_max: int = 100


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
        doorbells: Doorbells | None = None,
        gate: CourtGate | None = None,
    ) -> None:
        """``gate`` verifies the records of the court topics before they are applied (court_gate)."""
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
        self._pulse = Pulse(name)
        self._database = Outage("database", name, self._pulse)
        self._doorbell = doorbells.bell(self.topics) if doorbells is not None else None
        self._gate = gate
        self.parked = False  # idle, not fetching, until the doorbell rings (see run())

    def lag(self) -> dict[str, int]:
        """Records behind the high watermark per ``topic/partition``, as of the last fetch."""
        return {f"{tp.topic}/{tp.partition}": lag for tp, lag in sorted(self._lag.items())}

    async def run(
        self,
        stop: asyncio.Event,
        pulse: Pulse | None = None,
        *,
        cluster_id: str | None = None,
        from_beginning: bool = False,
    ) -> None:
        """Consume until ``stop`` is set; the record being handled is finished first.

        With ``doorbells`` (:mod:`shared.messaging.wakeup`), a consumer that finds nothing to read
        pauses its partitions — no fetch requests at all while idle — until the bell rings (a relay
        published to one of its topics) or ``idle_poll`` passes; without one it fetches all the time.

        With ``cluster_id``, every fetched batch is checked to come from that broker before it is
        applied; :class:`~shared.kafka.identity.BrokerChanged` ends the run otherwise. ``pulse``
        receives the liveness reports (beats, records handled, lag). With ``from_beginning`` every
        assigned partition is read from its first record, whatever offset the group has committed:
        on a broker that replaced another, a committed offset can only be a stale client's (one
        that committed to the new broker an offset it had counted on the old), and trusting it
        would skip the replayed events; the inbox drops what was applied already.
        """
        if pulse is not None:
            self._pulse = self._database.pulse = pulse
        async with contextlib.AsyncExitStack() as resources:
            listener = _ReadFromBeginning() if from_beginning else None
            consumer = make_consumer(self._kafka, group_id=self.name, topics=self.topics, listener=listener)
            if listener is not None:
                listener.consumer = consumer
            resources.push_async_callback(consumer.stop)  # safe even if start() failed
            await consumer.start()
            producer = make_producer(self._kafka)
            resources.push_async_callback(producer.stop)
            await producer.start()
            guard = BrokerGuard(self._kafka, cluster_id) if cluster_id else None
            if guard is not None:
                resources.push_async_callback(guard.close)
            log.info("consumer started", consumer=self.name, topics=self.topics)
            timeout_ms = self._options.poll_timeout_ms
            doorbell = self._doorbell
            while not stop.is_set():
                self._pulse.beat()
                if doorbell is not None:
                    doorbell.clear()  # a ring from now on may be for a record this fetch misses
                batches = await consumer.getmany(timeout_ms=timeout_ms)
                if batches and guard is not None:
                    # After the fetch: positions from an old broker are meaningless on a new one.
                    await guard.verify()
                for partition, records in batches.items():
                    await self._consume_partition(consumer, producer, partition, records, stop)
                await self._update_lag(consumer)
                if doorbell is not None and not batches and not stop.is_set():
                    rung = await self._park(consumer, doorbell, stop)
                    timeout_ms = self._options.poll_timeout_ms if rung else self._options.probe_timeout_ms
                else:
                    timeout_ms = self._options.poll_timeout_ms

    async def _park(self, consumer: AIOKafkaConsumer, doorbell: asyncio.Event, stop: asyncio.Event) -> bool:
        """Idle: stop fetching until the doorbell rings or ``idle_poll`` passes; True if it rang."""
        assigned = consumer.assignment()
        if assigned:
            consumer.pause(*assigned)
        self.parked = True
        try:
            await wait_any(doorbell, stop, seconds=self._options.idle_poll.total_seconds())
        finally:
            self.parked = False
            # Only what is still assigned (a rebalance may have moved partitions meanwhile).
            held = consumer.paused()
            if held:
                consumer.resume(*held)
        return doorbell.is_set()

    async def _consume_partition(
        self,
        consumer: AIOKafkaConsumer,
        producer: AIOKafkaProducer,
        partition: TopicPartition,
        records: list[ConsumerRecord],
        stop: asyncio.Event,
    ) -> None:
        next_offset = None
        size = max(1, self._options.batch_max)
        for start in range(0, len(records), size):
            if stop.is_set():
                break
            chunk = records[start : start + size]
            done = await self._consume_chunk(producer, chunk, stop)
            if done:
                next_offset = chunk[done - 1].offset + 1
            if done < len(chunk):  # stopped while waiting for the database: leave the rest
                break
        if next_offset is not None:
            await self._commit(consumer, partition, next_offset)

    async def _consume_chunk(
        self, producer: AIOKafkaProducer, records: list[ConsumerRecord], stop: asyncio.Event
    ) -> int:
        """Apply ``records`` (in offset order), in one transaction if they may share one; how many
        were finished (fewer than all only if ``stop`` was set while the database was down)."""
        batch = self._batchable(records)
        if batch is not None:
            outcomes = await self._apply_batch(batch)
            if outcomes is not None:
                for record, outcome in zip(records, outcomes, strict=True):
                    if isinstance(outcome, Outcome):
                        self._finished(outcome)
                    else:  # unreadable: parked at once, as one by one
                        await self._dead_letter(producer, record, outcome, attempts=1)
                        self._finished(Outcome.DEAD_LETTERED)
                return len(records)
        done = 0
        for record in records:
            if stop.is_set():
                break
            processed = await self._process(producer, record, stop)
            if processed is None:  # stopped while waiting for the database: leave it for redelivery
                break
            self._finished(processed)
            done += 1
        return done

    def _finished(self, outcome: Outcome) -> None:
        CONSUMER_MESSAGES.labels(self.name, outcome).inc()
        self._pulse.progressed()

    def _batchable(self, records: list[ConsumerRecord]) -> list[_Decoded | Outcome | BaseException] | None:
        """Each record read for a batch (its event, an outcome without the database, or why it is
        unreadable); None if they go one by one: a single record, or one that must not share a
        transaction (a court topic's, checked by the gate; a subscription declared unbatchable)."""
        if len(records) < 2:
            return None
        read: list[_Decoded | Outcome | BaseException] = []
        for record in records:
            if not self._meant_for_us(record):
                read.append(Outcome.IGNORED)
                continue
            if self._gate is not None and self._gate.guards(record.topic):
                return None
            try:
                decoded = self._decode(record)
            except Exception as exc:  # the record's fault; dead-lettered after the batch commits
                reraise_if_cancelling()
                read.append(exc)
                continue
            if decoded is None:
                read.append(Outcome.IGNORED)
                continue
            event, data, subscription = decoded
            if not subscription.batchable:
                return None
            read.append(_Decoded(record, event, data, subscription.handler))
        return read

    async def _apply_batch(
        self, read: list[_Decoded | Outcome | BaseException]
    ) -> list[Outcome | BaseException] | None:
        """One transaction: claim every event in one statement, run the handlers in order, commit.
        None (and nothing applied) if anything failed: the caller goes one by one."""
        items = [item for item in read if isinstance(item, _Decoded)]
        outcomes: dict[int, Outcome] = {}
        try:
            async with self._uow_factory() as uow:
                claimed = await inbox.claim_many(
                    uow.session,
                    uow.tables,
                    consumer=self.name,
                    deliveries=[item.delivery() for item in items],
                )
                for item in items:
                    if item.event.id not in claimed:
                        outcomes[id(item)] = Outcome.DUPLICATE
                        continue
                    claimed.discard(item.event.id)  # a second copy in this batch is a duplicate
                    with self._record_scope(item.record, item.event) as span:
                        await item.handler(item.data, item.event, uow)
                        span.set_attribute("ipcase.consumer.outcome", Outcome.APPLIED.value)
                    outcomes[id(item)] = Outcome.APPLIED
                await uow.commit()
        except Exception as exc:
            reraise_if_cancelling()
            CONSUMER_BATCH_FALLBACKS.labels(self.name).inc()
            log.info(
                "batch failed, applying its records one by one",
                consumer=self.name,
                records=len(read),
                error=repr(exc)[:500],
            )
            return None
        self._database.recovered()
        CONSUMER_BATCH_SIZE.labels(self.name).observe(len(items))
        return [outcomes[id(item)] if isinstance(item, _Decoded) else item for item in read]

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
        if not self._meant_for_us(record):
            return Outcome.IGNORED
        try:
            decoded = self._decode(record)
        except Exception as exc:  # whatever stops a record being read is the record's fault
            reraise_if_cancelling()
            await self._dead_letter(producer, record, exc, attempts=1)
            return Outcome.DEAD_LETTERED
        if decoded is None:
            return Outcome.IGNORED
        event, data, subscription = decoded
        with self._record_scope(record, event) as span:
            outcome = await self._apply_with_retries(
                producer, record, event, data, subscription.handler, stop
            )
            if outcome is not None:
                span.set_attribute("ipcase.consumer.outcome", outcome.value)
            return outcome

    @contextlib.contextmanager
    def _record_scope(self, record: ConsumerRecord, event: CloudEvent) -> Iterator[Any]:
        """Correlation, audit actor and trace span of one consumed event, around its handler."""
        acting = AuditContext(actor=event.source, actor_kind="event_source", action=f"consume.{event.type}")
        with (
            correlation_scope(event.correlationid, causation_id=event.id),
            audit_scope(acting),
            tracing.span(
                f"{event.type} process",
                parent=tracing.context_from_kafka(record.headers),
                kind=SpanKind.CONSUMER,
                attributes={
                    "messaging.system": "kafka",
                    "messaging.consumer.group.name": self.name,
                    "messaging.destination.name": record.topic,
                    "messaging.destination.partition.id": str(record.partition),
                    "messaging.kafka.offset": record.offset,
                    "messaging.message.id": event.id,
                },
            ) as span,
        ):
            yield span

    def _meant_for_us(self, record: ConsumerRecord) -> bool:
        """A record addressed to one consumer group (a dead-letter retry, an outbox replay for one
        group) is applied by that group only; every other group of the topic passes it by."""
        for name, value in record.headers:
            if name == TARGET_GROUP_HEADER:
                return (value or b"") == self.name.encode()
        return True

    def _decode(self, record: ConsumerRecord) -> tuple[CloudEvent, EventData, Subscription[Any, Any]] | None:
        """The event, its validated data and its subscription; None for types this group ignores."""
        size = len(record.value or b"") + sum(len(k) + len(v or b"") for k, v in record.headers)
        if size > self._options.max_event_bytes:
            raise OversizedEvent(
                f"record of {size} bytes exceeds the {self._options.max_event_bytes}-byte limit",
                f"记录大小 {size} 字节，超过 {self._options.max_event_bytes} 字节的上限",
            )
        event = CloudEvent.from_kafka(record.headers, record.value)
        subscription = self._subscription_for(event)
        if subscription is None:
            return None
        return event, event.decode(subscription.contract), subscription

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
        """Apply once; hold the partition while the database is down; dead-letter after the last try."""
        failures = 0
        backoff = Backoff(
            self._options.retry_backoff.total_seconds(), self._options.retry_backoff_max.total_seconds()
        )
        while True:
            try:
                try:
                    applied = await self._apply(record, event, data, handler)
                    outcome = Outcome.APPLIED if applied else Outcome.DUPLICATE
                except CourtMessageRefused as refusal:
                    refused = await self._refuse(record, event, refusal)
                    outcome = Outcome.REFUSED if refused else Outcome.DUPLICATE
                self._database.recovered()
                return outcome
            except Exception as exc:
                reraise_if_cancelling()
                if is_database_unavailable(exc) and not await self._database_reachable():
                    self._database.failed(exc)  # not the record's fault: it waits, never dead-lettered
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

    async def _database_reachable(self) -> bool:
        """A connection error may be a stale pooled connection; only a failed probe is an outage."""
        try:
            async with asyncio.timeout(DATABASE_PROBE_SECONDS), self._uow_factory() as uow:
                await uow.session.execute(text("SELECT 1"))
        except Exception:
            reraise_if_cancelling()
            return False
        return True

    async def _apply(
        self, record: ConsumerRecord, event: CloudEvent, data: EventData, handler: Handler
    ) -> bool:
        sender = None
        if self._gate is not None and self._gate.guards(record.topic):
            sender = await self._gate.verify(record, data)  # refused before anything is touched
        async with self._uow_factory() as uow:
            if not await self._claim(uow, record, event):
                return False
            with sender_scope(sender):
                await handler(data, event, uow)
            await uow.commit()
            return True

    async def _refuse(self, record: ConsumerRecord, event: CloudEvent, refusal: CourtMessageRefused) -> bool:
        """Nothing of the message applies; the refusal itself is recorded once (inbox) and published."""
        async with self._uow_factory() as uow:
            if not await self._claim(uow, record, event):
                return False
            record_refusal(uow, event, refusal, consumer=self.name)
            await uow.commit()
            return True

    async def _claim(self, uow: UnitOfWork, record: ConsumerRecord, event: CloudEvent) -> bool:
        return await inbox.claim(
            uow.session,
            uow.tables,
            consumer=self.name,
            event_id=event.id,
            event_type=event.type,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
        )

    async def _dead_letter(
        self, producer: AIOKafkaProducer, record: ConsumerRecord, error: BaseException, *, attempts: int
    ) -> None:
        """Park the record on ``<topic>.dlq`` with why it failed; raise if the broker refuses it."""
        topic = dead_letter_topic(record.topic)
        headers = _dead_letter_headers(self.name, record, error, attempts)
        try:
            await producer.send_and_wait(topic, value=record.value, key=record.key, headers=headers)
        except MessageSizeTooLargeError:
            # Too big to park whole: park what identifies it; the original stays on its topic.
            trimmed = [(k, v) for k, v in headers if k.startswith("dlq_")]
            trimmed.append(("dlq_value_omitted", str(len(record.value or b"")).encode()))
            await producer.send_and_wait(topic, value=None, key=(record.key or b"")[:1024], headers=trimmed)
        log.error(
            "event dead-lettered",
            consumer=self.name,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            error=repr(error)[:500],
        )

    async def _update_lag(self, consumer: AIOKafkaConsumer) -> None:
        # Lag from the fetcher's high watermark: end_offsets() is wrong on the embedded broker.
        for partition in consumer.assignment():
            highwater = consumer.highwater(partition)
            if highwater is None:
                continue
            try:
                async with asyncio.timeout(0.2):
                    position = await consumer.position(partition)
            except (TimeoutError, KafkaError):
                continue
            self._lag[partition] = max(0, highwater - position)
            CONSUMER_LAG.labels(self.name, partition.topic, partition.partition).set(self._lag[partition])
        self._pulse.backlog(sum(self._lag.values()))


@dataclass(frozen=True, slots=True, eq=False)
class _Decoded:
    """A record of a batch read and validated, with the handler of its subscription."""

    record: ConsumerRecord
    event: CloudEvent
    data: EventData
    handler: Handler

    def delivery(self) -> inbox.Delivery:
        record = self.record
        return inbox.Delivery(self.event.id, self.event.type, record.topic, record.partition, record.offset)


class _ReadFromBeginning(ConsumerRebalanceListener):  # type: ignore[misc]
    consumer: AIOKafkaConsumer | None = None

    async def on_partitions_revoked(self, revoked: set[TopicPartition]) -> None:
        return None

    async def on_partitions_assigned(self, assigned: set[TopicPartition]) -> None:
        if assigned and self.consumer is not None:
            await self.consumer.seek_to_beginning(*assigned)


def _dead_letter_headers(
    consumer: str, record: ConsumerRecord, error: BaseException, attempts: int
) -> list[tuple[str, bytes]]:
    return [
        *record.headers,
        ("dlq_error_type", type(error).__name__.encode()),
        ("dlq_error_message", _text(str(error), 2000)),
        ("dlq_error_trace", _text(_trace(error), 4000, tail=True)),
        ("dlq_original_topic", record.topic.encode()),
        ("dlq_original_partition", str(record.partition).encode()),
        ("dlq_original_offset", str(record.offset).encode()),
        ("dlq_consumer", consumer.encode()),
        ("dlq_attempts", str(attempts).encode()),
        ("dlq_failed_at", dt.datetime.now(dt.UTC).isoformat().encode()),
    ]


def _trace(error: BaseException) -> str:
    try:
        return "".join(traceback.format_exception(error))
    except Exception:  # a pathological error (deep recursion) may not format; its name is enough
        return repr(type(error))


def _text(value: str, limit: int, *, tail: bool = False) -> bytes:
    clipped = value[-limit:] if tail else value[:limit]
    return clipped.encode(errors="replace")
