"""pytest plugin: embedded PostgreSQL and broker once per session, migrated schemas, services.

Setting ``DATABASE_URL`` / ``KAFKA_BOOTSTRAP_SERVERS`` points the suite at external servers instead.
Fixtures:

``postgres``          the server (embedded, or external by URL); ``database_url`` a fresh database
                      with every service's migrations applied
``broker``            the Kafka-protocol broker, with every topic created
``private_broker``    a broker of the test's own, which the test may stop and restart
``identity_provider`` the development OIDC issuer on a real port (services verify its tokens by JWKS)
``settings_for``      settings of a service pointed at the test servers (fast timeouts)
``start_service``     start a service in-process on a real port; stopped after the test
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from pydantic_settings import BaseSettings, SettingsConfigDict

from shared import migrations
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import ServiceSpec, discover_services
from shared.testing.gateway import TEST_GATEWAY_JWKS
from shared.testing.identity import LocalIssuer, serving_dev_issuer
from shared.testing.services import RunningService
from shared.testing.services import start_service as _start_service


class ExternalServers(BaseSettings):
    model_config = SettingsConfigDict(extra="ignore")

    database_url: str | None = None
    kafka_bootstrap_servers: str | None = None


@dataclass
class PostgresHandle:
    """Either an embedded server we started, or an external one given by URL."""

    server: EmbeddedPostgres | None
    admin_url: str

    def url(self, database: str) -> str:
        base, _, _ = self.admin_url.rpartition("/")
        return f"{base}/{database}"


@dataclass
class BrokerHandle:
    bootstrap_servers: str
    embedded: EmbeddedBroker | None = None

    def kafka_config(self, client_id: str = "ipcase-tests") -> KafkaConfig:
        return KafkaConfig(self.bootstrap_servers, client_id=client_id)


@pytest.fixture(scope="session")
def external_servers() -> ExternalServers:
    return ExternalServers()


@pytest.fixture(scope="session")
def postgres(
    external_servers: ExternalServers, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[PostgresHandle]:
    if external_servers.database_url:
        yield PostgresHandle(server=None, admin_url=external_servers.database_url)
        return
    server = EmbeddedPostgres(
        data_dir=tmp_path_factory.mktemp("embedded") / "pg", port=free_port(), durable=False
    )
    server.start()
    try:
        yield PostgresHandle(server=server, admin_url=server.url("postgres"))
    finally:
        server.stop()


@pytest_asyncio.fixture(scope="session")
async def database_url(postgres: PostgresHandle) -> str:
    """A fresh database for this session, with every service's migrations applied."""
    return await fresh_database(postgres, "ipcase_test")


async def fresh_database(
    postgres: PostgresHandle, prefix: str = "ipcase", *, services: Iterable[str] | None = None
) -> str:
    """A database of the test's own with the migrations of ``services`` (default: every service).

    For tests that move time forward: firing "a year later" then touches only their own rows.
    """
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    await create_database(postgres, name)
    url = postgres.url(name)
    wanted = None if services is None else set(services)
    for spec in discover_services().values():
        if wanted is None or spec.name in wanted:
            await migrations.upgrade(spec, url)
    return url


async def create_database(postgres: PostgresHandle, name: str) -> None:
    if postgres.server is not None:
        await asyncio.to_thread(postgres.server.create_database, name)
        return
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(postgres.admin_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()


@pytest.fixture(scope="session")
def broker(
    external_servers: ExternalServers, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BrokerHandle]:
    if external_servers.kafka_bootstrap_servers:
        handle = BrokerHandle(external_servers.kafka_bootstrap_servers)
        asyncio.run(ensure_topics(handle.kafka_config(), all_topics()))
        yield handle
        return
    embedded = EmbeddedBroker(port=free_port(), log_file=tmp_path_factory.mktemp("broker") / "broker.log")
    embedded.start()
    handle = BrokerHandle(embedded.bootstrap_servers, embedded)
    asyncio.run(ensure_topics(handle.kafka_config(), all_topics()))
    try:
        yield handle
    finally:
        embedded.stop()


@contextlib.contextmanager
def embedded_broker(directory: Path) -> Iterator[BrokerHandle]:
    """Start an embedded broker of the caller's own (its log in ``directory``); stop it afterwards."""
    embedded = EmbeddedBroker(port=free_port(), log_file=directory / "broker.log")
    embedded.start()
    try:
        yield BrokerHandle(embedded.bootstrap_servers, embedded)
    finally:
        embedded.stop()


@pytest.fixture
def private_broker(tmp_path: Path) -> Iterator[BrokerHandle]:
    """An embedded broker only this test uses; it may stop and restart it."""
    with embedded_broker(tmp_path) as handle:
        yield handle


FAST_SETTINGS: dict[str, Any] = {
    "environment": "dev",
    "log_format": "console",
    "log_level": "WARNING",
    "run_workers": False,
    "kafka_watch_interval": timedelta(milliseconds=500),
    "outbox_poll_interval": timedelta(seconds=1),
    # Records a test produces straight to Kafka are not announced by a relay (shared.messaging.wakeup).
    "consumer_idle_poll_interval": timedelta(milliseconds=500),
    "consumer_retry_backoff": timedelta(milliseconds=20),
    "consumer_retry_backoff_max": timedelta(milliseconds=100),
    "database_pool_size": 5,
    "exit_on_stuck_worker": False,  # a stuck worker fails its test (/healthz), not the whole session
    "rate_limit": None,  # tests drive many requests with one token; the limit has tests of its own
    # Court messages count only when signed by the partners gateway: the tests play it (testing.gateway).
    "partner_gateway_jwks": TEST_GATEWAY_JWKS,
}


@pytest_asyncio.fixture(scope="session")
async def identity_provider(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[LocalIssuer]:
    """The development OIDC issuer on a real port: services fetch its discovery document and JWKS."""
    async with serving_dev_issuer(tmp_path_factory.mktemp("issuer") / "ed25519.pem") as issuer:
        yield issuer


@pytest.fixture
def settings_for(
    database_url: str, broker: BrokerHandle, identity_provider: LocalIssuer
) -> Callable[..., dict[str, Any]]:
    """Settings overrides for a service in this test session; keyword arguments override them."""

    def build(**overrides: Any) -> dict[str, Any]:
        return {
            **FAST_SETTINGS,
            **identity_provider.settings(),
            "database_url": database_url,
            "kafka_bootstrap_servers": broker.bootstrap_servers,
            **overrides,
        }

    return build


@pytest_asyncio.fixture
async def start_service(
    settings_for: Callable[..., dict[str, Any]],
) -> AsyncIterator[Callable[..., Awaitable[RunningService]]]:
    started: list[RunningService] = []

    async def start(name: str | ServiceSpec, **overrides: Any) -> RunningService:
        spec = name if isinstance(name, ServiceSpec) else discover_services()[name]
        service = await _start_service(spec, settings_for(**overrides))
        started.append(service)
        return service

    yield start
    for service in reversed(started):
        await service.stop()
