"""Two replicas of a service as real processes: which worker leads the relay, and what a topic holds.

Used by the relay fail-over test (tests/faults) and ``bench/replicas.py``. The leader is read from
what each worker exposes (``ipcase_outbox_relay_leader`` on its ``/metrics``), not guessed; what
reached a topic is read by an independent consumer (manual assignment, no consumer group), which
notes when each record arrived so that a fail-over is timed by a positive signal: the first record
that was written after the kill, seen on the topic.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from types import TracebackType
from typing import Self

import httpx
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from shared.contracts import CloudEvent
from shared.testing.stack import ProcessStack

_LEADER_LINE = re.compile(r'^ipcase_outbox_relay_leader\{service="(?P<service>[^"]+)"\} (?P<value>\S+)$')


async def relay_leaders(stack: ProcessStack, workers: Iterable[str], service: str) -> list[str]:
    """The workers among ``workers`` whose relay for ``service`` reports itself leading."""
    leading: list[str] = []
    async with httpx.AsyncClient(timeout=5) as client:
        for name in workers:
            with contextlib.suppress(httpx.HTTPError):
                text = (await client.get(f"{stack.url(name)}/metrics")).text
                for line in text.splitlines():
                    match = _LEADER_LINE.match(line)
                    if match and match["service"] == service and float(match["value"]) == 1.0:
                        leading.append(name)
    return leading


async def the_relay_leader(
    stack: ProcessStack, workers: Iterable[str], service: str, *, within: float = 30.0
) -> str:
    """Wait until exactly one of ``workers`` leads ``service``'s relay; return its name."""
    names = list(workers)
    deadline = time.monotonic() + within
    while True:
        leaders = await relay_leaders(stack, names, service)
        if len(leaders) == 1:
            return leaders[0]
        if time.monotonic() > deadline:
            raise AssertionError(f"no single relay leader of {service} among {names}: {leaders}")
        await asyncio.sleep(0.05)


@dataclass(frozen=True, slots=True)
class Arrival:
    """One record as the watching consumer saw it."""

    event_id: str
    event_type: str
    subject_id: str | None
    written_at: float  # the record's timestamp: when its outbox row was written (epoch seconds)
    seen_at: float  # when this consumer received it (epoch seconds)


@dataclass
class Census:
    """What a topic holds for a set of expected subjects, counted by event id."""

    expected: int
    missing: list[str]
    doubled: list[str]  # subjects with more than one distinct event of the type (a real duplicate)
    republished: int  # records beyond the first of the same event id (at-least-once relay; inboxes drop them)
    records: int

    def line(self) -> str:
        return (
            f"{self.expected} expected, {len(self.missing)} missing, {len(self.doubled)} with two events,"
            f" {self.republished} records republished ({self.records} records of the type in all)"
        )


@dataclass
class TopicWatch:
    """Reads ``topic`` from the beginning in the background, noting every record's arrival."""

    bootstrap_servers: str
    topic: str
    subject_field: str = "complaint_id"
    arrivals: list[Arrival] = field(default_factory=list)
    _consumer: AIOKafkaConsumer | None = None
    _task: asyncio.Task[None] | None = None
    _partitions: list[TopicPartition] = field(default_factory=list)

    async def __aenter__(self) -> Self:
        admin = AIOKafkaAdminClient(bootstrap_servers=self.bootstrap_servers)
        await admin.start()
        try:
            (description,) = await admin.describe_topics([self.topic])
        finally:
            await admin.close()
        self._partitions = [TopicPartition(self.topic, p["partition"]) for p in description["partitions"]]
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self.bootstrap_servers, enable_auto_commit=False, fetch_max_wait_ms=25
        )
        await consumer.start()
        consumer.assign(self._partitions)
        await consumer.seek_to_beginning(*self._partitions)
        self._consumer = consumer
        self._task = asyncio.create_task(self._read(consumer))
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        if self._consumer is not None:
            await self._consumer.stop()

    async def _read(self, consumer: AIOKafkaConsumer) -> None:
        while True:
            for batch in (await consumer.getmany(timeout_ms=100)).values():
                seen_at = time.time()
                for record in batch:
                    event = CloudEvent.from_kafka(record.headers, record.value)
                    subject = event.data.get(self.subject_field)
                    self.arrivals.append(
                        Arrival(
                            event.id,
                            event.type,
                            str(subject) if subject is not None else None,
                            record.timestamp / 1000,
                            seen_at,
                        )
                    )

    async def first_written_after(self, instant: float, *, within: float = 30.0) -> Arrival:
        """The first record written after ``instant`` (epoch seconds) to reach the topic."""
        deadline = time.monotonic() + within
        while True:
            later = [a for a in self.arrivals if a.written_at > instant]
            if later:
                return min(later, key=lambda a: a.seen_at)
            if time.monotonic() > deadline:
                raise AssertionError(f"nothing written after the instant reached {self.topic} in {within} s")
            await asyncio.sleep(0.01)

    async def caught_up(self) -> bool:
        """True once this consumer's position is at the high watermark of every partition it fetched."""
        assert self._consumer is not None
        for partition in self._partitions:
            highwater = self._consumer.highwater(partition)
            if highwater is None or await self._consumer.position(partition) < highwater:
                return False
        return True

    async def census(self, event_type: str, subjects: Iterable[str], *, within: float = 60.0) -> Census:
        """Count ``event_type`` per expected subject once every one arrived and the reader caught up."""
        expected = set(subjects)
        deadline = time.monotonic() + within
        while True:
            of_type = [a for a in self.arrivals if a.event_type == event_type]
            seen = {a.subject_id for a in of_type}
            if (expected <= seen and await self.caught_up()) or time.monotonic() > deadline:
                break
            await asyncio.sleep(0.05)
        events: dict[str | None, set[str]] = defaultdict(set)
        for arrival in of_type:
            events[arrival.subject_id].add(arrival.event_id)
        copies = Counter(a.event_id for a in of_type)
        return Census(
            expected=len(expected),
            missing=sorted(expected - seen),
            doubled=sorted(s for s in expected if len(events.get(s, ())) > 1),
            republished=sum(count - 1 for count in copies.values()),
            records=len(of_type),
        )
