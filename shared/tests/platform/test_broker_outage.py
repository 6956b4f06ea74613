"""A worker (relay + consumer) survives the broker going away and coming back empty."""

from __future__ import annotations

import asyncio
import uuid
from datetime import timedelta

from shared.contracts import CloudEvent
from shared.kafka.topics import ensure_topics
from shared.messaging.consumer import ConsumerOptions, EventConsumer, Subscription
from shared.messaging.relay import OutboxRelay, RelayOptions
from shared.testing.plugin import BrokerHandle
from shared.testing.probe import ProbeDb, ProbeEvent, kafka_config, probe_contract
from shared.testing.waiting import eventually
from shared.uow import UnitOfWork
from shared.worker import Worker, WorkerOptions


def worker_for(probe_db: ProbeDb, broker: BrokerHandle, topic: str) -> Worker:
    kafka = kafka_config(broker.bootstrap_servers)

    async def apply(data: ProbeEvent, event: CloudEvent, uow: UnitOfWork) -> None:
        await probe_db.record_effect(uow.session, event, data)

    return Worker(
        service=probe_db.schema,
        kafka=kafka,
        relay=OutboxRelay(
            service=probe_db.schema,
            tables=probe_db.tables,
            session_factory=probe_db.sessions,
            dsn=probe_db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
            kafka=kafka,
            options=RelayOptions(poll_interval=timedelta(seconds=1)),
        ),
        consumers=[
            EventConsumer(
                name=f"probe-{uuid.uuid4().hex[:8]}",
                subscriptions=[Subscription(probe_contract(topic), apply)],
                uow_factory=probe_db.uow,
                kafka=kafka,
                options=ConsumerOptions(retry_backoff=timedelta(milliseconds=10)),
            )
        ],
        options=WorkerOptions(watch_interval=0.3),
        topics=[topic, f"{topic}.dlq"],
    )


async def test_with_the_broker_down_writes_succeed_and_every_event_arrives_once_it_is_back(
    probe_db: ProbeDb, private_broker: BrokerHandle
) -> None:
    topic = f"test.outage.{uuid.uuid4().hex[:8]}"
    contract = probe_contract(topic)
    await ensure_topics(kafka_config(private_broker.bootstrap_servers), [topic, f"{topic}.dlq"])
    worker = worker_for(probe_db, private_broker, topic)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    try:
        await probe_db.write_events([contract(partition_key=f"k{n % 3}", sequence=n) for n in range(5)])
        await eventually(_effects_at_least(probe_db, 5), what="events before the outage")

        assert private_broker.embedded is not None
        private_broker.embedded.stop()
        await probe_db.write_events([contract(partition_key=f"k{n % 3}", sequence=n) for n in range(5, 15)])
        await asyncio.sleep(1.0)  # the relay is now failing and backing off
        private_broker.embedded.start()  # a fresh, empty broker with a new cluster id on the same port

        await eventually(_effects_at_least(probe_db, 15), within=30, what="every event after the outage")
        await asyncio.sleep(1.0)  # replays of the first five must not apply twice
    finally:
        stop.set()
        async with asyncio.timeout(20):
            await task
    effects = await probe_db.effects_for()
    assert sorted(effects) == list(range(15))
    for key in ("k0", "k1", "k2"):
        per_key = await probe_db.effects_for(key)
        assert per_key == sorted(per_key)
    assert len(worker.status.restarts) == 1


def _effects_at_least(probe_db: ProbeDb, count: int):  # type: ignore[no-untyped-def]
    async def check() -> bool:
        return len(await probe_db.effects_for()) >= count

    return check
