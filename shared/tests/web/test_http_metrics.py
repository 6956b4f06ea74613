"""HTTP RED metrics: labelled by the route template (``none`` when no route matched), never a raw path."""

from __future__ import annotations

import uuid

import httpx
from fastapi import APIRouter, FastAPI

from shared.metrics import HTTP_REQUESTS
from shared.web.observability import instrument_http


def _app(service: str) -> FastAPI:
    app = FastAPI()
    router = APIRouter(prefix="/v1/things")

    @router.get("/{thing_id}")
    async def get_thing(thing_id: str) -> dict[str, str]:
        return {"id": thing_id}

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    app.include_router(router)
    instrument_http(app, service)
    return app


def _count(service: str, route: str, method: str, status: str) -> float:
    return float(HTTP_REQUESTS.labels(service, route, method, status)._value.get())


async def test_requests_are_counted_by_template_method_and_status_class() -> None:
    service = f"probe-{uuid.uuid4().hex[:8]}"
    transport = httpx.ASGITransport(app=_app(service))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        assert (await client.get("/v1/things/1")).status_code == 200
        assert (await client.get("/v1/things/2")).status_code == 200
        assert (await client.post("/v1/things/2")).status_code == 405
        assert (await client.get("/nowhere/3")).status_code == 404
        assert (await client.get("/healthz")).status_code == 200

    assert _count(service, "/v1/things/{thing_id}", "GET", "2xx") == 2
    assert _count(service, "/v1/things/{thing_id}", "POST", "4xx") == 1
    assert _count(service, "none", "GET", "4xx") == 1
    counted = {
        s.labels["route"]
        for m in HTTP_REQUESTS.collect()
        for s in m.samples
        if s.labels.get("service") == service
    }
    assert counted == {"/v1/things/{thing_id}", "none"}, "a raw path or an excluded route was counted"
