"""Fixtures of the mediation service's tests: one running service per module, and a roster."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio

from mediation.testing import register_roster
from shared.service import discover_services
from shared.testing.identity import LocalIssuer
from shared.testing.plugin import FAST_SETTINGS, BrokerHandle
from shared.testing.services import RunningService, start_service
from shared.web.auth import Role


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def mediation(
    database_url: str, broker: BrokerHandle, identity_provider: LocalIssuer
) -> AsyncIterator[RunningService]:
    """The mediation service with its worker (relay, consumers, real-clock timers), shared by a module."""
    settings = {
        **FAST_SETTINGS,
        **identity_provider.settings(),
        "database_url": database_url,
        "kafka_bootstrap_servers": broker.bootstrap_servers,
        "run_workers": True,
    }
    service = await start_service(discover_services()["mediation"], settings)
    try:
        yield service
    finally:
        await service.stop()


@pytest_asyncio.fixture(loop_scope="session")
async def roster(mediation: RunningService) -> dict[str, Any]:
    """An organisation on the court's roster in Hangzhou Xihu, and one of its mediators."""
    return await register_roster(mediation.client(Role.STAFF), seat="330106")
