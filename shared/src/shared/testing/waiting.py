"""Waiting for asynchronous effects in tests without fixed sleeps."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from aiokafka import AIOKafkaConsumer, ConsumerRecord, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient


async def eventually(
    check: Callable[[], Awaitable[bool]], *, within: float = 15.0, what: str = "condition"
) -> None:
    """Poll ``check`` until it returns True; fail after ``within`` seconds."""
    deadline = asyncio.get_running_loop().time() + within
    while not await check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"timed out after {within:.0f}s waiting for {what}")
        await asyncio.sleep(0.05)


async def until(predicate: Callable[[], bool], *, within: float = 15.0, what: str = "condition") -> None:
    """:func:`eventually` for a plain predicate on in-process state."""

    async def check() -> bool:
        return predicate()

    await eventually(check, within=within, what=what)


async def read_topic(
    bootstrap_servers: str, topic: str, *, expected: int, within: float = 15.0
) -> list[ConsumerRecord]:
    """Every record on ``topic`` from the beginning, once at least ``expected`` have arrived.

    Uses manual assignment (no consumer group), which starts in milliseconds on the embedded broker.
    """
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap_servers, enable_auto_commit=False, fetch_max_wait_ms=25
    )
    await consumer.start()
    try:
        partitions = [TopicPartition(topic, p) for p in await _partitions(bootstrap_servers, topic)]
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        records: list[ConsumerRecord] = []
        deadline = asyncio.get_running_loop().time() + within
        while len(records) < expected and asyncio.get_running_loop().time() < deadline:
            for batch in (await consumer.getmany(timeout_ms=100)).values():
                records.extend(batch)
        return records
    finally:
        await consumer.stop()


async def _partitions(bootstrap_servers: str, topic: str) -> list[int]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers)
    await admin.start()
    try:
        (description,) = await admin.describe_topics([topic])
        return sorted(p["partition"] for p in description["partitions"])
    finally:
        await admin.close()
