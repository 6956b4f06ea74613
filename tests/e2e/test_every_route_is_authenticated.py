"""No route of any service is anonymous except health, docs and (in dev) the token issuer."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from shared.service import discover_services

OPEN_PATHS = {"/healthz", "/readyz", "/auth/dev-token", "/.well-known/jwks.json", "/v1/jwks"}
"""The partners service publishes its public signing keys (JWKS) openly, as any issuer does."""


def protected_routes() -> list[tuple[str, str, str]]:
    """Every operation in every service's OpenAPI document, except the open ones."""
    routes: list[tuple[str, str, str]] = []
    for name, spec in discover_services().items():
        paths = spec.create_app(spec.settings()).openapi()["paths"]
        for path, operations in paths.items():
            if path not in OPEN_PATHS:
                routes.extend((name, method.upper(), path) for method in sorted(operations))
    assert len(routes) >= 4 * 2, "route discovery found almost nothing: the check itself is broken"
    return routes


@pytest.mark.parametrize(("service", "method", "path"), protected_routes())
async def test_a_request_without_a_token_is_refused(
    service: str, method: str, path: str, start_service: Any
) -> None:
    running = await start_service(service)
    concrete = path.replace("{", "").replace("}", "")  # any value: authentication comes before validation
    async with httpx.AsyncClient(base_url=running.base_url) as client:
        response = await client.request(method, concrete, json={})

    assert response.status_code == 401, f"{method} {path}: {response.status_code}"
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["www-authenticate"] == "Bearer"


async def test_a_token_from_one_service_is_accepted_by_all(start_service: Any) -> None:
    intake = await start_service("intake")
    async with httpx.AsyncClient(base_url=intake.base_url) as client:
        issued = await client.post("/auth/dev-token", json={"subject": "staff-1", "roles": ["admin"]})
    token = issued.json()["access_token"]
    for name in ("adjudication", "mediation", "credit"):
        running = await start_service(name)
        async with httpx.AsyncClient(base_url=running.base_url) as client:
            response = await client.get("/ops/status", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 200, (name, response.text)


async def test_the_dev_token_issuer_exists_only_in_dev(start_service: Any, identity_provider: Any) -> None:
    production = await start_service("intake", environment="production", auth_issuer=identity_provider.url)
    async with httpx.AsyncClient(base_url=production.base_url) as client:
        response = await client.post("/auth/dev-token", json={"subject": "x", "roles": ["admin"]})
    assert response.status_code == 404
