"""Fixtures of intake's integration tests: the service on a database and broker of each module's own.

Each module gets a fresh database and broker: intake's tests register many complaints, and on a
shared database the first worker that starts would relay all of them to the session broker, where
other services' end-to-end tests would have to wade through them first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.testing.identity import LocalIssuer
from shared.testing.plugin import FAST_SETTINGS, BrokerHandle, PostgresHandle, embedded_broker, fresh_database
from shared.testing.services import RunningService, start_service

StartIntake = Callable[..., Awaitable[RunningService]]


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def database_url(postgres: PostgresHandle) -> str:
    """Each intake module gets its own database and broker: intake's relay floods neither other tests."""
    return await fresh_database(postgres, "intake_test")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def broker(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[BrokerHandle]:
    with embedded_broker(tmp_path_factory.mktemp("broker")) as handle:
        await ensure_topics(handle.kafka_config(), all_topics())
        yield handle


@pytest.fixture
def start_intake(start_service: Any, tmp_path: Path) -> StartIntake:
    """Start intake with evidence and import files under this test's temporary directory."""

    async def start(**overrides: Any) -> RunningService:
        settings = {"evidence_dir": tmp_path / "evidence", "import_dir": tmp_path / "imports", **overrides}
        service: RunningService = await start_service("intake", **settings)
        return service

    return start


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def intake(
    database_url: str,
    broker: BrokerHandle,
    identity_provider: LocalIssuer,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[RunningService]:
    """Intake with its worker, shared by a module (for tests that need no settings of their own)."""
    root = tmp_path_factory.mktemp("intake")
    settings = {
        **FAST_SETTINGS,
        **identity_provider.settings(),
        "database_url": database_url,
        "kafka_bootstrap_servers": broker.bootstrap_servers,
        "run_workers": True,
        "evidence_dir": root / "evidence",
        "import_dir": root / "imports",
    }
    service = await start_service(discover_services()["intake"], settings)
    try:
        yield service
    finally:
        await service.stop()
