"""The evidence upload limit cuts a body off while it streams: a 53 MB upload against the 50 MB
limit is refused having read little more than the limit, never received whole."""

from __future__ import annotations

from typing import Any

import pytest
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.types import Message, Receive, Scope, Send

from intake.entrypoints.upload_limit import EvidenceUploadLimit

MB = 1024 * 1024
LIMIT = 50 * MB


def scope(path: str, headers: list[tuple[bytes, bytes]] | None = None) -> Scope:
    return {"type": "http", "method": "POST", "path": path, "headers": headers or []}


class Body:
    """53 MB in 1 MB chunks, counting what the app pulled."""

    def __init__(self, size: int = 53 * MB) -> None:
        self.left, self.pulled = size, 0

    async def __call__(self) -> Message:
        chunk = min(MB, self.left)
        self.left -= chunk
        self.pulled += chunk
        return {"type": "http.request", "body": b"0" * chunk, "more_body": self.left > 0}


async def reads_everything(scope: Scope, receive: Receive, send: Send) -> None:
    async for _ in Request(scope, receive).stream():
        pass


async def never_called(scope: Scope, receive: Receive, send: Send) -> None:
    raise AssertionError("the app must not run")


async def test_a_streamed_body_is_cut_off_at_the_limit() -> None:
    body = Body()
    with pytest.raises(HTTPException) as refused:
        await EvidenceUploadLimit(reads_everything, max_file_bytes=LIMIT)(
            scope("/v1/complaints/1/evidence"), body, _ignore
        )
    assert refused.value.status_code == 413
    assert LIMIT < body.pulled <= LIMIT + 2 * MB  # stopped at the limit, the last 2 MB never read


async def test_a_declared_length_beyond_the_limit_is_refused_before_anything_is_read() -> None:
    body, sent = Body(), []

    async def send(message: Message) -> None:
        sent.append(message)

    headers = [(b"content-length", str(53 * MB).encode())]
    await EvidenceUploadLimit(never_called, max_file_bytes=LIMIT)(
        scope("/v1/complaints/1/evidence", headers), body, send
    )
    assert sent[0]["status"] == 413 and body.pulled == 0
    assert b"payload_too_large" in sent[1]["body"]


async def test_other_routes_keep_the_edge_limit() -> None:
    body = Body(3 * MB)
    await EvidenceUploadLimit(reads_everything, max_file_bytes=MB)(scope("/v1/rights/imports"), body, _ignore)
    assert body.pulled == 3 * MB


async def _ignore(message: Any) -> None:
    return None
