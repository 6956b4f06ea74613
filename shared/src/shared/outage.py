"""Outages of a dependency, logged once when they start and once when they end.

A worker loop that loses the database retries every few seconds; logging each retry would bury the
one line an operator needs. :class:`Outage` logs the first failure, counts the rest, and logs the
recovery with how long it lasted; the part's :class:`~shared.liveness.Pulse` shows it as blocked.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import structlog
from prometheus_client import Counter

from shared.db import is_database_unavailable
from shared.liveness import Pulse
from shared.retry import Backoff, reraise_if_cancelling, sleep_unless_stopped

log = structlog.get_logger(__name__)
OUTAGES = Counter(
    "ipcase_dependency_outages", "Outages of a dependency seen by a worker part", ["part", "dependency"]
)


@dataclass(slots=True)
class Outage:
    """One dependency (``database``, ``broker``) as seen by one part of a worker."""

    dependency: str
    part: str
    pulse: Pulse | None = None
    failures: int = field(default=0, init=False)
    _since: float | None = field(default=None, init=False)

    @property
    def ongoing(self) -> bool:
        return self._since is not None

    def failed(self, error: BaseException) -> None:
        self.failures += 1
        if self.pulse is not None:
            self.pulse.blocked(self.dependency)
        if self._since is None:
            self._since = time.monotonic()
            OUTAGES.labels(self.part, self.dependency).inc()
            log.warning(f"{self.dependency} unavailable; waiting", part=self.part, error=repr(error)[:300])

    def recovered(self) -> None:
        if self.pulse is not None:
            self.pulse.unblocked()
        if self._since is None:
            return
        lasted = time.monotonic() - self._since
        log.warning(
            f"{self.dependency} available again",
            part=self.part,
            outage_seconds=round(lasted, 1),
            failed_attempts=self.failures,
        )
        self._since, self.failures = None, 0


@dataclass(frozen=True, slots=True)
class Round:
    """What one round of a worker part did: ``done`` units of work, and whether to go ``again`` at
    once (e.g. a full batch: more is waiting) rather than after the idle wait."""

    done: int
    again: bool


async def run_rounds(
    part: str,
    one_round: Callable[[asyncio.Event], Awaitable[bool | Round]],
    stop: asyncio.Event,
    pulse: Pulse,
    *,
    idle_seconds: float,
) -> None:
    """A worker part's loop: call ``one_round`` until ``stop``, waiting ``idle_seconds`` after a round
    that found nothing to do, and riding out database outages (logged once, retried with backoff).

    ``one_round`` answers whether it worked (then it runs again at once), or a :class:`Round` where
    the work done and "again at once" differ (a sealer that sealed a part batch waits; a full one
    goes on)."""
    database = Outage("database", part, pulse)
    backoff = Backoff(maximum=5.0)
    while not stop.is_set():
        pulse.beat()
        try:
            result = await one_round(stop)
        except Exception as exc:
            reraise_if_cancelling()
            if not is_database_unavailable(exc):
                raise
            database.failed(exc)
            await sleep_unless_stopped(stop, backoff.next_delay())
            continue
        database.recovered()
        backoff.reset()
        outcome = result if isinstance(result, Round) else Round(int(result), bool(result))
        if outcome.done:
            pulse.progressed(outcome.done)
        if not outcome.again:
            await sleep_unless_stopped(stop, idle_seconds)
