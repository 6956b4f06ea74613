"""Webhook attempts and their retry schedule (pure): exponential backoff up to a ceiling, and what
one attempt leaves on its delivery (delivered, retried later, or given up)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class Attempt:
    url: str
    headers: dict[str, str]
    body: str


@dataclass(frozen=True, slots=True)
class Response:
    status_code: int | None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


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


class DeliveryStatus(StrEnum):
    PENDING = "pending"  # due at its next attempt
    DELIVERED = "delivered"
    FAILED = "failed"  # given up: only a redelivery by hand sends it again


ERROR_MAX_CHARS = 1000


@dataclass(frozen=True, slots=True)
class Outcome:
    """One attempt's result as its delivery row records it (``attempts`` goes up by one).

    ``None`` in ``next_attempt_at``, ``delivered_at`` or ``latency_ms`` leaves the row's value.
    """

    delivery_id: int
    status: DeliveryStatus
    status_code: int | None = None
    error: str | None = None
    next_attempt_at: dt.datetime | None = None
    delivered_at: dt.datetime | None = None
    latency_ms: int | None = None


def judge(
    delivery_id: int,
    attempts_before: int,
    response: Response,
    *,
    took: float,
    policy: RetryPolicy,
    now: dt.datetime,
    done: dt.datetime,
) -> Outcome:
    """The outcome of an attempt made at ``now`` that ended at ``done`` after ``took`` seconds: a
    2xx is delivered; anything else is retried by ``policy`` or, after the last attempt, failed."""
    if response.ok:
        return Outcome(
            delivery_id,
            DeliveryStatus.DELIVERED,
            status_code=response.status_code,
            delivered_at=done,
            latency_ms=int(took * 1000),
        )
    return given_up_or_retried(
        delivery_id,
        response.error or f"HTTP {response.status_code}",
        status_code=response.status_code,
        retry_at=policy.next_at(attempts_before + 1, now),
    )


def given_up_or_retried(
    delivery_id: int, error: str, *, status_code: int | None = None, retry_at: dt.datetime | None
) -> Outcome:
    return Outcome(
        delivery_id,
        DeliveryStatus.PENDING if retry_at is not None else DeliveryStatus.FAILED,
        status_code=status_code,
        error=error[:ERROR_MAX_CHARS],
        next_attempt_at=retry_at,
    )
