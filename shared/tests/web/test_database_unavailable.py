"""While the database is away the APIs answer 503 with Retry-After at once: never 500, never a hang."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from shared.devstack.ports import free_port
from shared.testing.refs import random_uscc
from shared.testing.services import RunningService
from shared.web.auth import Role
from shared.web.problems import PROBLEM_JSON

StartService = Callable[..., Awaitable[RunningService]]


def nowhere() -> str:
    """A database URL on a port where nothing listens."""
    return f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/ipcase"


@pytest.mark.parametrize(
    ("service", "method", "path", "body"),
    [
        ("intake", "GET", "/v1/complaints", None),
        ("adjudication", "GET", "/v1/cases", None),
        ("mediation", "GET", "/v1/cases", None),
        ("credit", "POST", "/v1/credit-checks", {"codes": [random_uscc()]}),
    ],
)
async def test_a_request_while_the_database_is_down_gets_503_with_retry_after(
    start_service: StartService, service: str, method: str, path: str, body: Any
) -> None:
    running = await start_service(service, database_url=nowhere(), database_retry_after=7)
    client = running.client(Role.ADMIN)

    began = time.monotonic()
    response = await client.request(method, path, json=body)
    elapsed = time.monotonic() - began

    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == PROBLEM_JSON
    assert response.headers["retry-after"] == "7"
    problem = response.json()
    assert problem["code"] == "database_unavailable"
    assert problem["title_zh"] == "服务暂时不可用"
    assert "7" in problem["detail_zh"]
    assert problem["correlation_id"] == response.headers["x-correlation-id"]
    assert elapsed < 5.0


async def test_liveness_stays_ok_and_readiness_fails_while_the_database_is_down(
    start_service: StartService,
) -> None:
    running = await start_service("intake", database_url=nowhere())
    client = running.client()

    assert (await client.get("/healthz")).status_code == 200
    ready = await client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"]["ok"] is False
