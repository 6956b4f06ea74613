"""Fixtures for credit's integration tests: the running service, a private database, request bodies."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
import pytest_asyncio

from credit.testing import fresh_database, uscc_in
from shared.service import discover_services
from shared.testing.identity import LocalIssuer
from shared.testing.plugin import FAST_SETTINGS, BrokerHandle, PostgresHandle
from shared.testing.services import RunningService, start_service


@pytest_asyncio.fixture
async def credit(start_service: Any) -> RunningService:
    """The credit service on the shared test database, without its worker."""
    service: RunningService = await start_service("credit", office_code="330100")
    return service


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def credit_api(
    database_url: str, broker: BrokerHandle, identity_provider: LocalIssuer
) -> AsyncIterator[RunningService]:
    """The credit service (Hangzhou, 330100) without its worker, shared by a module: for tests
    that make many requests (the permission table, the object rules, what each reader sees)."""
    settings = {
        **FAST_SETTINGS,
        **identity_provider.settings(),
        "database_url": database_url,
        "kafka_bootstrap_servers": broker.bootstrap_servers,
        "run_workers": False,
        "office_code": "330100",
    }
    service = await start_service(discover_services()["credit"], settings)
    try:
        yield service
    finally:
        await service.stop()


@pytest_asyncio.fixture
async def private_database(postgres: PostgresHandle) -> str:
    """A database of this test's own with credit's migrations: for tests that fire every due timer."""
    return await fresh_database(postgres)


@pytest.fixture
def entry() -> Callable[..., dict[str, Any]]:
    """A staff entry (``POST /v1/records``) for a fresh Hangzhou company; keywords override fields."""

    def build(**overrides: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "subject": {
                "kind": "organisation",
                "name": "杭州某某科技有限公司",
                "credit_code": uscc_in("330100"),
            },
            "behaviour": "abnormal_patent_application",
            "underlying_decision": {
                "authority": "国家知识产权局",
                "doc_no": f"国知发保字〔2026〕{uuid.uuid4().int % 10**6}号",
                "date": "2026-01-05",
                "type": "abnormal_application_finding",
            },
            "finding": "提交大量不以保护创新为目的的非正常专利申请",
        }
        return {**body, **overrides}

    return build
