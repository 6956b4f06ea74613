"""The partners worker parts (webhook dispatcher, topic keeper, feed retention) ride out a database
outage inside their loop — logged once, retried with backoff, no restart — and then work on."""

from __future__ import annotations

import asyncio
import errno
from collections.abc import Awaitable, Callable

from aiokafka.admin import AIOKafkaAdminClient

from partners.adapters.http import WebhookClient
from partners.bootstrap import _feed_retention, _topic_keeper, _webhook_dispatcher
from partners.domain.registry import Partner, PartnerKind
from partners.testing import unique_code
from partners.unit_of_work import PartnersUnitOfWork
from shared.contracts.partner import feed_topic
from shared.liveness import Pulse
from shared.supervision import PartRun
from shared.testing.plugin import BrokerHandle
from shared.testing.services import RunningService
from shared.testing.waiting import eventually, until


class FlakyUow:
    """A unit-of-work factory whose first ``failures`` calls fail as an unreachable database does."""

    def __init__(self, factory: Callable[[], PartnersUnitOfWork], failures: int) -> None:
        self._factory, self.failures = factory, failures

    def __call__(self) -> PartnersUnitOfWork:
        if self.failures:
            self.failures -= 1
            raise ConnectionRefusedError(errno.ECONNREFUSED, "Connect call failed ('127.0.0.1', 5432)")
        return self._factory()


async def ride_out(
    part: PartRun, flaky: FlakyUow, done: Callable[[], Awaitable[bool]] | None = None
) -> Pulse:
    pulse, stop = Pulse("part"), asyncio.Event()
    task = asyncio.ensure_future(part(stop, pulse))
    try:
        await until(lambda: pulse.blocked_on == "database", what="the outage to be seen")
        # unblocked only after a round that reached the database again
        await until(lambda: flaky.failures == 0 and pulse.blocked_on is None, what="a round after it")
        if done is not None:
            await eventually(done, what="the part's work after the outage")
    finally:
        stop.set()
        async with asyncio.timeout(10):
            await task
    assert pulse.restarts == 0, "an outage is waited out inside the loop, not by a crash"
    return pulse


async def test_the_topic_keeper_waits_out_an_outage_and_then_creates_a_missing_topic(
    partners_service: RunningService, broker: BrokerHandle
) -> None:
    container = partners_service.container
    code = unique_code("K")
    async with container.uow_factory() as uow:  # a partner whose registration could not make its topic
        await uow.partners.add(
            Partner(code=code, kind=PartnerKind.CUSTOMS, name=code, jurisdiction=("330100",))
        )
        await uow.commit()
    flaky = FlakyUow(container.uow_factory, failures=3)

    async def topic_exists() -> bool:
        admin = AIOKafkaAdminClient(bootstrap_servers=broker.bootstrap_servers)
        await admin.start()
        try:
            return feed_topic(code) in await admin.list_topics()
        finally:
            await admin.close()

    await ride_out(_topic_keeper(flaky, container.platform, interval=3600), flaky, topic_exists)


async def test_the_webhook_dispatcher_waits_out_an_outage(partners_service: RunningService) -> None:
    container = partners_service.container
    flaky = FlakyUow(container.uow_factory, failures=3)
    client = WebhookClient(container.settings.partners_webhook_timeout_seconds)
    try:
        await ride_out(_webhook_dispatcher(flaky, client, container.settings, container.bell), flaky)
    finally:
        await client.close()


async def test_the_feed_retention_waits_out_an_outage(partners_service: RunningService) -> None:
    container = partners_service.container
    flaky = FlakyUow(container.uow_factory, failures=3)
    await ride_out(_feed_retention(flaky, container.settings, interval=3600), flaky)
