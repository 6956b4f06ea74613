"""The dead-letter console: list, inspect, retry, skip and purge what consumers parked on ``<topic>.dlq``.

Dead letters stay where the consumer put them (Kafka keeps them for the topic's retention; the
embedded broker cannot delete records). What an operator decided about each one is itself a record,
on the ``ipcase.dlq.resolutions`` topic, keyed by the dead letter's ``topic:partition:offset``: a
dead letter is *open* until a resolution names it. So the console needs no table in any service,
the depth gauge is "records on the DLQ minus resolutions", and the decisions are kept with the
records they are about.

Retry re-publishes the record to its original topic with its original key and headers (the
``dlq_*`` ones removed) plus ``ipcase_target_group`` naming the consumer group that failed: only
that group applies it (every other group of the topic skips it as ``ignored``), and that group's
inbox still drops it if it had been applied after all. The same header lets ``ipcase outbox replay
--group`` replay an outbox to one consumer group (see :func:`shared.messaging.maintenance.replay_outbox`).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from shared.contracts import dead_letter_topic
from shared.kafka.clients import MAX_MESSAGE_BYTES, KafkaConfig, make_producer
from shared.kafka.topics import DEAD_LETTER_RESOLUTIONS, all_topics, ensure_topics
from shared.messaging.headers import RETRY_OF_HEADER, TARGET_GROUP_HEADER
from shared.metrics import DLQ_ACTIONS

RESOLUTIONS_TOPIC = DEAD_LETTER_RESOLUTIONS
DLQ_SUFFIX = dead_letter_topic("")
READ_TIMEOUT_SECONDS = 10.0
PAYLOAD_PREVIEW_BYTES = 64 * 1024


class DeadLetterNotFound(LookupError):
    """No dead letter at that topic, partition and offset."""


class AlreadyResolved(RuntimeError):
    """The dead letter was retried, skipped or purged already."""


class PayloadNotKept(RuntimeError):
    """The record was too large to park whole and its original is no longer on its topic."""


def dead_letter_topics() -> list[str]:
    return [topic for topic in all_topics() if topic.endswith(DLQ_SUFFIX)]


@dataclass(frozen=True, slots=True)
class Resolution:
    ref: str
    action: str  # retried, skipped or purged
    actor: str
    at: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class DeadLetter:
    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: list[tuple[str, bytes]]
    timestamp_ms: int
    resolution: Resolution | None = None

    @property
    def ref(self) -> str:
        return ref_of(self.topic, self.partition, self.offset)

    @property
    def status(self) -> str:
        return "open" if self.resolution is None else self.resolution.action

    def header(self, name: str) -> str | None:
        for key, value in reversed(self.headers):
            if key == name:
                return (value or b"").decode(errors="replace")
        return None

    @property
    def original_headers(self) -> list[tuple[str, bytes]]:
        """The headers the record had on its original topic (retry bookkeeping removed too)."""
        return [
            (k, v) for k, v in self.headers if not k.startswith("dlq_") and k not in (TARGET_GROUP_HEADER,)
        ]

    @property
    def original_topic(self) -> str:
        return self.header("dlq_original_topic") or self.topic.removesuffix(DLQ_SUFFIX)

    @property
    def consumer(self) -> str | None:
        return self.header("dlq_consumer")

    @property
    def error(self) -> dict[str, str | None]:
        return {
            "type": self.header("dlq_error_type"),
            "message": self.header("dlq_error_message"),
            "trace": self.header("dlq_error_trace"),
        }

    def summary(self) -> dict[str, Any]:
        return {
            "ref": self.ref,
            "topic": self.topic,
            "partition": self.partition,
            "offset": self.offset,
            "original_topic": self.original_topic,
            "original_partition": _int(self.header("dlq_original_partition")),
            "original_offset": _int(self.header("dlq_original_offset")),
            "consumer": self.consumer,
            "event_type": self.header("ce_type"),
            "event_id": self.header("ce_id"),
            "error_type": self.header("dlq_error_type"),
            "error_message": (self.header("dlq_error_message") or "")[:300],
            "attempts": _int(self.header("dlq_attempts")),
            "failed_at": self.header("dlq_failed_at"),
            "status": self.status,
        }

    def detail(self) -> dict[str, Any]:
        payload = self.value or b""
        return {
            **self.summary(),
            "key": None if self.key is None else self.key.decode(errors="replace"),
            "headers": {k: (v or b"").decode(errors="replace") for k, v in self.original_headers},
            "error": self.error,
            "payload": payload[:PAYLOAD_PREVIEW_BYTES].decode(errors="replace"),
            "payload_bytes": len(payload),
            "payload_omitted_bytes": _int(self.header("dlq_value_omitted")),
            "resolution": None if self.resolution is None else _resolution_dict(self.resolution),
        }


def ref_of(topic: str, partition: int, offset: int) -> str:
    return f"{topic}:{partition}:{offset}"


def parse_ref(ref: str) -> tuple[str, int, int]:
    """``topic:partition:offset`` → its parts; ValueError if it is not one."""
    topic, partition, offset = ref.rsplit(":", 2)
    if not topic.endswith(DLQ_SUFFIX):
        raise ValueError(f"{topic} is not a dead-letter topic")
    return topic, int(partition), int(offset)


class DeadLetterConsole:
    """Operations on the dead-letter topics of the whole deployment (they are not one service's)."""

    def __init__(self, kafka: KafkaConfig, topics: Sequence[str] | None = None) -> None:
        self._kafka = kafka
        self._topics = list(topics) if topics is not None else dead_letter_topics()

    @property
    def topics(self) -> list[str]:
        return list(self._topics)

    async def list(self, *, topic: str | None = None, include_resolved: bool = False) -> list[DeadLetter]:
        topics = [topic] if topic else self._topics
        records, resolutions = await asyncio.gather(_read_all(self._kafka, topics), self.resolutions())
        letters = [
            DeadLetter(
                topic=r.topic,
                partition=r.partition,
                offset=r.offset,
                key=r.key,
                value=r.value,
                headers=list(r.headers),
                timestamp_ms=r.timestamp,
                resolution=resolutions.get(ref_of(r.topic, r.partition, r.offset)),
            )
            for r in records
        ]
        return [letter for letter in letters if include_resolved or letter.resolution is None]

    async def get(self, ref: str) -> DeadLetter:
        topic, partition, offset = parse_ref(ref)
        record = await _read_one(self._kafka, TopicPartition(topic, partition), offset)
        if record is None:
            raise DeadLetterNotFound(ref)
        resolutions = await self.resolutions()
        return DeadLetter(
            topic=topic,
            partition=partition,
            offset=offset,
            key=record.key,
            value=record.value,
            headers=list(record.headers),
            timestamp_ms=record.timestamp,
            resolution=resolutions.get(ref),
        )

    async def depths(self) -> dict[str, int]:
        """Open dead letters per dead-letter topic (every topic listed, 0 included)."""
        depths = dict.fromkeys(self._topics, 0)
        for letter in await self.list():
            depths[letter.topic] = depths.get(letter.topic, 0) + 1
        return depths

    async def resolutions(self) -> dict[str, Resolution]:
        found: dict[str, Resolution] = {}
        for record in await _read_all(self._kafka, [RESOLUTIONS_TOPIC]):
            try:
                body = json.loads(record.value or b"")
                found[body["ref"]] = Resolution(
                    ref=body["ref"],
                    action=body["action"],
                    actor=body.get("actor", ""),
                    at=body.get("at", ""),
                    reason=body.get("reason", ""),
                )
            except (ValueError, KeyError, TypeError):
                continue  # not ours to judge: an unreadable resolution resolves nothing
        return found

    async def retry(self, ref: str, *, actor: str) -> DeadLetter:
        """Publish the record again on its original topic, for the consumer group that failed only."""
        letter = await self._open(ref)
        value = letter.value
        if letter.header("dlq_value_omitted") is not None:
            value = await self._original_value(letter)
        headers = list(letter.original_headers)
        if letter.consumer:
            headers.append((TARGET_GROUP_HEADER, letter.consumer.encode()))
        headers.append((RETRY_OF_HEADER, letter.ref.encode()))
        # The broker took this record on its topic once; a record over our usual request limit
        # (parked without its value) gets a producer that allows its size.
        size = len(value or b"") + len(letter.key or b"") + sum(len(k) + len(v or b"") for k, v in headers)
        producer = make_producer(self._kafka, max_request_size=max(MAX_MESSAGE_BYTES, size + 64 * 1024))
        await producer.start()
        try:
            await producer.send_and_wait(letter.original_topic, value=value, key=letter.key, headers=headers)
        finally:
            await producer.stop()
        await self._resolve([letter], "retried", actor=actor, reason="")
        return letter

    async def skip(self, ref: str, *, actor: str, reason: str) -> DeadLetter:
        letter = await self._open(ref)
        await self._resolve([letter], "skipped", actor=actor, reason=reason)
        return letter

    async def purge(self, *, actor: str, reason: str, topic: str | None = None) -> int:
        """Resolve every open dead letter (of ``topic``, or all) as purged; return how many."""
        letters = await self.list(topic=topic)
        await self._resolve(letters, "purged", actor=actor, reason=reason)
        return len(letters)

    async def _open(self, ref: str) -> DeadLetter:
        letter = await self.get(ref)
        if letter.resolution is not None:
            raise AlreadyResolved(f"{ref} was {letter.resolution.action} already")
        return letter

    async def _original_value(self, letter: DeadLetter) -> bytes | None:
        partition = _int(letter.header("dlq_original_partition"))
        offset = _int(letter.header("dlq_original_offset"))
        record = None
        if partition is not None and offset is not None:
            record = await _read_one(self._kafka, TopicPartition(letter.original_topic, partition), offset)
        if record is None:
            raise PayloadNotKept(f"{letter.ref}: the original record is no longer on its topic")
        value: bytes | None = record.value
        return value

    async def _resolve(self, letters: Iterable[DeadLetter], action: str, *, actor: str, reason: str) -> None:
        letters = list(letters)
        if not letters:
            return
        await ensure_topics(self._kafka, [RESOLUTIONS_TOPIC])
        at = dt.datetime.now(dt.UTC).isoformat()
        producer = make_producer(self._kafka)
        await producer.start()
        try:
            for letter in letters:
                body = {"ref": letter.ref, "action": action, "actor": actor, "at": at, "reason": reason}
                # One record per send: the embedded broker's end offsets are only right for
                # single-record batches, and the console reads up to them.
                await producer.send_and_wait(
                    RESOLUTIONS_TOPIC,
                    key=letter.ref.encode(),
                    value=json.dumps(body, ensure_ascii=False).encode(),
                )
                DLQ_ACTIONS.labels(letter.topic, action).inc()
        finally:
            await producer.stop()


def _consumer(kafka: KafkaConfig) -> AIOKafkaConsumer:
    return AIOKafkaConsumer(
        bootstrap_servers=kafka.bootstrap_servers,
        client_id=f"{kafka.client_id}-dlq-console",
        group_id=None,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        request_timeout_ms=kafka.request_timeout_ms,
        fetch_max_wait_ms=kafka.fetch_max_wait_ms,
        max_partition_fetch_bytes=MAX_MESSAGE_BYTES,
        **kafka.security(),
    )


async def _read_all(kafka: KafkaConfig, topics: Sequence[str]) -> list[ConsumerRecord]:
    """Every record now on ``topics`` (manual assignment, no group: nothing is committed)."""
    consumer = _consumer(kafka)
    await consumer.start()
    try:
        await consumer.topics()  # loads the metadata of every topic
        partitions = [
            TopicPartition(topic, p)
            for topic in topics
            for p in sorted(consumer.partitions_for_topic(topic) or ())
        ]
        if not partitions:
            return []
        consumer.assign(partitions)
        ends = await consumer.end_offsets(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list[ConsumerRecord] = []
        async with asyncio.timeout(READ_TIMEOUT_SECONDS):
            remaining = {tp for tp in partitions if ends.get(tp, 0) > await consumer.position(tp)}
            while remaining:
                batches = await consumer.getmany(*remaining, timeout_ms=200)
                for tp, batch in batches.items():
                    records.extend(r for r in batch if r.offset < ends[tp])
                for tp in list(remaining):
                    if await consumer.position(tp) >= ends[tp]:
                        remaining.discard(tp)
        return records
    finally:
        await consumer.stop()


async def _read_one(kafka: KafkaConfig, partition: TopicPartition, offset: int) -> ConsumerRecord | None:
    consumer = _consumer(kafka)
    await consumer.start()
    try:
        await consumer.topics()
        if partition.partition not in (consumer.partitions_for_topic(partition.topic) or set()):
            return None
        consumer.assign([partition])
        ends = await consumer.end_offsets([partition])
        starts = await consumer.beginning_offsets([partition])
        if not starts[partition] <= offset < ends[partition]:
            return None
        consumer.seek(partition, offset)
        async with asyncio.timeout(READ_TIMEOUT_SECONDS):
            while True:
                batches = await consumer.getmany(partition, timeout_ms=200, max_records=1)
                for record in batches.get(partition, []):
                    if record.offset == offset:
                        return record
                    if record.offset > offset:
                        return None
    finally:
        await consumer.stop()


def _int(value: str | None) -> int | None:
    try:
        return None if value is None else int(value)
    except ValueError:
        return None


def _resolution_dict(resolution: Resolution) -> dict[str, str]:
    return {
        "action": resolution.action,
        "actor": resolution.actor,
        "at": resolution.at,
        "reason": resolution.reason,
    }
