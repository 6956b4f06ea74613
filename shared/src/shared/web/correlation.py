"""ASGI middleware that gives every request a correlation id (pure ASGI: no per-request task)."""

from __future__ import annotations

import structlog
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.logs import correlation_scope, is_acceptable_id
from shared.web.language import request_language
from shared.web.problems import DEFAULT_RETRY_AFTER_SECONDS, unexpected_error_response

HEADER = "x-correlation-id"
log = structlog.get_logger(__name__)


class CorrelationIdMiddleware:
    """Take ``X-Correlation-ID`` from the request (or make one) and echo it on the response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        supplied = _header(scope, HEADER.encode())
        with correlation_scope(
            supplied if supplied and is_acceptable_id(supplied) else None
        ) as correlation_id:
            started = False

            async def send_with_header(message: Message) -> None:
                nonlocal started
                if message["type"] == "http.response.start":
                    started = True
                    message.setdefault("headers", [])
                    message["headers"].append((HEADER.encode(), correlation_id.encode()))
                await send(message)

            try:
                await self.app(scope, receive, send_with_header)
            except Exception as error:
                # Answer here, inside the correlation scope, so the 500 carries the id it is logged with.
                if started:
                    raise
                retry_after = getattr(scope["app"].state, "retry_after", DEFAULT_RETRY_AFTER_SECONDS)
                response = unexpected_error_response(
                    scope.get("path", ""),
                    error,
                    retry_after=retry_after,
                    language=request_language(HTTPConnection(scope)),
                )
                await response(scope, receive, send_with_header)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            try:
                return str(value.decode("ascii"))
            except UnicodeDecodeError:
                return None
    return None
