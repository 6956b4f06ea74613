"""Exponential backoff with jitter, sleeps that a stop signal cuts short, and cancellation hygiene.

Long-running loops never use ``asyncio.wait_for``: on Python 3.11 it can swallow a cancellation
that arrives while the inner awaitable completes (cpython#86296), and one lost cancellation leaves a
task group waiting forever. ``asyncio.timeout`` has no such race; ruff's banned-api rule keeps
``wait_for`` out of the code base.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from dataclasses import dataclass, field


@dataclass(slots=True)
class Backoff:
    """Delays ``initial * 2**n`` capped at ``maximum``, each scaled by a random factor in [0.5, 1]."""

    initial: float = 0.2
    maximum: float = 30.0
    attempts: int = field(default=0, init=False)

    def next_delay(self) -> float:
        delay = min(self.maximum, self.initial * 2.0**self.attempts)
        self.attempts += 1
        return delay * random.uniform(0.5, 1.0)

    def reset(self) -> None:
        self.attempts = 0


async def sleep_unless_stopped(stop: asyncio.Event, seconds: float) -> bool:
    """Sleep up to ``seconds``; return True at once if ``stop`` is (or becomes) set."""
    if stop.is_set():
        return True
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await stop.wait()
    return stop.is_set()


async def wait_any(*events: asyncio.Event, seconds: float) -> None:
    """Return when any of ``events`` is set, or after ``seconds``."""
    waiters = [asyncio.ensure_future(event.wait()) for event in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()


def reraise_if_cancelling() -> None:
    """Call in a retry loop's ``except`` branch: a task being cancelled must stop, not retry.

    Some libraries turn a cancellation into their own error (a closed connection, a failed
    request); retrying then would keep a cancelled task alive.
    """
    task = asyncio.current_task()
    if task is not None and task.cancelling():
        raise asyncio.CancelledError
