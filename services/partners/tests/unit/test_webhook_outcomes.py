"""What one webhook attempt leaves on its delivery: delivered, retried with backoff, or given up."""

from __future__ import annotations

import datetime as dt

from partners.domain.delivery import DeliveryStatus, Outcome, Response, RetryPolicy, judge

POLICY = RetryPolicy(max_attempts=3, backoff=2.0, backoff_max=3.0)
NOW = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)
DONE = NOW + dt.timedelta(seconds=1)


def attempt(response: Response, attempts_before: int = 0) -> Outcome:
    return judge(41, attempts_before, response, took=0.1234, policy=POLICY, now=NOW, done=DONE)


def test_a_2xx_is_delivered_with_its_time_and_latency_and_no_next_attempt() -> None:
    assert attempt(Response(204)) == Outcome(
        41, DeliveryStatus.DELIVERED, status_code=204, delivered_at=DONE, latency_ms=123
    )


def test_a_refusal_or_a_timeout_is_retried_with_doubling_backoff_up_to_the_ceiling() -> None:
    first = attempt(Response(500))
    assert first == Outcome(
        41,
        DeliveryStatus.PENDING,
        status_code=500,
        error="HTTP 500",
        next_attempt_at=NOW + dt.timedelta(seconds=2),
    )
    timed_out = attempt(Response(None, "ReadTimeout: " + "x" * 2000), attempts_before=1)
    assert timed_out.status is DeliveryStatus.PENDING and timed_out.status_code is None
    assert timed_out.next_attempt_at == NOW + dt.timedelta(seconds=3)  # 4 s, capped at 3
    assert timed_out.error is not None and len(timed_out.error) == 1000 and timed_out.delivered_at is None


def test_the_last_attempt_that_fails_gives_up_and_leaves_the_next_attempt_time() -> None:
    assert attempt(Response(503), attempts_before=2) == Outcome(
        41, DeliveryStatus.FAILED, status_code=503, error="HTTP 503"
    )
    assert attempt(Response(302)).status is DeliveryStatus.PENDING  # a redirect is not a delivery
