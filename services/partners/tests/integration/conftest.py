"""Fixtures for the partners integration tests: the service with its worker, a partner registrar."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import pytest_asyncio

from partners.testing import Register, partner_body, unique_code
from shared.identity.principals import Role
from shared.service import discover_services
from shared.signing import SigningKey
from shared.testing.identity import LocalIssuer
from shared.testing.plugin import FAST_SETTINGS, BrokerHandle
from shared.testing.services import RunningService, start_service
from shared.testing.waiting import until


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def partners_service(
    database_url: str,
    broker: BrokerHandle,
    identity_provider: LocalIssuer,
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[RunningService]:
    """The partners service (office 330100) with its worker: projection, gateway, webhooks."""
    key_dir: Path = tmp_path_factory.mktemp("partners-key")
    settings = {
        **FAST_SETTINGS,
        **identity_provider.settings(),
        "database_url": database_url,
        "kafka_bootstrap_servers": broker.bootstrap_servers,
        "run_workers": True,
        "office_code": "330100",
        "partners_signing_key_file": key_dir / "signing.pem",
        "partners_webhook_backoff_seconds": 0.2,
        "partners_webhook_max_attempts": 3,
        "partners_registry_cache_seconds": 0,
        "partners_webhook_poll_interval_ms": 100,
        "audit_checkpoint_dir": key_dir / "checkpoints",
        "audit_signing_key_file": key_dir / "audit.pem",
    }
    service = await start_service(discover_services()["partners"], settings)
    try:
        # Earlier tests in the session left internal events on the shared broker; a partner registered
        # while the consumers still project them would receive them too. Start once they are idle.
        consumers = service.container.worker.consumers
        await until(
            lambda: all(c.parked or (c.lag() and not any(c.lag().values())) for c in consumers),
            within=120,
            what="the partners consumers caught up with the events earlier tests left",
        )
        yield service
    finally:
        await service.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def admin(partners_service: RunningService) -> httpx.AsyncClient:
    return partners_service.client(Role.ADMIN, subject="partners-admin")


@pytest_asyncio.fixture(scope="module", loop_scope="session")
async def register(admin: httpx.AsyncClient) -> Register:
    async def make(kind: str = "court", **extra: Any) -> tuple[str, SigningKey]:
        code = extra.pop("code", None) or unique_code("C" if kind == "court" else "K")
        key = SigningKey.generate("EdDSA", kid=f"{code}-k1")
        body = partner_body(code, kind, keys=[key.public_jwk()], **extra)
        response = await admin.post("/v1/partners", json=body)
        assert response.status_code == 201, response.text
        return code, key

    return make
