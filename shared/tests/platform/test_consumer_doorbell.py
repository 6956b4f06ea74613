"""Idle consumers stop fetching and are woken by the relay's announcement (or their fallback poll)."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import asyncpg

from shared.kafka.topics import broker_cluster_id
from shared.liveness import Pulse
from shared.messaging.consumer import ConsumerOptions, EventConsumer, Subscription
from shared.messaging.relay import OutboxRelay, RelayOptions
from shared.messaging.wakeup import CHANNEL, Doorbells, announce
from shared.testing.plugin import BrokerHandle
from shared.testing.probe import (
    ProbeDb,
    as_record,
    consuming,
    effects_reach,
    kafka_config,
    probe_contract,
    probe_event,
    produce,
    recording_handler,
)
from shared.testing.waiting import eventually

NEVER_BY_POLL = timedelta(minutes=10)  # longer than any wait below: only the bell can wake it


def dsn(probe_db: ProbeDb) -> str:
    return probe_db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def parked_consumer(
    probe_db: ProbeDb, broker: BrokerHandle, topic: str, doorbells: Doorbells, idle_poll: timedelta
) -> EventConsumer:
    return EventConsumer(
        name=f"probe-{uuid.uuid4().hex[:8]}",
        subscriptions=[Subscription(probe_contract(topic), recording_handler(probe_db))],
        uow_factory=probe_db.uow,
        kafka=kafka_config(broker.bootstrap_servers),
        options=ConsumerOptions(idle_poll=idle_poll),
        doorbells=doorbells,
    )


def parked(consumer: EventConsumer) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return consumer.parked

    return check


async def test_an_idle_consumer_parks_and_its_bell_wakes_it_for_the_next_record(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    doorbells = Doorbells(dsn(probe_db))
    consumer = parked_consumer(probe_db, broker, probe_topic, doorbells, NEVER_BY_POLL)
    await produce(broker, probe_topic, as_record(probe_event(probe_topic, 1), "k"))

    async with consuming(consumer):
        await eventually(effects_reach(probe_db, 1), what="the first record")
        await eventually(parked(consumer), what="the consumer to park once idle")
        await produce(broker, probe_topic, as_record(probe_event(probe_topic, 2), "k"))
        doorbells.ring(probe_topic)
        await eventually(effects_reach(probe_db, 2), what="the record announced by the bell")

    assert await probe_db.effects_for() == [1, 2]


async def test_a_parked_consumer_still_finds_an_unannounced_record_by_its_fallback_poll(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    doorbells = Doorbells(dsn(probe_db))
    consumer = parked_consumer(probe_db, broker, probe_topic, doorbells, timedelta(milliseconds=300))

    async with consuming(consumer):
        await eventually(parked(consumer), what="the consumer to park once idle")
        await produce(broker, probe_topic, as_record(probe_event(probe_topic, 1), "k"))
        await eventually(effects_reach(probe_db, 1), what="the record no relay announced")


async def test_the_listener_rings_only_the_bells_of_the_announced_topic(probe_db: ProbeDb) -> None:
    doorbells = Doorbells(dsn(probe_db))
    ours, other = doorbells.bell(["t.ours"]), doorbells.bell(["t.other"])

    async with listening(doorbells):
        ours.clear()  # connecting rings every bell once (a ring may have been missed meanwhile)
        other.clear()
        connection = await asyncpg.connect(dsn(probe_db))
        try:
            await announce(connection, ["t.ours"])
        finally:
            await connection.close()
        async with asyncio.timeout(10):
            await ours.wait()

    assert not other.is_set()


async def test_the_relay_announces_the_topics_it_published_to(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    announced: asyncio.Queue[str] = asyncio.Queue()
    connection = await asyncpg.connect(dsn(probe_db))
    await connection.add_listener(CHANNEL, lambda *args: announced.put_nowait(args[3]))
    relay = OutboxRelay(
        service=probe_db.schema,
        tables=probe_db.tables,
        session_factory=probe_db.sessions,
        dsn=dsn(probe_db),
        kafka=kafka_config(broker.bootstrap_servers),
        options=RelayOptions(poll_interval=timedelta(seconds=1)),
    )
    stop = asyncio.Event()
    cluster_id = await broker_cluster_id(kafka_config(broker.bootstrap_servers))
    task = asyncio.create_task(relay.run(stop, cluster_id=cluster_id))
    try:
        await probe_db.write_events([probe_contract(probe_topic)(partition_key="k", sequence=1)])
        async with asyncio.timeout(15):
            while (topic := await announced.get()) != probe_topic:
                pass  # another test's relay announcing its own topic
        assert topic == probe_topic
    finally:
        stop.set()
        async with asyncio.timeout(15):
            await task
        await connection.close()


@contextlib.asynccontextmanager
async def listening(doorbells: Doorbells) -> AsyncIterator[None]:
    stop = asyncio.Event()
    task = asyncio.create_task(doorbells.run(stop, Pulse("doorbells")))

    async def connected() -> bool:
        return doorbells.listening

    try:
        await eventually(connected, what="the doorbell listener to connect")
        yield
    finally:
        stop.set()
        async with asyncio.timeout(15):
            await task
