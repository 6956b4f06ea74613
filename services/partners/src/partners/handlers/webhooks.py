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

from partners.adapters.deliveries import Delivery
from partners.adapters.feed import FeedEntry
from partners.domain.commands import Redeliver, ReplayFeed
from partners.domain.delivery import Attempt, Response, RetryPolicy, Sender
from partners.domain.errors import InvalidPartner, PartnerNotFound
from partners.domain.registry import Channel, Partner
from partners.unit_of_work import PartnersUnitOfWork

log = structlog.get_logger(__name__)

WEBHOOK_ATTEMPTS = Counter("ipcase_partner_webhook_attempts_total", "Webhook attempts", ["outcome"])
WEBHOOK_LATENCY = Histogram(
    "ipcase_partner_webhook_delivery_seconds",
    "From the feed entry's recording to its successful delivery",
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 60, 600),
)


def webhook_attempt(url: str, secret: str, message_id: str, body: str, at: dt.datetime) -> Attempt:
    signature = Webhook(secret).sign(message_id, at, body)
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
    delivery: Delivery
    partner: Partner
    entry: FeedEntry
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

    The requests go out ``concurrency`` at a time: one partner whose endpoint hangs until the
    timeout must not hold up every other partner's deliveries behind it. The outcomes are recorded
    when the round's last request has ended (at most the request timeout): the round's rows stay
    locked until then, so no other dispatcher sends them twice.
    """
    due = await uow.deliveries.due(now, limit)
    prepared = await _prepare(uow, due, now)
    gate = asyncio.Semaphore(concurrency)

    async def attempt(item: _Prepared) -> tuple[Response, float]:
        async with gate:
            began = time.monotonic()
            response = await send(item.attempt)
            return response, time.monotonic() - began

    outcomes = await asyncio.gather(*(attempt(item) for item in prepared))
    for item, (response, took) in zip(prepared, outcomes, strict=True):
        await _record(uow, item, response, took, policy, now)
    return len(due)


async def _prepare(uow: PartnersUnitOfWork, due: list[Delivery], now: dt.datetime) -> list[_Prepared]:
    """The signed request of each due delivery; one whose partner, entry or endpoint is gone fails."""
    partners: dict[str, Partner] = {}
    prepared: list[_Prepared] = []
    for delivery in due:
        partner = partners.get(delivery.partner_code) or await uow.partners.get(delivery.partner_code)
        entry = await uow.feed.get(delivery.partner_code, delivery.seq)
        if partner is None or entry is None or not partner.webhook_url or not partner.webhook_secret:
            await uow.deliveries.attempt_failed(
                delivery.id, status_code=None, error="partner, entry or webhook endpoint gone", retry_at=None
            )
            continue
        partners[partner.code] = partner
        body = json.dumps({**entry.cloudevent, "seq": entry.seq}, ensure_ascii=False, separators=(",", ":"))
        attempt = webhook_attempt(partner.webhook_url, partner.webhook_secret, str(entry.event_id), body, now)
        prepared.append(_Prepared(delivery, partner, entry, attempt))
    return prepared


async def _record(
    uow: PartnersUnitOfWork,
    item: _Prepared,
    response: Response,
    took: float,
    policy: RetryPolicy,
    now: dt.datetime,
) -> None:
    delivery, entry = item.delivery, item.entry
    if response.status_code is not None and 200 <= response.status_code < 300:
        done = dt.datetime.now(dt.UTC)
        await uow.deliveries.delivered(
            delivery.id, status_code=response.status_code, at=done, latency_ms=int(took * 1000)
        )
        WEBHOOK_ATTEMPTS.labels("delivered").inc()
        WEBHOOK_LATENCY.observe(max((done - entry.recorded_at).total_seconds(), 0.0))
        return
    error = response.error or f"HTTP {response.status_code}"
    await uow.deliveries.attempt_failed(
        delivery.id,
        status_code=response.status_code,
        error=error,
        retry_at=policy.next_at(delivery.attempts + 1, now),
    )
    WEBHOOK_ATTEMPTS.labels("failed").inc()
    log.info("webhook attempt failed", partner=item.partner.code, seq=delivery.seq, error=error)


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
