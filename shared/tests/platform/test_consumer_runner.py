"""The idempotent consumer runner against real PostgreSQL and the broker."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta

from aiokafka import AIOKafkaConsumer, TopicPartition

from shared.contracts import CloudEvent
from shared.messaging.consumer import ConsumerOptions, EventConsumer, Subscription
from shared.testing.plugin import BrokerHandle
from shared.testing.probe import (
    ProbeDb,
    ProbeEvent,
    as_record,
    consuming,
    effects_reach,
    kafka_config,
    probe_contract,
    probe_event,
    produce,
    recording_handler,
)
from shared.testing.waiting import eventually, read_topic
from shared.uow import UnitOfWork

FAST_RETRIES = ConsumerOptions(
    max_attempts=3, retry_backoff=timedelta(milliseconds=10), retry_backoff_max=timedelta(milliseconds=20)
)


def consumer_for(
    probe_db: ProbeDb,
    broker: BrokerHandle,
    topic: str,
    handler: Callable[[ProbeEvent, CloudEvent, UnitOfWork], Awaitable[None]] | None = None,
) -> EventConsumer:
    contract = probe_contract(topic)
    return EventConsumer(
        name=f"probe-{uuid.uuid4().hex[:8]}",
        subscriptions=[Subscription(contract, handler or recording_handler(probe_db))],
        uow_factory=probe_db.uow,
        kafka=kafka_config(broker.bootstrap_servers),
        options=FAST_RETRIES,
    )


async def test_a_redelivered_event_has_no_second_effect(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    event = probe_event(probe_topic, 1)
    await produce(
        broker,
        probe_topic,
        as_record(event, "k"),
        as_record(event, "k"),
        as_record(probe_event(probe_topic, 2), "k"),
    )

    async with consuming(consumer_for(probe_db, broker, probe_topic)):
        await eventually(effects_reach(probe_db, 2), what="both distinct events to be applied")
        await asyncio.sleep(0.3)

    assert await probe_db.effects_for() == [1, 2]
    assert await probe_db.count(probe_db.tables.inbox) == 2


async def test_a_poison_event_is_dead_lettered_and_later_events_on_its_partition_still_flow(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    await produce(
        broker,
        probe_topic,
        as_record(probe_event(probe_topic, 1), "k"),
        as_record(probe_event(probe_topic, 2, poison=True), "k"),
        as_record(probe_event(probe_topic, 3), "k"),
    )
    consumer = consumer_for(probe_db, broker, probe_topic)
    async with consuming(consumer):
        await eventually(effects_reach(probe_db, 2), what="the events around the poison one")
        dead = await read_topic(broker.bootstrap_servers, f"{probe_topic}.dlq", expected=1)

    assert await probe_db.effects_for() == [1, 3]
    assert len(dead) == 1
    headers = {name: value.decode() for name, value in dead[0].headers}
    assert CloudEvent.from_kafka(dead[0].headers, dead[0].value).data["sequence"] == 2
    assert headers["dlq_error_type"] == "PoisonError"
    assert "cannot handle sequence 2" in headers["dlq_error_message"]
    assert headers["dlq_attempts"] == str(FAST_RETRIES.max_attempts)
    assert headers["dlq_original_topic"] == probe_topic
    assert headers["dlq_consumer"] == consumer.name
    assert dead[0].key == b"k"


async def test_a_record_that_is_not_a_cloudevent_is_dead_lettered_at_once(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    await produce(
        broker,
        probe_topic,
        (b"k", b"not json at all", [("ce_type", b"x")]),
        as_record(probe_event(probe_topic, 1), "k"),
    )
    async with consuming(consumer_for(probe_db, broker, probe_topic)):
        await eventually(effects_reach(probe_db, 1), what="the good event after the garbage")
        dead = await read_topic(broker.bootstrap_servers, f"{probe_topic}.dlq", expected=1)

    assert len(dead) == 1
    headers = {name: value.decode() for name, value in dead[0].headers}
    assert headers["dlq_error_type"] == "MalformedEvent"
    assert headers["dlq_attempts"] == "1"


async def test_events_of_types_the_consumer_does_not_subscribe_to_are_skipped(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    other = CloudEvent.from_data(
        probe_contract(f"{probe_topic}-other")(partition_key="k", sequence=9), source="/x", subject="k"
    )
    await produce(broker, probe_topic, as_record(other, "k"), as_record(probe_event(probe_topic, 1), "k"))

    async with consuming(consumer_for(probe_db, broker, probe_topic)):
        await eventually(effects_reach(probe_db, 1), what="the subscribed event")

    assert await probe_db.effects_for() == [1]
    assert await probe_db.count(probe_db.tables.inbox) == 1


async def test_the_offset_is_committed_only_after_the_handlers_transaction_commits(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    entered, release = asyncio.Event(), asyncio.Event()

    async def slow_handler(data: ProbeEvent, event: CloudEvent, uow: UnitOfWork) -> None:
        await probe_db.record_effect(uow.session, event, data)
        entered.set()
        await release.wait()

    await produce(broker, probe_topic, as_record(probe_event(probe_topic, 1), "k"))
    consumer = consumer_for(probe_db, broker, probe_topic, slow_handler)
    async with consuming(consumer):
        async with asyncio.timeout(15):
            await entered.wait()
        partition = await _partition_of(broker, probe_topic, consumer.name)
        assert await _committed(broker, consumer.name, partition) is None
        assert await probe_db.effects_for() == []  # not visible: the transaction is still open
        release.set()
        await eventually(_committed_equals(broker, consumer.name, partition, 1), what="the offset commit")

    assert await probe_db.effects_for() == [1]


async def test_lag_is_reported_per_partition(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    await produce(broker, probe_topic, *(as_record(probe_event(probe_topic, n), "k") for n in range(5)))
    consumer = consumer_for(probe_db, broker, probe_topic)
    async with consuming(consumer):
        await eventually(effects_reach(probe_db, 5), what="all events")
        await asyncio.sleep(0.5)
        lag = consumer.lag()

    assert lag and set(lag.values()) == {0}
    assert all(name.startswith(f"{probe_topic}/") for name in lag)


async def _partition_of(broker: BrokerHandle, topic: str, group: str) -> TopicPartition:
    records = await read_topic(broker.bootstrap_servers, topic, expected=1)
    return TopicPartition(topic, records[0].partition)


async def _committed(broker: BrokerHandle, group: str, partition: TopicPartition) -> int | None:
    reader = AIOKafkaConsumer(
        bootstrap_servers=broker.bootstrap_servers, group_id=group, enable_auto_commit=False
    )
    await reader.start()
    try:
        committed: int | None = await reader.committed(partition)
        return committed
    finally:
        await reader.stop()


def _committed_equals(
    broker: BrokerHandle, group: str, partition: TopicPartition, offset: int
) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return await _committed(broker, group, partition) == offset

    return check


async def test_after_a_broker_change_a_stale_committed_offset_is_ignored(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    """A client of the old generation may commit to the new broker an offset counted on the old one;
    the new generation must read the replayed events from the first, or it would skip them."""
    await produce(broker, probe_topic, *(as_record(probe_event(probe_topic, n), "k") for n in range(5)))
    consumer = consumer_for(probe_db, broker, probe_topic)
    partition = await _partition_of(broker, probe_topic, consumer.name)
    stale = AIOKafkaConsumer(
        bootstrap_servers=broker.bootstrap_servers, group_id=consumer.name, enable_auto_commit=False
    )
    await stale.start()
    try:
        stale.assign([partition])
        await stale.commit({partition: 3})
    finally:
        await stale.stop()

    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop, from_beginning=True))
    try:
        await eventually(effects_reach(probe_db, 5), what="every event, the stale offset ignored")
    finally:
        stop.set()
        async with asyncio.timeout(15):
            await task
    assert await probe_db.effects_for() == [0, 1, 2, 3, 4]
