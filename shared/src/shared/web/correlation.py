"""ASGI middleware that gives every request a correlation id (pure ASGI: no per-request task)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.logs import correlation_scope, is_acceptable_id

HEADER = "x-correlation-id"


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

            async def send_with_header(message: Message) -> None:
                if message["type"] == "http.response.start":
                    message.setdefault("headers", [])
                    message["headers"].append((HEADER.encode(), correlation_id.encode()))
                await send(message)

            await self.app(scope, receive, send_with_header)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            try:
                return str(value.decode("ascii"))
            except UnicodeDecodeError:
                return None
    return None
