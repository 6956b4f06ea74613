"""Webhook delivery by the Standard Webhooks spec: ``webhook-id`` (the event id, the same on every
retry), ``webhook-timestamp`` and ``webhook-signature: v1,<base64 HMAC-SHA256>`` with the partner's
``whsec_`` secret (the maintained ``standardwebhooks`` package signs). Failed attempts are retried
with exponential backoff; after the last one the delivery is ``failed`` until redelivered by hand.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import structlog
from prometheus_client import Counter, Histogram
from standardwebhooks.webhooks import Webhook

from partners.adapters.deliveries import DueDelivery
from partners.domain.commands import Redeliver, ReplayFeed
from partners.domain.delivery import (
    Attempt,
    DeliveryStatus,
    Outcome,
    Response,
    RetryPolicy,
    Sender,
    given_up_or_retried,
    judge,
)
from partners.domain.errors import InvalidPartner, PartnerNotFound
from partners.domain.registry import Channel
from partners.unit_of_work import PartnersUnitOfWork

log = structlog.get_logger(__name__)

WEBHOOK_ATTEMPTS = Counter("ipcase_partner_webhook_attempts_total", "Webhook attempts", ["outcome"])
WEBHOOK_LATENCY = Histogram(
    "ipcase_partner_webhook_delivery_seconds",
    "From the feed entry's recording to its successful delivery",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600),
)


def webhook_attempt(url: str, hook: Webhook, message_id: str, body: str, at: dt.datetime) -> Attempt:
    """The signed request; ``hook`` is ``Webhook(secret)`` with the partner's ``whsec_`` secret."""
    signature = hook.sign(message_id, at, body)
    return Attempt(
        url=url,
        headers={
            "content-type": "application/cloudevents+json; charset=utf-8",
            "webhook-id": message_id,
            "webhook-timestamp": str(int(at.timestamp())),
            "webhook-signature": signature,
        },
        body=body,
    )


@dataclass(frozen=True, slots=True)
class _Prepared:
    delivery: DueDelivery
    recorded_at: dt.datetime
    attempt: Attempt


async def deliver_due(
    uow: PartnersUnitOfWork,
    send: Sender,
    policy: RetryPolicy,
    *,
    now: dt.datetime,
    limit: int,
    concurrency: int,
) -> int:
    """Attempt every due delivery once (rows locked, others skip them); how many were attempted.

    One statement reads the round's due deliveries with their entries and endpoints, one records
    all their outcomes. The requests go out ``concurrency`` at a time: one partner whose endpoint
    hangs until the timeout must not hold up every other partner's deliveries behind it. The
    outcomes are recorded when the round's last request has ended (at most the request timeout):
    the round's rows stay locked until then, so no other dispatcher sends them twice.
    """
    due = await uow.deliveries.due(now, limit)
    prepared, outcomes = _prepare(due, now)
    gate = asyncio.Semaphore(concurrency)

    async def attempt(item: _Prepared) -> tuple[Response, float]:
        async with gate:
            began = time.monotonic()
            response = await send(item.attempt)
            return response, time.monotonic() - began

    responses = await asyncio.gather(*(attempt(item) for item in prepared))
    done = dt.datetime.now(dt.UTC)
    for item, (response, took) in zip(prepared, responses, strict=True):
        delivery = item.delivery
        outcome = judge(
            delivery.id, delivery.attempts, response, took=took, policy=policy, now=now, done=done
        )
        outcomes.append(outcome)
        if outcome.status is DeliveryStatus.DELIVERED:
            WEBHOOK_ATTEMPTS.labels("delivered").inc()
            WEBHOOK_LATENCY.observe(max((done - item.recorded_at).total_seconds(), 0.0))
        else:
            WEBHOOK_ATTEMPTS.labels("failed").inc()
            log.info(
                "webhook attempt failed", partner=delivery.partner_code, seq=delivery.seq, error=outcome.error
            )
    await uow.deliveries.record(outcomes)
    return len(due)


def _prepare(due: list[DueDelivery], now: dt.datetime) -> tuple[list[_Prepared], list[Outcome]]:
    """The signed request of each due delivery; one whose partner, entry or endpoint is gone fails
    (its outcome, given up, is the second list)."""
    hooks: dict[str, Webhook] = {}
    prepared: list[_Prepared] = []
    gone: list[Outcome] = []
    for delivery in due:
        url, secret = delivery.webhook_url, delivery.webhook_secret
        entry, event_id, recorded_at = delivery.cloudevent, delivery.event_id, delivery.recorded_at
        if not url or not secret or entry is None or event_id is None or recorded_at is None:
            gone.append(
                given_up_or_retried(delivery.id, "partner, entry or webhook endpoint gone", retry_at=None)
            )
            continue
        hook = hooks.get(secret) or hooks.setdefault(secret, Webhook(secret))
        body = json.dumps({**entry, "seq": delivery.seq}, ensure_ascii=False, separators=(",", ":"))
        attempt = webhook_attempt(url, hook, str(event_id), body, now)
        prepared.append(_Prepared(delivery, recorded_at, attempt))
    return prepared, gone


async def redeliver(cmd: Redeliver, uow: PartnersUnitOfWork, clock: Callable[[], dt.datetime]) -> None:
    delivery = await uow.deliveries.get(cmd.code, cmd.delivery_id)
    if delivery is None:
        raise PartnerNotFound(
            f"partner {cmd.code} has no delivery {cmd.delivery_id}",
            f"合作方 {cmd.code} 无投递 {cmd.delivery_id}",
        )
    await uow.deliveries.redeliver(delivery.id, clock())
    uow.audit.record(
        "partners.delivery.redeliver",
        object_type="partner",
        object_id=cmd.code,
        details={"delivery": delivery.id},
    )


async def replay_feed(cmd: ReplayFeed, uow: PartnersUnitOfWork, clock: Callable[[], dt.datetime]) -> int:
    """Schedule a webhook delivery of every entry of one partner's feed recorded since ``since``."""
    partner = await uow.partners.get(cmd.code)
    if partner is None:
        raise PartnerNotFound(f"no partner {cmd.code}", f"无合作方 {cmd.code}")
    if Channel.WEBHOOK not in partner.channels:
        raise InvalidPartner("the partner takes no webhook", "该合作方未选择 webhook 渠道")
    after = await uow.feed.seq_before(cmd.code, cmd.since)
    head = await uow.feed.head(cmd.code)
    seqs = list(range(after + 1, head + 1))
    await uow.deliveries.schedule(cmd.code, seqs, clock())
    uow.audit.record(
        "partners.replay",
        object_type="partner",
        object_id=cmd.code,
        details={"since": cmd.since.isoformat(), "events": len(seqs)},
    )
    return len(seqs)
