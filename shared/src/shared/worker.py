"""The worker: a service's background components, restarted together when the broker changes.

A worker runs the outbox relay, the event consumers and any periodic jobs of one service. Before
starting them it learns the broker's cluster id and creates the topics. It then watches the cluster
id: the embedded broker loses everything on restart and clients that were connected misbehave
afterwards, so on a new id every component is stopped and started afresh (the relay then replays
the retained outbox and the consumers' inbox drops what they had already applied).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from aiokafka.errors import KafkaError

from shared.kafka.clients import KafkaConfig
from shared.kafka.identity import BrokerChanged
from shared.kafka.topics import all_topics, broker_cluster_id, ensure_topics
from shared.messaging.consumer import EventConsumer
from shared.messaging.relay import OutboxRelay
from shared.retry import Backoff, sleep_unless_stopped, wait_any

log = structlog.get_logger(__name__)
PeriodicJob = Callable[[asyncio.Event], Coroutine[Any, Any, None]]


@dataclass(slots=True)
class WorkerStatus:
    cluster_id: str | None = None
    generation: int = 0
    running: bool = False
    last_error: str | None = None
    restarts: list[str] = field(default_factory=list)


class Worker:
    def __init__(
        self,
        *,
        service: str,
        kafka: KafkaConfig,
        relay: OutboxRelay | None,
        consumers: Sequence[EventConsumer] = (),
        jobs: Sequence[PeriodicJob] = (),
        watch_interval: float = 2.0,
        topics: Sequence[str] | None = None,
    ) -> None:
        self.service = service
        self.relay = relay
        self.consumers = tuple(consumers)
        self._jobs = tuple(jobs)
        self._kafka = kafka
        self._watch_interval = watch_interval
        consumed = (topic for consumer in self.consumers for topic in consumer.topics)
        self._topics = sorted({*(all_topics() if topics is None else topics), *consumed})
        self.status = WorkerStatus()

    async def run(self, stop: asyncio.Event) -> None:
        """Run until ``stop`` is set; outages and broker restarts are handled inside."""
        backoff = Backoff(maximum=10.0)
        while not stop.is_set():
            try:
                cluster_id = await self._prepare_broker()
                backoff.reset()
                await self._run_generation(cluster_id, stop)
            except (KafkaError, OSError) as exc:
                self._note_error("broker unreachable", exc)
            except Exception as exc:  # a component crashed: restart them all rather than die silently
                log.exception("worker component failed", service=self.service)
                self._note_error("component failed", exc)
            if not stop.is_set() and await sleep_unless_stopped(stop, backoff.next_delay()):
                break
        self.status.running = False

    async def _prepare_broker(self) -> str:
        cluster_id = await broker_cluster_id(self._kafka)
        if self._kafka.create_topics:
            created = await ensure_topics(self._kafka, self._topics)
            if created:
                log.info("topics created", service=self.service, topics=created)
        return cluster_id

    async def _run_generation(self, cluster_id: str, stop: asyncio.Event) -> None:
        generation_stop = asyncio.Event()
        self.status.cluster_id, self.status.running = cluster_id, True
        self.status.generation += 1
        log.info(
            "worker started", service=self.service, cluster=cluster_id, generation=self.status.generation
        )
        try:
            async with asyncio.TaskGroup() as group:
                group.create_task(self._watch(cluster_id, stop, generation_stop))
                if self.relay is not None:
                    group.create_task(self.relay.run(cluster_id=cluster_id, stop=generation_stop))
                for consumer in self.consumers:
                    group.create_task(self._consume(consumer, cluster_id, generation_stop))
                for job in self._jobs:
                    group.create_task(job(generation_stop))
        except* BrokerChanged as changed:
            self._note_broker_change(changed.exceptions[0])
        finally:
            self.status.running = False
            generation_stop.set()

    async def _consume(self, consumer: EventConsumer, cluster_id: str, stop: asyncio.Event) -> None:
        backoff = Backoff(maximum=10.0)
        while not stop.is_set():
            try:
                await consumer.run(stop, cluster_id=cluster_id)
            except (KafkaError, OSError) as exc:
                log.warning("consumer interrupted, restarting", consumer=consumer.name, error=repr(exc))
                if await sleep_unless_stopped(stop, backoff.next_delay()):
                    return

    async def _watch(self, cluster_id: str, stop: asyncio.Event, generation_stop: asyncio.Event) -> None:
        """End the generation on shutdown, or when the broker turns out to be a different one."""
        while not stop.is_set():
            await wait_any(stop, seconds=self._watch_interval)
            if stop.is_set():
                break
            try:
                current = await broker_cluster_id(self._kafka)
            except (KafkaError, OSError):
                continue  # the components retry on their own until the broker is back
            if current != cluster_id:
                self._note_broker_change(BrokerChanged(cluster_id, current))
                break
        generation_stop.set()

    def _note_broker_change(self, change: BaseException) -> None:
        actual = change.actual if isinstance(change, BrokerChanged) else "unknown"
        log.warning("broker changed: restarting clients", service=self.service, error=str(change))
        self.status.restarts.append(actual)

    def _note_error(self, what: str, exc: BaseException) -> None:
        self.status.last_error = f"{what}: {exc!r}"
        log.warning(what, service=self.service, error=repr(exc))
