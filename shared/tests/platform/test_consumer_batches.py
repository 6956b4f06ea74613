"""The consumer runner applies a fetched batch in one transaction, against real PostgreSQL and the broker.

One fetch of one partition (at most ``batch_max`` records) is one inbox statement, the handlers in
offset order and one commit; a batch that fails is applied again one record per transaction, so a
poison record is dead-lettered on its own and every other record is applied exactly once.
"""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest
from aiokafka import TopicPartition

from shared.messaging.consumer import ConsumerOptions, EventConsumer, Outcome, Subscription
from shared.metrics import CONSUMER_BATCH_FALLBACKS, CONSUMER_MESSAGES
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
from shared.testing.waiting import eventually, read_topic
from shared.uow import UnitOfWork

FAST_RETRIES = ConsumerOptions(
    max_attempts=3, retry_backoff=timedelta(milliseconds=10), retry_backoff_max=timedelta(milliseconds=20)
)


class Commits:
    """A unit-of-work factory over the probe schema that counts the transactions committed."""

    def __init__(self, probe_db: ProbeDb) -> None:
        self.probe_db = probe_db
        self.count = 0

    def __call__(self) -> UnitOfWork:
        counter = self

        class Counted(UnitOfWork):
            async def commit(self) -> None:
                await super().commit()
                counter.count += 1

        return Counted(self.probe_db.sessions, self.probe_db.tables, "/ipcase/test/probe")


def batch_consumer(
    probe_db: ProbeDb,
    broker: BrokerHandle,
    topic: str,
    uow_factory: Callable[[], UnitOfWork],
    *,
    name: str | None = None,
    batch_max: int = 100,
    consumer_class: type[EventConsumer] = EventConsumer,
) -> EventConsumer:
    return consumer_class(
        name=name or f"probe-batch-{uuid.uuid4().hex[:8]}",
        subscriptions=[Subscription(probe_contract(topic), recording_handler(probe_db))],
        uow_factory=uow_factory,
        kafka=kafka_config(broker.bootstrap_servers),
        options=ConsumerOptions(
            max_attempts=FAST_RETRIES.max_attempts,
            retry_backoff=FAST_RETRIES.retry_backoff,
            retry_backoff_max=FAST_RETRIES.retry_backoff_max,
            batch_max=batch_max,
        ),
    )


def counted(consumer: str, outcome: Outcome) -> float:
    return float(CONSUMER_MESSAGES.labels(consumer, outcome)._value.get())


def counted_reach(consumer: str, outcome: Outcome, count: float) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return counted(consumer, outcome) >= count

    return check


async def test_records_of_one_fetch_are_applied_with_one_commit(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    records = 40
    await produce(broker, probe_topic, *(as_record(probe_event(probe_topic, n), "k") for n in range(records)))
    commits = Commits(probe_db)
    consumer = batch_consumer(probe_db, broker, probe_topic, commits)
    async with consuming(consumer):
        await eventually(effects_reach(probe_db, records), what="every record applied")

    assert await probe_db.effects_for() == list(range(records))
    assert await probe_db.count(probe_db.tables.inbox) == records
    # One partition, produced before the consumer started: one fetch, hence one transaction
    # (the broker may split a fetch; never one transaction per record).
    assert 1 <= commits.count <= 2, commits.count


async def test_a_batch_is_bounded_by_batch_max(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    await produce(broker, probe_topic, *(as_record(probe_event(probe_topic, n), "k") for n in range(30)))
    commits = Commits(probe_db)
    consumer = batch_consumer(probe_db, broker, probe_topic, commits, batch_max=10)
    async with consuming(consumer):
        await eventually(effects_reach(probe_db, 30), what="every record applied")

    assert await probe_db.effects_for() == list(range(30))
    assert 3 <= commits.count <= 4, commits.count


async def test_a_poison_record_in_a_batch_is_dead_lettered_alone_and_the_others_apply_once(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    await produce(
        broker,
        probe_topic,
        *(as_record(probe_event(probe_topic, n), "k") for n in range(5)),
        as_record(probe_event(probe_topic, 5, poison=True), "k"),
        *(as_record(probe_event(probe_topic, n), "k") for n in range(6, 10)),
    )
    consumer = batch_consumer(probe_db, broker, probe_topic, probe_db.uow)
    fallbacks = CONSUMER_BATCH_FALLBACKS.labels(consumer.name)._value.get()
    async with consuming(consumer):
        (dead,) = await read_topic(broker.bootstrap_servers, f"{probe_topic}.dlq", expected=1)
        await eventually(effects_reach(probe_db, 9), what="the records around the poison one")

    assert await probe_db.effects_for() == [0, 1, 2, 3, 4, 6, 7, 8, 9]
    assert await probe_db.count(probe_db.tables.inbox) == 9
    headers = dict(dead.headers)
    assert headers["dlq_original_offset"] == b"5"
    assert headers["dlq_attempts"] == str(FAST_RETRIES.max_attempts).encode()
    assert headers["dlq_error_type"] == b"PoisonError"
    assert CONSUMER_BATCH_FALLBACKS.labels(consumer.name)._value.get() > fallbacks
    assert counted(consumer.name, Outcome.APPLIED) == 9
    assert counted(consumer.name, Outcome.DEAD_LETTERED) == 1


class CrashBeforeOffsetCommit(EventConsumer):
    """Dies after its database commit and before its offset commit (a process killed in between)."""

    async def _commit(self, consumer: object, partition: TopicPartition, offset: int) -> None:
        raise RuntimeError("killed between the database commit and the offset commit")


async def test_a_batch_redelivered_after_a_crash_before_the_offset_commit_applies_nothing_twice(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    records = 25
    await produce(broker, probe_topic, *(as_record(probe_event(probe_topic, n), "k") for n in range(records)))
    group = f"probe-crash-{uuid.uuid4().hex[:8]}"
    crashing = batch_consumer(
        probe_db, broker, probe_topic, probe_db.uow, name=group, consumer_class=CrashBeforeOffsetCommit
    )
    with pytest.raises(RuntimeError, match="killed"):
        async with asyncio.timeout(30):
            await crashing.run(asyncio.Event())
    applied = await probe_db.effects_for()
    assert applied, "the crash came after the database commit"
    duplicates = counted(group, Outcome.DUPLICATE)

    async with consuming(batch_consumer(probe_db, broker, probe_topic, probe_db.uow, name=group)):
        await eventually(effects_reach(probe_db, records), what="the rest of the records applied")
        await eventually(
            counted_reach(group, Outcome.DUPLICATE, duplicates + len(applied)),
            what="the redelivered records recognised as applied",
        )

    assert await probe_db.effects_for() == list(range(records)), "each record applied exactly once"
    assert await probe_db.count(probe_db.tables.inbox) == records


async def test_order_per_key_holds_across_batches_and_a_fallback(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    keys = ["a", "b", "c", "d"]
    sent = [(n, keys[n % len(keys)]) for n in range(80)]
    records = [as_record(probe_event(probe_topic, n, key=key, poison=n == 37), key) for n, key in sent]
    await produce(broker, probe_topic, *records)
    consumer = batch_consumer(probe_db, broker, probe_topic, probe_db.uow, batch_max=7)
    async with consuming(consumer):
        await eventually(effects_reach(probe_db, len(sent) - 1), what="every record but the poison one")
        await read_topic(broker.bootstrap_servers, f"{probe_topic}.dlq", expected=1)

    for key in keys:
        expected = [n for n, k in sent if k == key and n != 37]
        assert await probe_db.effects_for(key) == expected, key
