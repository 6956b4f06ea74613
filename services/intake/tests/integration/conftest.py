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
from shared.testing.plugin import BrokerHandle, PostgresHandle, embedded_broker, fresh_database
from shared.testing.services import RunningService

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
