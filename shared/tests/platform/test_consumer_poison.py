"""No record can stop a partition: every kind of unreadable record is dead-lettered and the rest flow."""

from __future__ import annotations

from datetime import timedelta

import pytest

from shared.contracts import CloudEvent, MalformedEvent
from shared.contracts.base import version_from_schema_uri
from shared.messaging.consumer import ConsumerOptions, EventConsumer, Subscription
from shared.testing.plugin import BrokerHandle
from shared.testing.poison import poison_records
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

MAX_EVENT_BYTES = 64 * 1024


async def test_every_kind_of_unreadable_record_is_dead_lettered_and_valid_records_behind_it_apply(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    poison = poison_records(probe_event(probe_topic, 0), oversize=2 * MAX_EVENT_BYTES)
    valid = [as_record(probe_event(probe_topic, n), "k") for n in range(1, 4)]
    # All on one key, hence one partition: the valid records queue behind every poison one.
    await produce(broker, probe_topic, valid[0], *poison.values(), *valid[1:])
    consumer = EventConsumer(
        name=f"probe-poison-{probe_topic[-6:]}",
        subscriptions=[Subscription(probe_contract(probe_topic), recording_handler(probe_db))],
        uow_factory=probe_db.uow,
        kafka=kafka_config(broker.bootstrap_servers),
        options=ConsumerOptions(
            max_attempts=2, retry_backoff=timedelta(milliseconds=10), max_event_bytes=MAX_EVENT_BYTES
        ),
    )
    async with consuming(consumer):
        await eventually(effects_reach(probe_db, 3), what="the valid records behind the poison")
        dead = await read_topic(broker.bootstrap_servers, f"{probe_topic}.dlq", expected=len(poison))

    assert await probe_db.effects_for() == [1, 2, 3]
    assert len(dead) == len(poison)
    offsets = sorted(int(dict(r.headers)["dlq_original_offset"]) for r in dead)
    assert offsets == list(range(1, len(poison) + 1)), "each poison record parked once, in order"
    for record in dead:
        headers = dict(record.headers)
        assert headers["dlq_attempts"] == b"1", "unreadable records are not retried"
        assert headers["dlq_error_type"]


async def test_a_record_too_large_for_the_dead_letter_topic_is_parked_without_its_value(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    huge = b'{"x":"' + b"y" * (9 * 1024 * 1024) + b'"}'  # over the producer's 8 MiB request limit
    await produce(
        broker,
        probe_topic,
        (b"k", huge, probe_event(probe_topic, 0).kafka_headers()),
        as_record(probe_event(probe_topic, 1), "k"),
    )
    consumer = EventConsumer(
        name=f"probe-huge-{probe_topic[-6:]}",
        subscriptions=[Subscription(probe_contract(probe_topic), recording_handler(probe_db))],
        uow_factory=probe_db.uow,
        kafka=kafka_config(broker.bootstrap_servers),
    )
    async with consuming(consumer):
        await eventually(effects_reach(probe_db, 1), what="the valid record behind the huge one")
        (dead,) = await read_topic(broker.bootstrap_servers, f"{probe_topic}.dlq", expected=1)

    headers = dict(dead.headers)
    assert dead.value is None
    assert headers["dlq_value_omitted"] == str(len(huge)).encode()
    assert headers["dlq_error_type"] == b"OversizedEvent"


@pytest.mark.parametrize(
    ("uri", "version"),
    [
        (None, 1),
        ("urn:ipcase:schema:a.b:v2", 2),
        ("urn:ipcase:schema:a.b:vX", 1),
        ("urn:ipcase:schema:a.b:v" + "9" * 5000, None),
        ("urn:ipcase:schema:a.b:v" + "9" * 7, None),
        ("urn:ipcase:schema:a.b:v" + "٣", 1),  # a non-ASCII digit is not a version
        ("http://127.0.0.1:8101/schemas/a.b.v2.json", 2),
        ("https://ipcase.example/schemas/a.b.v12.json", 12),
        ("https://ipcase.example/schemas/a.b.vX.json", 1),
        ("https://ipcase.example/schemas/a.b.json", 1),
        ("https://ipcase.example/schemas/a.b.v" + "9" * 5000 + ".json", None),
        ("https://ipcase.example/schemas/a.b.v" + "٣" + ".json", 1),
    ],
)
def test_the_schema_version_is_parsed_within_bounds(uri: str | None, version: int | None) -> None:
    if version is None:
        with pytest.raises(ValueError, match="out of range"):
            version_from_schema_uri(uri)
    else:
        assert version_from_schema_uri(uri) == version


def test_an_event_whose_version_is_out_of_range_is_malformed() -> None:
    attributes = {"id": "1", "source": "/s", "type": "a.b", "time": "2026-12-06T10:00:00+08:00"}
    event = CloudEvent.model_validate({**attributes, "dataschema": "urn:x:v" + "9" * 50, "data": {}})
    with pytest.raises(MalformedEvent):
        _ = event.version
