"""Fixtures of the mediation service's tests: one running service per module, and a roster."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest_asyncio

from shared.service import discover_services
from shared.testing.plugin import FAST_SETTINGS, BrokerHandle
from shared.testing.services import RunningService, start_service
from shared.web.auth import Role


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def mediation(database_url: str, broker: BrokerHandle) -> AsyncIterator[RunningService]:
    """The mediation service with its worker (relay, consumers, real-clock timers), shared by a module."""
    settings = {
        **FAST_SETTINGS,
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
    staff = mediation.client(Role.STAFF)
    organisation = await staff.post(
        "/v1/organisations",
        json={
            "name": f"西湖区知识产权纠纷人民调解委员会{uuid.uuid4().hex[:6]}",
            "kind": "peoples_mediation_committee",
            "seat_region_code": "330106",
            "registered_on_court_platform": True,
        },
    )
    assert organisation.status_code == 201, organisation.text
    account = f"mediator-{uuid.uuid4().hex[:8]}"
    mediator = await staff.post(
        "/v1/mediators",
        json={
            "organisation_id": organisation.json()["id"],
            "name": f"王调解{uuid.uuid4().hex[:4]}",
            "account": account,
            "specialties": ["trademark", "invention_patent"],
            "regions": ["3301"],
            "registered_on_court_platform": True,
            "max_active_cases": 50,
        },
    )
    assert mediator.status_code == 201, mediator.text
    return {"organisation": organisation.json(), "mediator": mediator.json(), "account": account}
