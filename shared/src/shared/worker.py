"""The worker: a service's background parts, each supervised on its own.

A worker runs the outbox relay, the event consumers, the timer scheduler and any periodic jobs of
one service. Each is a :class:`~shared.supervision.Part`: one that fails is restarted alone, with
backoff, while the others carry on (a database blip in the timers never stops the relay).

Before the parts start, the worker learns the broker's cluster id and creates the topics. A
watcher part then checks the id: the embedded broker loses everything on restart and clients that
were connected misbehave afterwards, so on a new id every part is stopped and started afresh (the
relay replays the retained outbox; the consumers' inbox drops what they had already applied).

Stopping is bounded: parts get ``stop_grace`` to finish, are then cancelled, and a part that still
does not end makes :meth:`Worker.run` raise :class:`WorkerStuck` — the process must then exit
non-zero so that its supervisor (compose, Kubernetes) starts a fresh one.
"""

from __future__ import annotations

import asyncio
import functools
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

import structlog
from aiokafka.errors import KafkaError

from shared.kafka.clients import KafkaConfig
from shared.kafka.identity import BrokerChanged, BrokerGuard
from shared.kafka.topics import all_topics, broker_cluster_id, ensure_topics
from shared.liveness import Pulse
from shared.messaging.consumer import EventConsumer
from shared.messaging.relay import OutboxRelay
from shared.outage import Outage
from shared.retry import Backoff, reraise_if_cancelling, sleep_unless_stopped
from shared.supervision import Part, RestartPolicy, supervise

log = structlog.get_logger(__name__)
WATCHER = "broker-watch"
RELAY = "outbox-relay"


class WorkerStuck(RuntimeError):
    """Parts that ignored cancellation: only a new process can recover from that."""

    def __init__(self, parts: Sequence[str]) -> None:
        super().__init__(f"worker parts did not stop after cancellation: {', '.join(parts)}")
        self.parts = tuple(parts)


@dataclass(frozen=True, slots=True)
class WorkerOptions:
    watch_interval: float = 2.0
    stall_timeout: float = 120.0
    stop_grace: float = 15.0
    cancel_grace: float = 5.0
    restart: RestartPolicy = field(default_factory=RestartPolicy)


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
        jobs: Sequence[Part] = (),
        topics: Sequence[str] | None = None,
        options: WorkerOptions | None = None,
    ) -> None:
        self.service = service
        self.relay = relay
        self.consumers = tuple(consumers)
        self._jobs = tuple(jobs)
        self._kafka = kafka
        self._options = options or WorkerOptions()
        consumed = (topic for consumer in self.consumers for topic in consumer.topics)
        self._topics = sorted({*(all_topics() if topics is None else topics), *consumed})
        names = [WATCHER, *([RELAY] if relay else []), *(c.name for c in self.consumers)]
        names += [job.name for job in self._jobs]
        if len(set(names)) != len(names):
            raise ValueError(f"worker part names must be unique: {names}")
        self.pulses = {name: Pulse(name) for name in names}
        self.status = WorkerStatus()

    async def run(self, stop: asyncio.Event) -> None:
        """Run until ``stop`` is set; outages and broker restarts are handled inside.

        Raises :class:`WorkerStuck` if a part cannot be stopped.
        """
        backoff = Backoff(maximum=10.0)
        broker = Outage("broker", f"{self.service}.worker")
        while not stop.is_set():
            try:
                cluster_id = await self._prepare_broker()
            except Exception as exc:  # the broker is away (or refuses topics): wait, then try again
                reraise_if_cancelling()
                broker.failed(exc)
                self.status.last_error = f"broker unavailable: {exc!r}"
                if await sleep_unless_stopped(stop, backoff.next_delay()):
                    break
                continue
            broker.recovered()
            began = time.monotonic()
            await self._run_generation(cluster_id, stop)
            if time.monotonic() - began >= self._options.restart.healthy_after:
                backoff.reset()
            if not stop.is_set() and await sleep_unless_stopped(stop, backoff.next_delay()):
                break
        self.status.running = False

    def stuck_parts(self) -> dict[str, str]:
        """Parts that count as stuck now, with the reason; empty when the worker is healthy."""
        reasons = {
            name: pulse.stuck_reason(self._options.stall_timeout) for name, pulse in self.pulses.items()
        }
        return {name: reason for name, reason in reasons.items() if reason is not None}

    def health(self) -> dict[str, Any]:
        stuck = self.stuck_parts()
        return {
            "healthy": not stuck,
            "running": self.status.running,
            "generation": self.status.generation,
            "stall_timeout_seconds": self._options.stall_timeout,
            "stuck": stuck,
            "parts": {name: pulse.report() for name, pulse in self.pulses.items()},
        }

    async def _prepare_broker(self) -> str:
        async with asyncio.timeout(self._broker_timeout()):
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
        tasks = [
            asyncio.create_task(
                supervise(part, generation_stop, self.pulses[part.name], self._options.restart),
                name=f"{self.service}:{part.name}",
            )
            for part in self._parts(cluster_id)
        ]
        stopping = asyncio.create_task(stop.wait())
        try:
            await _until_stopped_or_failed(stopping, tasks)
        finally:
            stopping.cancel()
            generation_stop.set()
            self.status.running = False
            await self._tear_down(tasks)

    def _parts(self, cluster_id: str) -> list[Part]:
        parts = [Part(WATCHER, functools.partial(self._watch, cluster_id))]
        if self.relay is not None:
            parts.append(Part(RELAY, functools.partial(self.relay.run, cluster_id=cluster_id)))
        # After a broker change the replayed events start at offset 0 of the new broker; a stale
        # client may have committed an offset there already (see EventConsumer.run).
        fresh = bool(self.status.restarts)
        for consumer in self.consumers:
            run = functools.partial(consumer.run, cluster_id=cluster_id, from_beginning=fresh)
            parts.append(Part(consumer.name, run))
        return [*parts, *self._jobs]

    async def _tear_down(self, tasks: list[asyncio.Task[None]]) -> None:
        """Stop every part within the grace periods, or raise :class:`WorkerStuck`."""
        _, pending = await asyncio.wait(tasks, timeout=self._options.stop_grace)
        if pending:
            log.warning("worker parts did not stop in time; cancelling them", parts=_names(pending))
            for task in pending:
                task.cancel()
            _, pending = await asyncio.wait(pending, timeout=self._options.cancel_grace)
        if pending:
            log.critical("worker parts ignore cancellation", service=self.service, parts=_names(pending))
            raise WorkerStuck(_names(pending))
        errors = [task.exception() for task in tasks if not task.cancelled()]
        unexpected = [e for e in errors if e is not None and not isinstance(e, BrokerChanged)]
        if unexpected:
            raise unexpected[0]
        changes = [e for e in errors if isinstance(e, BrokerChanged)]
        if changes:  # several parts may notice the same new broker; it is one restart
            self._note_broker_change(changes[0])

    async def _watch(self, cluster_id: str, stop: asyncio.Event, pulse: Pulse) -> None:
        """Raise :class:`BrokerChanged` when the broker turns out to be a different one."""
        broker = Outage("broker", WATCHER, pulse)
        pulse.beat()
        # One long-lived connection, one metadata request per look (a new admin client each time
        # would cost a connection, API-version and metadata round trips every interval, all day).
        guard = BrokerGuard(self._kafka, cluster_id)
        try:
            while not await sleep_unless_stopped(stop, self._options.watch_interval):
                try:
                    async with asyncio.timeout(self._broker_timeout()):
                        await guard.verify()  # raises BrokerChanged for a different broker
                except (KafkaError, OSError, TimeoutError) as exc:
                    reraise_if_cancelling()
                    broker.failed(exc)  # the other parts retry on their own until the broker is back
                    await guard.close()
                    guard = BrokerGuard(self._kafka, cluster_id)
                    continue
                broker.recovered()
                pulse.beat()
        finally:
            await guard.close()

    def _broker_timeout(self) -> float:
        return 2 * self._kafka.request_timeout_ms / 1000

    def _note_broker_change(self, change: BrokerChanged) -> None:
        log.warning("broker changed: restarting clients", service=self.service, error=str(change))
        self.status.restarts.append(change.actual)


