"""HTTP RED metrics per route, recorded by prometheus-fastapi-instrumentator into shared.metrics."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import FastAPI
from prometheus_fastapi_instrumentator import Instrumentator
from prometheus_fastapi_instrumentator.metrics import Info

from shared.metrics import HTTP_REQUEST_DURATION, HTTP_REQUESTS

NOT_INSTRUMENTED = ["/metrics", "/healthz", "/readyz"]


def instrument_http(app: FastAPI, service: str) -> None:
    """Count and time every request by route template, method and status class (2xx..5xx).

    The metrics are module-level (one registry per process, however many apps a test builds);
    the instrumentator supplies the route template, the grouped status and the duration. A path no
    route matched is counted under ``none``, so a scanner cannot blow up the label set.
    """
    instrumentator = Instrumentator(
        should_group_status_codes=True,
        should_ignore_untemplated=False,
        should_group_untemplated=True,
        should_instrument_requests_inprogress=False,
        excluded_handlers=NOT_INSTRUMENTED,
    )
    instrumentator.add(_red(service))
    instrumentator.instrument(app)


def _red(service: str) -> Callable[[Info], None]:
    def record(info: Info) -> None:
        route = info.modified_handler
        HTTP_REQUESTS.labels(service, route, info.method, info.modified_status).inc()
        HTTP_REQUEST_DURATION.labels(service, route, info.method).observe(info.modified_duration)

    return record
