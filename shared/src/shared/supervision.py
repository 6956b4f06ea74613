"""Supervision of one part of a worker: a part that fails is restarted alone, with backoff.

A part is a named coroutine ``run(stop, pulse)`` that returns only once ``stop`` is set (the outbox
relay, one consumer, the timer scheduler, a periodic job). Whatever it raises — a lost database, a
bug, a recursion error — is logged and the part starts again after a backoff that grows while it
keeps failing and starts afresh once it has run well for a while. Its siblings never notice.

Only two things leave a supervised part: cancellation, and
:class:`~shared.kafka.identity.BrokerChanged`, which the worker answers by restarting every client
against the new broker.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import structlog
from aiokafka.errors import KafkaError

from shared.db import is_database_unavailable
from shared.kafka.identity import BrokerChanged
from shared.liveness import Pulse
from shared.retry import Backoff, reraise_if_cancelling, sleep_unless_stopped

log = structlog.get_logger(__name__)
PartRun = Callable[[asyncio.Event, Pulse], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Part:
    """A named, long-running piece of a worker; ``run(stop, pulse)`` returns once ``stop`` is set.

    A ``one_shot`` part does its work once and returns; it is restarted only if it fails.
    """

    name: str
    run: PartRun
    one_shot: bool = False


class PartExited(RuntimeError):
    """A part returned although it was not asked to stop; it is restarted like a failed one."""


@dataclass(frozen=True, slots=True)
class RestartPolicy:
    initial: float = 0.5
    maximum: float = 30.0
    healthy_after: float = 60.0
    """A part that ran this long before failing is restarted after the shortest delay again."""


async def supervise(part: Part, stop: asyncio.Event, pulse: Pulse, policy: RestartPolicy) -> None:
    """Run ``part`` until ``stop`` is set, restarting it with backoff whenever it fails."""
    backoff = Backoff(policy.initial, policy.maximum)
    streak = 0  # consecutive failures while a dependency is down: logged once, not at every restart
    try:
        while not stop.is_set():
            pulse.started()
            began = time.monotonic()
            try:
                await part.run(stop, pulse)
                if stop.is_set() or part.one_shot:
                    return
                raise PartExited(f"{part.name} returned while it should be running")
            except BrokerChanged:
                raise
            except Exception as error:
                reraise_if_cancelling()
                pulse.restarting(error)
                dependency = _dependency_down(error)
                streak = streak + 1 if dependency is not None else 0
                if dependency is not None:
                    pulse.blocked(dependency)
                if streak <= 1:
                    _log_failure(part.name, error, pulse.restarts, dependency)
            if time.monotonic() - began >= policy.healthy_after:
                backoff.reset()
                streak = 0
            if await sleep_unless_stopped(stop, backoff.next_delay()):
                return
    finally:
        pulse.stopped()


def _dependency_down(error: Exception) -> str | None:
    if is_database_unavailable(error):
        return "database"
    if isinstance(error, KafkaError):
        return "broker"
    return None


def _log_failure(name: str, error: Exception, restarts: int, dependency: str | None) -> None:
    if dependency is not None:
        # An outage, not a bug: one line without a trace is enough.
        log.warning(
            "worker part interrupted; restarting",
            part=name,
            restarts=restarts,
            waiting_for=dependency,
            error=repr(error)[:300],
        )
    else:
        log.exception("worker part failed; restarting", part=name, restarts=restarts)
