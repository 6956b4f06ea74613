"""Webhook attempts and their retry schedule (pure): exponential backoff up to a ceiling."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Attempt:
    url: str
    headers: dict[str, str]
    body: str


@dataclass(frozen=True, slots=True)
class Response:
    status_code: int | None
    error: str | None = None


Sender = Callable[[Attempt], Awaitable[Response]]


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    max_attempts: int
    backoff: float
    backoff_max: float

    def next_at(self, attempts_made: int, now: dt.datetime) -> dt.datetime | None:
        if attempts_made >= self.max_attempts:
            return None
        delay = min(self.backoff * 2 ** (attempts_made - 1), self.backoff_max)
        return now + dt.timedelta(seconds=delay)
