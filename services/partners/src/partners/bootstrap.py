"""Partners' composition root: settings in, a wired container out (nothing connects before this)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass

import structlog

from partners import handlers
from partners.adapters import webhook_backlog
from partners.adapters.bell import FeedBell
from partners.adapters.http import WebhookClient
from partners.adapters.keys import OfficeKeys, load_office_keys
from partners.adapters.orm import messaging
from partners.adapters.topics import FeedTopics
from partners.domain.delivery import RetryPolicy
from partners.entrypoints import consumer
from partners.handlers.projection import ActivePartners
from partners.handlers.publishing import Issuer
from partners.handlers.webhooks import DispatchLimits, WebhookDispatcher
from partners.settings import PartnersSettings
from partners.unit_of_work import PartnersUnitOfWork
from shared.db import asyncpg_dsn
from shared.liveness import Pulse
from shared.messagebus import MessageBus
from shared.messaging.consumer import ConsumerOptions, bind
from shared.opsview import register_section
from shared.outage import Round, run_rounds
from shared.platform import Platform, build_platform
from shared.retry import sleep_unless_stopped, wait_any
from shared.supervision import Part, PartRun
from shared.worker import Worker

log = structlog.get_logger(__name__)
WEBHOOK_LEASE_MARGIN_SECONDS = 30.0
UowFactory = Callable[[], PartnersUnitOfWork]
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class PartnersContainer:
    platform: Platform
    worker: Worker
    bus: MessageBus[PartnersUnitOfWork]
    settings: PartnersSettings
    issuer: Issuer
    uow_factory: UowFactory
    clock: Clock
    bell: FeedBell

    @property
    def keys(self) -> OfficeKeys:
        return self.issuer.keys


def dispatch_limits(settings: PartnersSettings) -> DispatchLimits:
    return DispatchLimits(
        batch=settings.partners_webhook_batch,
        concurrency=settings.partners_webhook_concurrency,
        per_partner=settings.partners_webhook_partner_concurrency,
        # past the request's timeout: a delivery is due again only if its dispatcher has died
        lease=dt.timedelta(seconds=settings.partners_webhook_timeout_seconds + WEBHOOK_LEASE_MARGIN_SECONDS),
    )


def retry_policy(settings: PartnersSettings) -> RetryPolicy:
    return RetryPolicy(
        max_attempts=settings.partners_webhook_max_attempts,
        backoff=settings.partners_webhook_backoff_seconds,
        backoff_max=settings.partners_webhook_backoff_max_seconds,
    )


@asynccontextmanager
async def bootstrap(settings: PartnersSettings) -> AsyncIterator[PartnersContainer]:
    platform = build_platform(settings, messaging)
    register_section(settings.service_name, webhook_backlog.SECTION)
    keys = load_office_keys(
        settings.partners_signing_key_file,
        settings.partners_previous_key_files,
        algorithm=settings.partners_signing_algorithm,
        create=settings.dev_mode,
    )
    issuer = Issuer(keys=keys, source=platform.source)
    uow_factory = platform.uow_factory(PartnersUnitOfWork)
    topics = FeedTopics(platform.kafka)
    bus = MessageBus(uow_factory, handlers.COMMAND_HANDLERS, {"clock": utc_now, "topics": topics})
    webhook_client = WebhookClient(
        settings.partners_webhook_timeout_seconds,
        connections=settings.partners_webhook_concurrency,
        proxy=settings.partners_webhook_proxy,
        ca_file=settings.partners_webhook_ca_file,
    )
    bell = FeedBell(asyncpg_dsn(settings.database_url.get_secret_value()))
    bell_stop = asyncio.Event()
    bell_task = asyncio.create_task(bell.run(bell_stop), name="partners-feed-bell")
    projection = platform.consumer(
        "projection",
        bind(
            consumer.projection_subscriptions(),
            issuer=issuer,
            registry=ActivePartners(settings.partners_registry_cache_seconds),
        ),
        uow_factory,
    )
    inbound = consumer.InboundConsumer(
        name="partners.inbound",
        subscriptions=bind(consumer.INBOUND_SUBSCRIPTIONS, issuer=issuer),
        uow_factory=uow_factory,
        kafka=platform.kafka,
        options=ConsumerOptions(
            max_attempts=settings.consumer_max_attempts,
            retry_backoff=settings.consumer_retry_backoff,
            retry_backoff_max=settings.consumer_retry_backoff_max,
            max_event_bytes=settings.partners_max_inbound_bytes,
            batch_max=settings.consumer_batch_max,
        ),
    )
    jobs = [
        Part("webhooks", _webhook_dispatcher(uow_factory, webhook_client, settings, bell)),
        Part("partner-topics", _topic_keeper(uow_factory, platform)),
        Part("feed-retention", _feed_retention(uow_factory, settings)),
    ]
    try:
        yield PartnersContainer(
            platform=platform,
            worker=platform.worker(consumers=[projection, inbound], jobs=jobs),
            bus=bus,
            settings=settings,
            issuer=issuer,
            uow_factory=uow_factory,
            clock=utc_now,
            bell=bell,
        )
    finally:
        bell_stop.set()
        await bell_task
        await webhook_client.close()
        await platform.close()


def _webhook_dispatcher(
    uow_factory: UowFactory, client: WebhookClient, settings: PartnersSettings, bell: FeedBell
) -> PartRun:
    """Deliver due webhooks as a pipeline (:class:`WebhookDispatcher`): claim into the free slots,
    then wait for a request to end, the feed bell or the poll interval, whichever comes first."""
    idle = settings.partners_webhook_poll_interval_ms / 1000
    coalesce = settings.partners_wake_coalesce_ms / 1000

    async def run(stop: asyncio.Event, pulse: Pulse) -> None:
        dispatcher = WebhookDispatcher(
            uow_factory, client.send, retry_policy(settings), dispatch_limits(settings)
        )

        async def one_round(stop: asyncio.Event) -> Round:
            rung = bell.event()  # taken before the claim, so a ring during it is not missed
            asked = dispatcher.free_slots
            claimed = await dispatcher.step(utc_now())
            if claimed and claimed == asked and dispatcher.free_slots:
                return Round(done=claimed, again=True)  # more may be due, and there is room
            if dispatcher.in_flight:
                await wait_any(stop, rung, dispatcher.ended, seconds=idle)
            else:
                await wait_any(stop, rung, seconds=idle)
            await sleep_unless_stopped(stop, coalesce)  # one step serves a burst of rings and endings
            return Round(done=claimed, again=True)  # the idle wait is the one above

        try:
            await run_rounds("partners.webhooks", one_round, stop, pulse, idle_seconds=idle)
        finally:
            try:
                await dispatcher.finish()
            except Exception as error:
                log.warning("webhook outcomes not recorded at stop", error=repr(error)[:300])

    return run


TOPIC_SWEEP_SECONDS = 60.0


def _topic_keeper(
    uow_factory: UowFactory, platform: Platform, interval: float = TOPIC_SWEEP_SECONDS
) -> PartRun:
    """The safety net behind topic creation at registration: a slow sweep of the registry creating
    any partner's feed topic that is missing (a broker away at registration, or a fresh broker)."""

    async def run(stop: asyncio.Event, pulse: Pulse) -> None:
        topics = FeedTopics(platform.kafka)  # per run: a restarted broker (new worker generation) has none

        async def one_round(stop: asyncio.Event) -> Round:
            async with uow_factory() as uow:
                codes = [p.code for p in await uow.partners.search(limit=10_000)]
            return Round(done=len(await topics.ensure(codes)), again=False)

        await run_rounds("partners.topic-keeper", one_round, stop, pulse, idle_seconds=interval)

    return run


def _feed_retention(uow_factory: UowFactory, settings: PartnersSettings, interval: float = 20.0) -> PartRun:
    keep = dt.timedelta(days=settings.partners_feed_retention_days)

    async def one_round(stop: asyncio.Event) -> Round:
        async with uow_factory() as uow:
            purged = await uow.feed.purge(utc_now() - keep)
            await uow.commit()
        return Round(done=purged, again=purged > 0)

    async def run(stop: asyncio.Event, pulse: Pulse) -> None:
        await run_rounds("partners.feed-retention", one_round, stop, pulse, idle_seconds=interval)

    return run
