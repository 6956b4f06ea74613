"""Builders of valid domain objects and request bodies for intake's tests (unit and integration)."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from dataclasses import replace
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition

from intake.domain.complaint import ClaimedRight, Complaint
from intake.domain.parties import PartyRecord, PartyRole
from intake.domain.vocabulary import Channel
from shared.contracts import CloudEvent, EventData
from shared.testing.events import publish_event
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.waiting import read_topic
from shared.vocabulary import IpType, PartyKind

NOW = dt.datetime(2026, 9, 16, 2, 0, tzinfo=dt.UTC)


def party(role: PartyRole = PartyRole.RESPONDENT, **overrides: Any) -> PartyRecord:
    values: dict[str, Any] = {
        "role": role,
        "kind": PartyKind.ORGANISATION,
        "name": random_name(),
        "credit_code": random_uscc(),
    }
    return PartyRecord(**{**values, **overrides})


def complaint(**overrides: Any) -> Complaint:
    """A registered invention-patent complaint; keyword arguments replace any field."""
    values: dict[str, Any] = {
        "id": uuid.uuid4(),
        "channel": Channel.ONLINE,
        "centre": "330100",
        "ip_type": IpType.INVENTION_PATENT,
        "rights": (ClaimedRight(ip_type=IpType.INVENTION_PATENT, number=random_patent_number()),),
        "complainant": party(PartyRole.COMPLAINANT),
        "respondents": (party(),),
        "facts": "被请求人销售落入专利保护范围的产品。",
        "received_at": NOW,
        "sequence": 1,
    }
    values.update(overrides)
    return Complaint(**values)


def same_complaint_again(original: Complaint, **overrides: Any) -> Complaint:
    """The same complainant, right and respondent arriving again (a new id)."""
    return replace(original, id=uuid.uuid4(), events=[], sequence=None, **overrides)


def complaint_body(**overrides: Any) -> dict[str, Any]:
    """The walking skeleton's minimal request body; keyword arguments add or replace fields."""
    body = {
        "ip_type": "invention_patent",
        "right_number": random_patent_number(),
        "complainant": {
            "kind": "organisation",
            "name": random_name("专利权人"),
            "credit_code": random_uscc(),
        },
        "respondents": [
            {"kind": "organisation", "name": random_name("被请求人"), "credit_code": random_uscc()}
        ],
        "facts": "被请求人在其网店销售的产品落入涉案专利权利要求1的保护范围。",
    }
    return {**body, **overrides}


async def publish(bootstrap_servers: str, data: EventData, key: str) -> None:
    """Publish ``data`` as the producing service would: a CloudEvent in binary mode, keyed."""
    await publish_event(bootstrap_servers, data, key=key, source="/ipcase/test/intake")


async def published(
    bootstrap_servers: str,
    topic: str,
    event_type: str,
    *,
    where: dict[str, Any],
    expected: int = 1,
    within: float = 10.0,
) -> list[dict[str, Any]]:
    """Payloads of ``event_type`` on ``topic`` whose fields equal ``where`` (waits for ``expected``)."""
    deadline = asyncio.get_running_loop().time() + within
    while True:
        records = await _everything_on(bootstrap_servers, topic)
        found = []
        for record in records:
            event = CloudEvent.from_kafka(record.headers, record.value)
            if event.type == event_type and all(str(event.data.get(k)) == str(v) for k, v in where.items()):
                found.append(event.data)
        if len(found) >= expected or asyncio.get_running_loop().time() > deadline:
            return found
        await asyncio.sleep(0.1)


async def _everything_on(bootstrap_servers: str, topic: str) -> list[ConsumerRecord]:
    """Every record on ``topic`` so far: read from the beginning until a fetch comes back empty."""
    first = await read_topic(bootstrap_servers, topic, expected=1, within=1.0)
    if not first:
        return []
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, enable_auto_commit=False, fetch_max_wait_ms=25
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        if not partitions:
            await consumer.topics()
            partitions = [TopicPartition(topic, p) for p in consumer.partitions_for_topic(topic) or ()]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list[ConsumerRecord] = []
        while batch := await consumer.getmany(timeout_ms=300):
            for items in batch.values():
                records.extend(items)
        return records
    finally:
        await consumer.stop()