async def _until_stopped_or_failed(stopping: asyncio.Task[Any], tasks: list[asyncio.Task[None]]) -> None:
    """Wait for the stop signal or a part that ended with an error (a one-shot part may just end)."""
    pending: set[asyncio.Task[Any]] = {stopping, *tasks}
    while pending:
        done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
        if stopping in done or any(task.cancelled() or task.exception() is not None for task in done):
            return


def _names(tasks: set[asyncio.Task[None]]) -> list[str]:
    return sorted(task.get_name() for task in tasks)


EXIT_STUCK = 70  # EX_SOFTWARE: the supervisor (compose, Kubernetes, the dev stack) starts a new process


class WorkerRunner:
    """Runs a worker in the background of a process and remembers how it ended.

    A stuck worker cannot be recovered inside its process (a task that ignores cancellation would
    also hang interpreter shutdown), so with ``exit_on_stuck`` the process ends at once with
    :data:`EXIT_STUCK`; otherwise the failure is kept for ``/healthz`` to report.
    """

    def __init__(self, worker: Worker, *, exit_on_stuck: bool) -> None:
        self.worker = worker
        self.failure: str | None = None
        self._exit_on_stuck = exit_on_stuck
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"{self.worker.service}-worker")

    async def wait(self) -> None:
        """Until the worker ends (after :meth:`request_stop`, or because it failed)."""
        if self._task is not None:
            await asyncio.wait({self._task})

    def request_stop(self) -> None:
        self._stop.set()

    async def stop(self) -> None:
        self.request_stop()
        await self.wait()

    async def _run(self) -> None:
        try:
            await self.worker.run(self._stop)
        except WorkerStuck as stuck:
            self.failure = str(stuck)
            if self._exit_on_stuck:
                exit_process(str(stuck))
        except Exception as exc:  # Worker.run handles everything it expects; anything else is a bug
            self.failure = repr(exc)
            log.exception("worker failed", service=self.worker.service)
        else:
            if not self._stop.is_set():
                self.failure = "worker returned while it should be running"


def exit_process(reason: str) -> NoReturn:
    """End the process now, without the interpreter's shutdown (it would wait on the stuck task)."""
    log.critical("exiting: the worker cannot recover in this process", reason=reason, code=EXIT_STUCK)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_STUCK)
