"""Playing another producer in tests: publish contracts as CloudEvents, fire a service's timers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from aiokafka import AIOKafkaProducer

from shared.contracts import CloudEvent, EventData
from shared.messaging.court_gate import PARTNER_TOPICS
from shared.signing import SigningKey
from shared.testing.clock import FakeClock
from shared.testing.gateway import TEST_GATEWAY_KEY, signed_headers
from shared.timers import TimerHandler, TimerScheduler


async def publish_events(
    bootstrap_servers: str,
    events: Iterable[tuple[EventData, str]],
    *,
    source: str,
    signed_by: SigningKey | None = TEST_GATEWAY_KEY,
) -> list[CloudEvent]:
    """Put ``(contract, key)`` pairs on their topics, in order, as the producing service would.

    Partner messages (``court.*`` topics, ``customs.intake``) are signed as the partners gateway
    forwards them — by
    ``signed_by``, the test gateway's key unless a test passes another (or None: unsigned).
    """
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, enable_idempotence=False)
    await producer.start()
    sent = []
    try:
        for data, key in events:
            event = CloudEvent.from_data(data, source=source, subject=key)
            headers = event.kafka_headers()
            if data.topic in PARTNER_TOPICS and signed_by is not None:
                headers = signed_headers(event, signed_by)
            await producer.send_and_wait(
                data.topic, key=key.encode(), value=event.kafka_value(), headers=headers
            )
            sent.append(event)
    finally:
        await producer.stop()
    return sent


def record_headers(
    event: CloudEvent, topic: str, signed_by: SigningKey | None = TEST_GATEWAY_KEY
) -> list[tuple[str, bytes]]:
    """The headers a record of ``event`` on ``topic`` carries: signed as the gateway would on court topics."""
    if topic in PARTNER_TOPICS and signed_by is not None:
        return signed_headers(event, signed_by)
    return event.kafka_headers()


async def publish_event(
    bootstrap_servers: str,
    data: EventData,
    *,
    key: str,
    source: str,
    signed_by: SigningKey | None = TEST_GATEWAY_KEY,
) -> CloudEvent:
    (event,) = await publish_events(bootstrap_servers, [(data, key)], source=source, signed_by=signed_by)
    return event


class TimerHost(Protocol):
    """A service container that shows how its worker fires timers (every service's does)."""

    @property
    def uow_factory(self) -> Callable[[], Any]: ...

    @property
    def timer_handlers(self) -> Mapping[str, TimerHandler]: ...


async def fire_due_timers(container: TimerHost, now: dt.datetime | FakeClock) -> int:
    """Fire every timer due at ``now`` with the service's own handlers; how many fired.

    The service's worker keeps running on the real clock; this lets statutory time pass in a test.
    """
    clock = now if isinstance(now, FakeClock) else FakeClock(now)
    scheduler = TimerScheduler(
        uow_factory=container.uow_factory, handlers=container.timer_handlers, clock=clock
    )
    fired = 0
    while await scheduler.fire_next():
        fired += 1
    return fired
