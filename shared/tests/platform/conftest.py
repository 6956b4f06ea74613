"""Fixtures for the platform tests: each test gets its own migrated probe schema and its own topic."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator

import pytest_asyncio
from sqlalchemy import Column, Integer, MetaData, Table, Text

from shared import migrations
from shared.db import make_engine, make_sessionmaker, service_metadata
from shared.kafka.topics import ensure_topics
from shared.messaging.tables import messaging_tables
from shared.testing.plugin import BrokerHandle
from shared.testing.probe import MIGRATIONS, MigrationSource, ProbeDb


@pytest_asyncio.fixture
async def probe_db(database_url: str) -> AsyncIterator[ProbeDb]:
    schema = f"probe_{uuid.uuid4().hex[:10]}"
    await migrations.upgrade(MigrationSource(schema, MIGRATIONS), database_url)
    metadata: MetaData = service_metadata(schema)
    tables = messaging_tables(metadata, audit=True)
    effects = Table(
        "effects",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("event_id", Text),
        Column("partition_key", Text),
        Column("sequence", Integer),
    )
    engine = make_engine(database_url, pool_size=5)
    try:
        yield ProbeDb(schema, engine, make_sessionmaker(engine), tables, effects)
    finally:
        await engine.dispose()


@pytest_asyncio.fixture
async def probe_topic(broker: BrokerHandle) -> str:
    topic = f"test.probe.{uuid.uuid4().hex[:10]}"
    await ensure_topics(broker.kafka_config(), [topic, f"{topic}.dlq"])
    return topic
