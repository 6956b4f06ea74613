"""The outbox relay against real PostgreSQL and the broker: atomicity, order, leadership, replay."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

from aiokafka import ConsumerRecord
from sqlalchemy import select

from shared.contracts import CloudEvent
from shared.kafka.topics import broker_cluster_id, ensure_topics
from shared.messaging import maintenance
from shared.messaging.relay import OutboxRelay, RelayOptions
from shared.testing.plugin import BrokerHandle
from shared.testing.probe import ProbeDb, kafka_config, probe_contract
from shared.testing.waiting import eventually, read_topic


def relay_for(probe_db: ProbeDb, broker: BrokerHandle, *, batch_size: int = 500) -> OutboxRelay:
    return OutboxRelay(
        service=probe_db.schema,
        tables=probe_db.tables,
        session_factory=probe_db.sessions,
        dsn=probe_db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
        kafka=kafka_config(broker.bootstrap_servers),
        options=RelayOptions(batch_size=batch_size, poll_interval=timedelta(seconds=1)),
    )


@contextlib.asynccontextmanager
async def running(relay: OutboxRelay, broker: BrokerHandle) -> AsyncIterator[asyncio.Event]:
    cluster_id = await broker_cluster_id(kafka_config(broker.bootstrap_servers))
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(cluster_id=cluster_id, stop=stop))
    try:
        yield stop
    finally:
        stop.set()
        async with asyncio.timeout(15):
            await task


async def pending(probe_db: ProbeDb) -> int:
    async with probe_db.sessions() as session:
        return await maintenance.pending_count(session, probe_db.tables)


def nothing_pending(probe_db: ProbeDb) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return await pending(probe_db) == 0

    return check


def fewer_pending_than(probe_db: ProbeDb, limit: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return await pending(probe_db) < limit

    return check


def leading(relay: OutboxRelay) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return relay.is_leader

    return check


def sequences_by_key(records: list[ConsumerRecord]) -> dict[str, list[int]]:
    by_key: dict[str, list[int]] = defaultdict(list)
    for record in records:
        event = CloudEvent.from_kafka(record.headers, record.value)
        by_key[record.key.decode()].append(int(event.data["sequence"]))
    return by_key


async def test_an_event_of_a_rolled_back_transaction_is_never_published(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    contract = probe_contract(probe_topic)
    async with probe_db.uow() as uow:
        uow.outbox.add(contract(partition_key="k", sequence=1), key="k")
        await uow.outbox.flush(uow.session)
        await uow.rollback()
    await probe_db.write_events([contract(partition_key="k", sequence=2)])

    async with running(relay_for(probe_db, broker), broker):
        await eventually(nothing_pending(probe_db), what="the committed event to be published")
        records = await read_topic(broker.bootstrap_servers, probe_topic, expected=2, within=2)

    assert sequences_by_key(records) == {"k": [2]}
    assert await probe_db.count(probe_db.tables.outbox) == 1


async def test_per_key_order_holds_across_a_relay_restart(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    contract = probe_contract(probe_topic)
    keys = [f"case-{i}" for i in range(4)]
    await probe_db.write_events([contract(partition_key=keys[n % 4], sequence=n) for n in range(60)])

    async with running(relay_for(probe_db, broker, batch_size=7), broker):
        await eventually(fewer_pending_than(probe_db, 40), what="the first relay to publish some events")
    await probe_db.write_events([contract(partition_key=keys[n % 4], sequence=n) for n in range(60, 100)])
    async with running(relay_for(probe_db, broker, batch_size=7), broker):
        await eventually(nothing_pending(probe_db), what="the second relay to publish the rest")
    records = await read_topic(broker.bootstrap_servers, probe_topic, expected=100)

    by_key = sequences_by_key(records)
    assert sorted(by_key) == keys
    for key in keys:
        assert by_key[key] == sorted(set(by_key[key])), f"{key} out of order: {by_key[key]}"
        assert len(by_key[key]) == 25


async def test_only_one_relay_leads_and_another_takes_over_when_it_stops(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    contract = probe_contract(probe_topic)
    first, second = relay_for(probe_db, broker), relay_for(probe_db, broker)
    async with running(first, broker):
        await eventually(leading(first), what="the first relay to lead")
        async with running(second, broker) as stop_second:
            await asyncio.sleep(0.5)
            assert first.is_leader and not second.is_leader
            await probe_db.write_events([contract(partition_key="k", sequence=1)])
            await eventually(nothing_pending(probe_db), what="the leader to publish")
            stop_second.set()
    async with running(second, broker):
        await eventually(leading(second), what="the second relay to lead")
        await probe_db.write_events([contract(partition_key="k", sequence=2)])
        await eventually(nothing_pending(probe_db), what="the new leader to publish")

    records = await read_topic(broker.bootstrap_servers, probe_topic, expected=2)
    assert sequences_by_key(records) == {"k": [1, 2]}


async def test_a_fresh_broker_gets_every_retained_event_again(
    probe_db: ProbeDb, probe_topic: str, private_broker: BrokerHandle
) -> None:
    contract = probe_contract(probe_topic)
    config = kafka_config(private_broker.bootstrap_servers)
    await ensure_topics(config, [probe_topic])
    await probe_db.write_events([contract(partition_key="k", sequence=n) for n in range(3)])
    async with running(relay_for(probe_db, private_broker), private_broker):
        await eventually(nothing_pending(probe_db), what="first publication")

    assert private_broker.embedded is not None
    private_broker.embedded.restart()  # memory-only: the three events are gone from the broker
    await ensure_topics(config, [probe_topic])
    async with running(relay_for(probe_db, private_broker), private_broker):
        records = await read_topic(private_broker.bootstrap_servers, probe_topic, expected=3)
    async with running(relay_for(probe_db, private_broker), private_broker):
        await asyncio.sleep(0.5)  # same broker again: nothing to replay
    again = await read_topic(private_broker.bootstrap_servers, probe_topic, expected=4, within=1)

    assert sequences_by_key(records) == {"k": [0, 1, 2]}
    assert len(again) == 3


async def test_replay_since_a_time_republishes_only_later_events(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    contract = probe_contract(probe_topic)
    await probe_db.write_events([contract(partition_key="k", sequence=1)])
    await asyncio.sleep(0.05)
    cut = dt.datetime.now(dt.UTC)
    await probe_db.write_events([contract(partition_key="k", sequence=2)])
    async with running(relay_for(probe_db, broker), broker):
        await eventually(nothing_pending(probe_db), what="first publication")
        async with probe_db.sessions() as session, session.begin():
            assert await maintenance.replay_outbox(session, probe_db.tables, since=cut) == 1
        await eventually(nothing_pending(probe_db), what="the replay")

    records = await read_topic(broker.bootstrap_servers, probe_topic, expected=3)
    assert sequences_by_key(records) == {"k": [1, 2, 2]}


async def test_retention_removes_old_published_events_but_never_pending_ones(
    probe_db: ProbeDb, probe_topic: str
) -> None:
    contract = probe_contract(probe_topic)
    await probe_db.write_events([contract(partition_key="k", sequence=n) for n in range(3)])
    outbox = probe_db.tables.outbox
    now = dt.datetime.now(dt.UTC)
    async with probe_db.sessions() as session, session.begin():
        ids = list((await session.scalars(select(outbox.c.id).order_by(outbox.c.id))).all())
        await session.execute(
            outbox.update().where(outbox.c.id == ids[0]).values(published_at=now - timedelta(days=8))
        )
        await session.execute(outbox.update().where(outbox.c.id == ids[1]).values(published_at=now))
        purged = await maintenance.purge_published(session, probe_db.tables, older_than=timedelta(days=7))

    assert purged == 1
    async with probe_db.sessions() as session:
        assert list((await session.scalars(select(outbox.c.id).order_by(outbox.c.id))).all()) == ids[1:]
