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
from collections import Counter as Tally
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


@dataclass(frozen=True, slots=True)
class DispatchLimits:
    batch: int  # most deliveries claimed in one step
    concurrency: int  # requests in flight at once
    per_partner: int  # one partner's requests in flight at once
    lease: dt.timedelta  # a claimed delivery is not due again before this has passed


class WebhookDispatcher:
    """Webhook delivery as a pipeline of requests, none of which waits for another.

    A step records the attempts that have ended and claims due deliveries into the free request
    slots, in one transaction of two statements; the claimed requests go out once it has committed.
    Claiming moves a delivery's ``next_attempt_at`` past the request's timeout (the lease), so no
    other dispatcher takes it meanwhile, and no transaction stays open while a request is out; a
    dispatcher that dies mid-request leaves its deliveries due again when the lease ends (Standard
    Webhooks receivers deduplicate by ``webhook-id``). A partner whose endpoint hangs holds at most
    ``per_partner`` of the slots until its timeouts, and every other partner's deliveries go out
    meanwhile; claims take each partner's oldest first and the longest-waiting partners first.
    """

    def __init__(
        self,
        uow_factory: Callable[[], PartnersUnitOfWork],
        send: Sender,
        policy: RetryPolicy,
        limits: DispatchLimits,
    ) -> None:
        self._uow_factory = uow_factory
        self._send = send
        self._policy = policy
        self._limits = limits
        self._flying: dict[asyncio.Task[Outcome], str] = {}
        self._ended: list[Outcome] = []
        self.ended = asyncio.Event()  # set when a request ends: its slot is free, its outcome waits

    @property
    def in_flight(self) -> int:
        return len(self._flying)

    @property
    def free_slots(self) -> int:
        """How many deliveries the next step may claim."""
        return max(0, min(self._limits.batch, self._limits.concurrency - len(self._flying)))

    async def step(self, now: dt.datetime) -> int:
        """Record what has ended and claim into the free slots; how many deliveries were claimed.

        The outcomes stay to be recorded by the next step if this one's transaction fails."""
        self.ended.clear()
        ended, self._ended = self._ended, []
        free = self.free_slots
        busy = Tally(self._flying.values())
        try:
            async with self._uow_factory() as uow:
                await uow.deliveries.record(ended)
                due = []
                if free > 0:
                    due = await uow.deliveries.claim(
                        now,
                        lease_until=now + self._limits.lease,
                        limit=free,
                        per_partner=self._limits.per_partner,
                        in_flight=busy,
                    )
                await uow.commit()
        except BaseException:
            self._ended[:0] = ended
            raise
        prepared, gone = _prepare(due, now)
        if gone:  # nothing to send: their outcomes are for the next step to record
            self._ended.extend(gone)
            self.ended.set()
        for item in prepared:
            task = asyncio.create_task(self._attempt(item, now), name=f"webhook-{item.delivery.id}")
            self._flying[task] = item.delivery.partner_code
            task.add_done_callback(self._landed)
        return len(due)

    async def finish(self) -> None:
        """Let every request in flight end, and record them (claiming nothing more)."""
        if self._flying:
            await asyncio.wait(list(self._flying))
        ended, self._ended = self._ended, []
        async with self._uow_factory() as uow:
            await uow.deliveries.record(ended)
            await uow.commit()

    async def _attempt(self, item: _Prepared, started: dt.datetime) -> Outcome:
        began = time.monotonic()
        response = await self._send(item.attempt)
        done = dt.datetime.now(dt.UTC)
        delivery = item.delivery
        outcome = judge(
            delivery.id,
            delivery.attempts,
            response,
            took=time.monotonic() - began,
            policy=self._policy,
            now=started,
            done=done,
        )
        if outcome.status is DeliveryStatus.DELIVERED:
            WEBHOOK_ATTEMPTS.labels("delivered").inc()
            WEBHOOK_LATENCY.observe(max((done - item.recorded_at).total_seconds(), 0.0))
        else:
            WEBHOOK_ATTEMPTS.labels("failed").inc()
            log.info(
                "webhook attempt failed", partner=delivery.partner_code, seq=delivery.seq, error=outcome.error
            )
        return outcome

    def _landed(self, task: asyncio.Task[Outcome]) -> None:
        partner = self._flying.pop(task, None)
        if not task.cancelled():
            if (error := task.exception()) is not None:  # a bug: the lease's end retries it
                log.error("webhook attempt raised", partner=partner, error=repr(error)[:300])
            else:
                self._ended.append(task.result())
        self.ended.set()


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
