"""Probe schema and contracts for testing the messaging platform itself (outbox, relay, consumer).

A probe schema is built by its own migration history (messaging tables plus an ``effects`` table
where probe handlers record what they did); probe contracts are bound to a fresh topic per test
and never registered, so they stay out of the published language.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aiokafka import AIOKafkaProducer
from sqlalchemy import Table, func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from shared.contracts import CloudEvent, EventData
from shared.kafka.clients import KafkaConfig
from shared.messaging.consumer import EventConsumer
from shared.messaging.tables import MessagingTables
from shared.uow import UnitOfWork

if TYPE_CHECKING:
    from shared.testing.plugin import BrokerHandle

MIGRATIONS = Path(__file__).parent / "probe_migrations"


class ProbeEvent(EventData):
    """Base of the per-test probe contracts (never registered, never published for real)."""

    partition_key: str
    sequence: int
    poison: bool = False


def probe_contract(topic: str) -> type[ProbeEvent]:
    """A contract class bound to ``topic``, kept out of the registry."""
    return type(
        "ProbeV1",
        (ProbeEvent,),
        {},
        event_type=f"test.probe.{topic}",
        version=1,
        topic=topic,
        published=False,
    )


@dataclass(frozen=True)
class MigrationSource:
    name: str
    migrations_dir: Path


@dataclass
class ProbeDb:
    schema: str
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    tables: MessagingTables
    effects: Table

    def uow(self) -> UnitOfWork:
        return UnitOfWork(self.sessions, self.tables, "/ipcase/test/probe")

    async def write_events(self, events: list[ProbeEvent]) -> None:
        """Commit ``events`` to the outbox in one transaction, keyed by their ``partition_key``."""
        async with self.uow() as uow:
            for event in events:
                uow.outbox.add(event, key=event.partition_key)
            await uow.commit()

    async def record_effect(self, session: AsyncSession, event: CloudEvent, data: ProbeEvent) -> None:
        await session.execute(
            insert(self.effects).values(
                event_id=event.id, partition_key=data.partition_key, sequence=data.sequence
            )
        )

    async def effects_for(self, partition_key: str | None = None) -> list[int]:
        query = select(self.effects.c.sequence).order_by(self.effects.c.id)
        if partition_key is not None:
            query = query.where(self.effects.c.partition_key == partition_key)
        async with self.sessions() as session:
            return list((await session.scalars(query)).all())

    async def count(self, table: Table) -> int:
        async with self.sessions() as session:
            return int(await session.scalar(select(func.count()).select_from(table)) or 0)


def kafka_config(bootstrap_servers: str, name: str = "probe") -> KafkaConfig:
    return KafkaConfig(bootstrap_servers, client_id=f"ipcase-test-{name}")


class PoisonError(Exception):
    pass


def recording_handler(probe_db: ProbeDb) -> Callable[[ProbeEvent, CloudEvent, UnitOfWork], Awaitable[None]]:
    async def handle(data: ProbeEvent, event: CloudEvent, uow: UnitOfWork) -> None:
        if data.poison:
            raise PoisonError(f"cannot handle sequence {data.sequence}")
        await probe_db.record_effect(uow.session, event, data)

    return handle


@contextlib.asynccontextmanager
async def consuming(consumer: EventConsumer) -> AsyncIterator[asyncio.Event]:
    stop = asyncio.Event()
    task = asyncio.create_task(consumer.run(stop))
    try:
        yield stop
    finally:
        stop.set()
        async with asyncio.timeout(15):
            await task


async def produce(
    broker: BrokerHandle, topic: str, *records: tuple[bytes, bytes | None, list[tuple[str, bytes]]]
) -> None:
    """Send raw records as a partner's own producer would (no envelope checks; up to 64 MiB each)."""
    producer = AIOKafkaProducer(
        bootstrap_servers=broker.bootstrap_servers,
        enable_idempotence=False,
        max_request_size=64 * 1024 * 1024,
    )
    await producer.start()
    try:
        for key, value, headers in records:
            await producer.send_and_wait(topic, key=key, value=value, headers=headers)
    finally:
        await producer.stop()


def as_record(event: CloudEvent, key: str) -> tuple[bytes, bytes, list[tuple[str, bytes]]]:
    return key.encode(), event.kafka_value(), event.kafka_headers()


def probe_event(topic: str, sequence: int, *, key: str = "k", poison: bool = False) -> CloudEvent:
    data = probe_contract(topic)(partition_key=key, sequence=sequence, poison=poison)
    return CloudEvent.from_data(data, source="/ipcase/test/probe", subject=key)


def effects_reach(probe_db: ProbeDb, count: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return len(await probe_db.effects_for()) >= count

    return check
