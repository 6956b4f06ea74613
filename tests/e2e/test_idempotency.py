"""Idempotency-Key on complaint registration: retries and races register a complaint once."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

from intake.testing import complaint_body as complaint
from shared.web.auth import Role


async def test_a_retried_request_returns_the_first_complaint(start_service: Any) -> None:
    client = (await start_service("intake")).client(Role.STAFF)
    body, key = complaint(), {"Idempotency-Key": str(uuid.uuid4())}

    first = await client.post("/v1/complaints", json=body, headers=key)
    again = await client.post("/v1/complaints", json=body, headers=key)

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    assert "idempotent-replayed" not in first.headers


async def test_the_same_key_with_a_different_body_is_refused(start_service: Any) -> None:
    client = (await start_service("intake")).client(Role.STAFF)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    await client.post("/v1/complaints", json=complaint(), headers=key)

    response = await client.post("/v1/complaints", json=complaint(), headers=key)

    assert response.status_code == 422
    assert response.json()["code"] == "idempotency_key_reused"


async def test_concurrent_requests_with_one_key_register_one_complaint(start_service: Any) -> None:
    client = (await start_service("intake")).client(Role.STAFF)
    body, key = complaint(), {"Idempotency-Key": str(uuid.uuid4())}

    responses = await asyncio.gather(
        *(client.post("/v1/complaints", json=body, headers=key) for _ in range(8))
    )

    assert {r.status_code for r in responses} == {201}
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 7


async def test_keys_are_scoped_to_the_caller(start_service: Any) -> None:
    intake = await start_service("intake")
    key = {"Idempotency-Key": str(uuid.uuid4())}
    mine = await intake.client(Role.STAFF, subject="staff-a").post(
        "/v1/complaints", json=complaint(), headers=key
    )
    theirs = await intake.client(Role.STAFF, subject="staff-b").post(
        "/v1/complaints", json=complaint(), headers=key
    )

    assert (mine.status_code, theirs.status_code) == (201, 201)
    assert mine.json()["id"] != theirs.json()["id"]
