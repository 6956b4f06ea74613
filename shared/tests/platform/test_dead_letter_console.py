"""The dead-letter console against the real broker: inspect, retry into the failed group, skip, purge;
and an outbox replay addressed to one consumer group."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta

import pytest
from sqlalchemy import select

from shared import opsview
from shared.contracts import CloudEvent
from shared.kafka.topics import broker_cluster_id
from shared.messaging import maintenance
from shared.messaging.consumer import ConsumerOptions, EventConsumer, Subscription
from shared.messaging.deadletters import (
    AlreadyResolved,
    DeadLetterConsole,
    DeadLetterNotFound,
    dead_letter_topics,
)
from shared.messaging.headers import RETRY_OF_HEADER, TARGET_GROUP_HEADER
from shared.messaging.relay import OutboxRelay, RelayOptions
from shared.metrics import CONSUMER_MESSAGES
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
)
from shared.testing.waiting import eventually, read_topic, until
from shared.uow import UnitOfWork


def outcomes(consumer: str, outcome: str) -> float:
    return float(CONSUMER_MESSAGES.labels(consumer, outcome)._value.get())


def group(
    name: str, topic: str, probe_db: ProbeDb, handler: Callable[..., Awaitable[None]], broker: BrokerHandle
) -> EventConsumer:
    return EventConsumer(
        name=name,
        subscriptions=[Subscription(probe_contract(topic), handler)],
        uow_factory=probe_db.uow,
        kafka=kafka_config(broker.bootstrap_servers),
        options=ConsumerOptions(max_attempts=2, retry_backoff=timedelta(milliseconds=10)),
    )


class Flaky:
    """Records effects, but fails while ``broken`` (a bug fixed after the record was dead-lettered)."""

    def __init__(self, probe_db: ProbeDb) -> None:
        self.probe_db = probe_db
        self.broken = True

    async def __call__(self, data: ProbeEvent, event: CloudEvent, uow: UnitOfWork) -> None:
        if self.broken:
            raise RuntimeError("the handler's bug")
        await self.probe_db.record_effect(uow.session, event, data)


async def noop(data: ProbeEvent, event: CloudEvent, uow: UnitOfWork) -> None:
    return None


async def open_letters(console: DeadLetterConsole, count: int) -> list[str]:
    refs: list[str] = []

    async def parked() -> bool:
        refs[:] = [letter.ref for letter in await console.list()]
        return len(refs) >= count

    await eventually(parked, what=f"{count} dead letter(s)")
    return refs


async def test_a_retried_dead_letter_is_applied_by_the_group_that_failed_and_no_other(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    flaky = Flaky(probe_db)
    failing = group(f"probe-a-{probe_topic[-6:]}", probe_topic, probe_db, flaky, broker)
    other = group(f"probe-b-{probe_topic[-6:]}", probe_topic, probe_db, noop, broker)
    console = DeadLetterConsole(kafka_config(broker.bootstrap_servers), [f"{probe_topic}.dlq"])
    event = probe_event(probe_topic, 1)
    await produce(broker, probe_topic, as_record(event, "k"))

    async with consuming(failing), consuming(other):
        (ref,) = await open_letters(console, 1)
        await until(lambda: outcomes(other.name, "applied") == 1, what="the other group to apply it")
        letter = await console.get(ref)
        detail = letter.detail()
        assert detail["consumer"] == failing.name
        assert detail["event_id"] == event.id
        assert detail["headers"]["ce_id"] == event.id, "the original headers, dlq_* apart"
        assert not [h for h in detail["headers"] if h.startswith("dlq_")]
        assert '"sequence":1' in detail["payload"].replace(" ", "")
        assert detail["error"]["type"] == "RuntimeError"
        assert "the handler's bug" in (detail["error"]["trace"] or "")
        assert detail["attempts"] == 2
        assert await console.depths() == {f"{probe_topic}.dlq": 1}

        flaky.broken = False
        await console.retry(ref, actor="ops-1")
        await eventually(effects_reach(probe_db, 1), what="the failing group to apply the retry")
        await until(lambda: outcomes(other.name, "ignored") == 1, what="the other group to pass it by")

    assert await probe_db.effects_for() == [1]
    assert outcomes(other.name, "applied") == 1, "the other group did not apply it again"
    assert await console.list() == []
    (resolved,) = await console.list(include_resolved=True)
    assert resolved.resolution is not None
    assert (resolved.status, resolved.resolution.actor) == ("retried", "ops-1")
    with pytest.raises(AlreadyResolved):
        await console.retry(ref, actor="ops-1")


async def test_dead_letters_are_skipped_with_a_reason_and_purged(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    poison: list[tuple[bytes, bytes | None, list[tuple[str, bytes]]]] = [
        (b"k", b"\xff not json", []),
        (b"k", b"[1, 2]", []),
        (b"j", b"{", []),
    ]
    await produce(broker, probe_topic, *poison)
    consumer = group(f"probe-c-{probe_topic[-6:]}", probe_topic, probe_db, noop, broker)
    dlq = f"{probe_topic}.dlq"
    console = DeadLetterConsole(kafka_config(broker.bootstrap_servers), [dlq])
    async with consuming(consumer):
        first, *_ = await open_letters(console, 3)

    skipped = await console.skip(first, actor="ops-2", reason="a partner's test message")
    assert skipped.ref == first
    assert len(await console.list()) == 2
    assert (await console.get(first)).resolution is not None
    assert (await console.get(first)).status == "skipped"
    assert (await console.get(first)).resolution.reason == "a partner's test message"  # type: ignore[union-attr]
    assert await console.purge(actor="ops-2", reason="cleared after the incident", topic=dlq) == 2
    assert await console.list() == []
    assert await console.depths() == {dlq: 0}
    assert {x.status for x in await console.list(include_resolved=True)} == {"skipped", "purged"}
    with pytest.raises(DeadLetterNotFound):
        await console.get(f"{dlq}:0:999999")


@contextlib.asynccontextmanager
async def relaying(probe_db: ProbeDb, broker: BrokerHandle) -> AsyncIterator[None]:
    import asyncio

    relay = OutboxRelay(
        service=probe_db.schema,
        tables=probe_db.tables,
        session_factory=probe_db.sessions,
        dsn=probe_db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
        kafka=kafka_config(broker.bootstrap_servers),
        options=RelayOptions(poll_interval=timedelta(seconds=1)),
    )
    cluster_id = await broker_cluster_id(kafka_config(broker.bootstrap_servers))
    stop = asyncio.Event()
    task = asyncio.create_task(relay.run(cluster_id=cluster_id, stop=stop))
    try:
        yield
    finally:
        stop.set()
        async with asyncio.timeout(15):
            await task


async def test_an_outbox_replay_for_one_group_reaches_that_group_only(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    contract = probe_contract(probe_topic)
    chosen = group(f"probe-d-{probe_topic[-6:]}", probe_topic, probe_db, noop, broker)
    other = group(f"probe-e-{probe_topic[-6:]}", probe_topic, probe_db, noop, broker)
    await probe_db.write_events([contract(partition_key="k", sequence=n) for n in (1, 2)])
    async with relaying(probe_db, broker), consuming(chosen), consuming(other):
        await until(lambda: outcomes(chosen.name, "applied") == 2 and outcomes(other.name, "applied") == 2)
        async with probe_db.sessions() as session, session.begin():
            since = dt.datetime.min.replace(tzinfo=dt.UTC)
            assert (
                await maintenance.replay_outbox(session, probe_db.tables, since=since, group=chosen.name) == 2
            )
        await until(
            lambda: outcomes(chosen.name, "duplicate") == 2, what="the chosen group to get the replay"
        )
        await until(lambda: outcomes(other.name, "ignored") == 2, what="the other group to pass it by")
        assert outcomes(other.name, "duplicate") == 0

        async with probe_db.sessions() as session, session.begin():
            await maintenance.replay_outbox(session, probe_db.tables, since=since)
        await until(lambda: outcomes(other.name, "duplicate") == 2, what="an unaddressed replay to reach all")

    async with probe_db.sessions() as session:
        headers = (await session.scalars(select(probe_db.tables.outbox.c.headers))).all()
    assert all(TARGET_GROUP_HEADER not in h for h in headers), "a later replay is for every group again"


async def test_a_dead_letter_parked_without_its_value_is_retried_from_its_original_record(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    huge = b'{"x":"' + b"y" * (9 * 1024 * 1024) + b'"}'  # over the producer's 8 MiB request limit
    await produce(broker, probe_topic, (b"k", huge, probe_event(probe_topic, 0).kafka_headers()))
    consumer = group(f"probe-f-{probe_topic[-6:]}", probe_topic, probe_db, noop, broker)
    console = DeadLetterConsole(kafka_config(broker.bootstrap_servers), [f"{probe_topic}.dlq"])
    async with consuming(consumer):
        (ref,) = await open_letters(console, 1)
    letter = await console.get(ref)
    assert letter.value is None and letter.detail()["payload_omitted_bytes"] == len(huge)

    await console.retry(ref, actor="ops-3")

    retried = await read_topic(broker.bootstrap_servers, probe_topic, expected=2)
    again = [r for r in retried if dict(r.headers).get(RETRY_OF_HEADER) == ref.encode()]
    assert len(again) == 1 and again[0].value == huge and again[0].key == b"k"
    assert dict(again[0].headers)[TARGET_GROUP_HEADER] == consumer.name.encode()


async def test_a_scrape_soon_after_another_reuses_its_dead_letter_depths_and_says_how_old(
    broker: BrokerHandle,
) -> None:
    kafka = kafka_config(broker.bootstrap_servers)
    dlq = dead_letter_topics()[0]
    fresh = await opsview.dead_letter_depths(kafka)
    assert fresh["age_seconds"] == 0.0
    before = fresh["open"][dlq]

    await produce(broker, dlq, (b"k", b"parked after the reading", []))

    reused = await opsview.dead_letter_depths(kafka, reuse_seconds=60)
    assert reused["open"][dlq] == before, "a reading inside the reuse window is not taken again"
    assert reused["age_seconds"] > 0.0
    again = await opsview.dead_letter_depths(kafka)
    assert (again["open"][dlq], again["age_seconds"]) == (before + 1, 0.0)
