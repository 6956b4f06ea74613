"""What each supervised part of a worker reports, and how a stuck part is told from a waiting one.

A part (the outbox relay, a consumer, the timer scheduler...) holds a :class:`Pulse` and calls
:meth:`Pulse.beat` on every turn of its loop, :meth:`Pulse.progressed` whenever work got done, and
:meth:`Pulse.backlog` with how much work it knows is waiting. While a dependency is down it says so
(:meth:`Pulse.blocked`): restarting the process would not help then, so it is not "stuck".

A part is stuck when its loop stopped turning, or when work waits and nothing has moved for the
stall timeout although nothing it depends on is down. An orchestrator restarts a stuck worker.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

Monotonic = Callable[[], float]


class PartState(StrEnum):
    STARTING = "starting"
    RUNNING = "running"
    RESTARTING = "restarting"
    STOPPED = "stopped"


@dataclass(slots=True)
class Pulse:
    """The liveness record of one supervised part; cheap enough to touch for every record."""

    name: str
    clock: Monotonic = time.monotonic
    state: PartState = PartState.STARTING
    restarts: int = 0
    last_error: str | None = None
    waiting: int = 0
    processed: int = 0
    blocked_on: str | None = None
    _beat_at: float = field(default=0.0, init=False)
    _progress_at: float = field(default=0.0, init=False)
    _waiting_since: float | None = field(default=None, init=False)
    _blocked_since: float | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self._beat_at = self._progress_at = self.clock()

    def beat(self) -> None:
        """The part's loop turned (it is not hung in an await)."""
        self._beat_at = self.clock()
        if self.state is PartState.STARTING:
            self.state = PartState.RUNNING

    def progressed(self, count: int = 1) -> None:
        """``count`` units of work were done (records applied, events published, timers fired)."""
        now = self.clock()
        self._beat_at = self._progress_at = now
        self.processed += count

    def backlog(self, count: int) -> None:
        """How much work the part knows is waiting now (0 when it is idle)."""
        self.waiting = max(0, count)
        if self.waiting == 0:
            self._waiting_since = None
        elif self._waiting_since is None:
            self._waiting_since = self.clock()

    def blocked(self, dependency: str) -> None:
        """The part waits for ``dependency`` (database, broker) to come back."""
        self.beat()
        if self.blocked_on != dependency:
            self.blocked_on, self._blocked_since = dependency, self.clock()

    def unblocked(self) -> None:
        self.blocked_on, self._blocked_since = None, None

    def restarting(self, error: BaseException) -> None:
        self.state = PartState.RESTARTING
        self.restarts += 1
        self.last_error = repr(error)[:500]

    def started(self) -> None:
        self.state = PartState.STARTING
        self._beat_at = self.clock()
        self.unblocked()  # a part that waits for a dependency says so again once running

    def stopped(self) -> None:
        self.state = PartState.STOPPED
        self.backlog(0)
        self.unblocked()

    def stuck_reason(self, stall_timeout: float) -> str | None:
        """Why this part counts as stuck, or None if it is fine (or merely waiting on an outage)."""
        if self.state is PartState.STOPPED:
            return None
        now = self.clock()
        if now - self._beat_at > stall_timeout:
            return f"no sign of life for {now - self._beat_at:.0f} s"
        if self.blocked_on is not None or self._waiting_since is None:
            return None
        stalled_for = now - max(self._progress_at, self._waiting_since)
        if stalled_for > stall_timeout:
            return f"{self.waiting} item(s) waiting and nothing processed for {stalled_for:.0f} s"
        return None

    def report(self) -> dict[str, Any]:
        now = self.clock()
        return {
            "state": self.state.value,
            "restarts": self.restarts,
            "last_error": self.last_error,
            "seconds_since_beat": round(now - self._beat_at, 3),
            "seconds_since_progress": round(now - self._progress_at, 3),
            "processed": self.processed,
            "waiting": self.waiting,
            "blocked_on": self.blocked_on,
            "blocked_for_seconds": (
                None if self._blocked_since is None else round(now - self._blocked_since, 3)
            ),
        }
