"""Playing another producer in tests: publish contracts as CloudEvents, fire a service's timers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from aiokafka import AIOKafkaProducer

from shared.contracts import CloudEvent, EventData
from shared.testing.clock import FakeClock
from shared.timers import TimerHandler, TimerScheduler


async def publish_events(
    bootstrap_servers: str, events: Iterable[tuple[EventData, str]], *, source: str
) -> list[CloudEvent]:
    """Put ``(contract, key)`` pairs on their topics, in order, as the producing service would."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap_servers, enable_idempotence=False)
    await producer.start()
    sent = []
    try:
        for data, key in events:
            event = CloudEvent.from_data(data, source=source, subject=key)
            await producer.send_and_wait(
                data.topic, key=key.encode(), value=event.kafka_value(), headers=event.kafka_headers()
            )
            sent.append(event)
    finally:
        await producer.stop()
    return sent


async def publish_event(bootstrap_servers: str, data: EventData, *, key: str, source: str) -> CloudEvent:
    (event,) = await publish_events(bootstrap_servers, [(data, key)], source=source)
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
