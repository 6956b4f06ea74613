"""The webhook HTTP client against real endpoints: what it sends, what it records of an answer, and
that every transport failure is a failed attempt, never an exception."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest_asyncio

from partners.adapters.http import USER_AGENT, WebhookClient
from partners.domain.delivery import Attempt
from shared.devstack.ports import free_port
from shared.testing.serving import serving

BODY = '{"id":"e1","data":{"名称":"甲公司"}}'
HEADERS = {"content-type": "application/cloudevents+json; charset=utf-8", "webhook-id": "e1"}


@dataclass
class Seen:
    requests: list[dict[str, Any]] = field(default_factory=list)


@pytest_asyncio.fixture
async def endpoint() -> AsyncIterator[tuple[str, Seen]]:
    """``/ok`` 204, ``/moved`` 307 to ``/ok``, ``/big`` 200 with 1 MiB; every request is noted."""
    seen = Seen()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        headers = {key.decode(): value.decode() for key, value in scope["headers"]}
        seen.requests.append(
            {"path": scope["path"], "method": scope["method"], "headers": headers, "body": body}
        )
        status, extra, payload = {
            "/ok": (204, [], b""),
            "/moved": (307, [(b"location", b"/ok")], b""),
            "/big": (200, [], b"x" * (1 << 20)),
        }[scope["path"]]
        await send({"type": "http.response.start", "status": status, "headers": extra})
        await send({"type": "http.response.body", "body": payload})

    async with serving(app, what="the webhook endpoint") as base:
        yield base, seen


async def test_the_request_carries_the_body_and_headers_as_signed_and_the_status_is_recorded(
    endpoint: tuple[str, Seen],
) -> None:
    base, seen = endpoint
    client = WebhookClient(timeout=5.0)
    try:
        first = await client.send(Attempt(f"{base}/ok", HEADERS, BODY))
        second = await client.send(Attempt(f"{base}/ok", HEADERS, BODY))
    finally:
        await client.close()

    assert (first.status_code, first.error, second.status_code) == (204, None, 204)
    request = seen.requests[0]
    assert request["method"] == "POST" and request["body"] == BODY.encode()
    assert request["headers"]["content-type"] == HEADERS["content-type"]
    assert request["headers"]["webhook-id"] == "e1" and request["headers"]["user-agent"] == USER_AGENT


async def test_a_redirect_is_an_answer_not_followed(endpoint: tuple[str, Seen]) -> None:
    base, seen = endpoint
    client = WebhookClient(timeout=5.0)
    try:
        response = await client.send(Attempt(f"{base}/moved", HEADERS, BODY))
    finally:
        await client.close()

    assert response.status_code == 307 and not response.ok
    assert [request["path"] for request in seen.requests] == ["/moved"]


async def test_a_large_answer_is_not_read_whole_and_the_next_request_still_goes_out(
    endpoint: tuple[str, Seen],
) -> None:
    base, seen = endpoint
    client = WebhookClient(timeout=5.0)
    try:
        big = await client.send(Attempt(f"{base}/big", HEADERS, BODY))
        after = await client.send(Attempt(f"{base}/ok", HEADERS, BODY))
    finally:
        await client.close()

    assert (big.status_code, after.status_code) == (200, 204)
    assert [request["path"] for request in seen.requests] == ["/big", "/ok"]


async def test_a_refused_connection_is_a_failed_attempt_with_its_cause() -> None:
    client = WebhookClient(timeout=5.0)
    try:
        response = await client.send(Attempt(f"http://127.0.0.1:{free_port()}/hook", HEADERS, BODY))
    finally:
        await client.close()

    assert response.status_code is None and not response.ok
    assert response.error is not None and response.error.startswith("ClientConnectorError: ")


async def test_requests_go_through_the_configured_proxy(endpoint: tuple[str, Seen]) -> None:
    """The proxy (the test's endpoint) is asked for the partner's absolute URL; the partner's own
    address is never connected to."""
    proxy, seen = endpoint
    partner = f"http://127.0.0.1:{free_port()}/ok"
    client = WebhookClient(timeout=5.0, proxy=proxy)
    try:
        response = await client.send(Attempt(partner, HEADERS, BODY))
    finally:
        await client.close()

    assert response.status_code == 204
    assert [request["path"] for request in seen.requests] == ["/ok"]
    assert seen.requests[0]["headers"]["host"] == partner.removeprefix("http://").removesuffix("/ok")
