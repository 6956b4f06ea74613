"""HTTP RED metrics per route into shared.metrics, by a pure ASGI middleware of ours.

prometheus-fastapi-instrumentator's middleware matched the request against every route of the app
before the app ran (a service has well over a hundred) and built a ``Request``, a ``Response`` and
``Headers`` per request to hand its callbacks: about a quarter of the edge's cost per request. This
middleware takes the matched route's template from the scope after the app has run (the router puts
the route there), and only when there is none (no route matched, a mounted app) asks the
instrumentator's own resolver, so the labels are the same as before: the template, ``none`` for an
untemplated path, the method and the status class.
"""

from __future__ import annotations

import re
from timeit import default_timer

from fastapi import FastAPI
from prometheus_fastapi_instrumentator.routing import get_route_name
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared.metrics import HTTP_REQUEST_DURATION, HTTP_REQUESTS

NOT_INSTRUMENTED = ["/metrics", "/healthz", "/readyz"]


def instrument_http(app: FastAPI, service: str) -> None:
    """Count and time every request by route template, method and status class (2xx..5xx).

    The metrics are module-level (one registry per process, however many apps a test builds). A
    path no route matched is counted under ``none``, so a scanner cannot blow up the label set.
    """
    app.add_middleware(HttpMetricsMiddleware, service=service, excluded=NOT_INSTRUMENTED)


class HttpMetricsMiddleware:
    def __init__(self, app: ASGIApp, *, service: str, excluded: list[str]) -> None:
        self.app = app
        self._service = service
        self._excluded = [re.compile(path) for path in excluded]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = default_timer()
        status = 500
        where = (scope.get("path", ""), scope.get("root_path", ""))  # a mount rewrites them on the way in

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_status)
        finally:
            self._record(scope, where, status, max(default_timer() - started, 0.0))

    def _record(self, scope: Scope, where: tuple[str, str], status: int, duration: float) -> None:
        template = getattr(scope.get("route"), "path", None)
        if template is None:
            original = {**scope, "path": where[0], "root_path": where[1]}
            template = get_route_name(HTTPConnection(original), should_include_root_path=False)
        handler = template if template is not None else where[0]
        if any(pattern.search(handler) for pattern in self._excluded):
            return
        label = handler if template is not None else "none"
        method = str(scope["method"])
        HTTP_REQUESTS.labels(self._service, label, method, f"{str(status)[0]}xx").inc()
        HTTP_REQUEST_DURATION.labels(self._service, label, method).observe(duration)
