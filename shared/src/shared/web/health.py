"""Liveness, readiness, metrics and worker status routes.

``/healthz`` is liveness: in a process that runs a worker it turns 503 when the worker has died or
a part of it is stuck (work waits and nothing moves while its dependencies are up), so that an
orchestrator restarts the process; an outage of the database or broker is not "stuck" — a restart
would not help — and shows in ``/readyz`` instead.
"""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Protocol

import structlog
from fastapi import APIRouter, Depends, FastAPI, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from shared import opsview
from shared.kafka.topics import broker_cluster_id
from shared.messaging.maintenance import pending_summary
from shared.platform import Platform
from shared.web.auth import Principal, Role, require_roles
from shared.worker import Worker, WorkerRunner

CHECK_TIMEOUT_SECONDS = 2.0
log = structlog.get_logger(__name__)


class ServiceContainer(Protocol):
    """What every service's bootstrap yields: its platform and its worker."""

    @property
    def platform(self) -> Platform: ...

    @property
    def worker(self) -> Worker: ...


def health_router() -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="Liveness: the process answers and its worker (if any) is not stuck")
    async def healthz(request: Request) -> JSONResponse:
        runner: WorkerRunner | None = getattr(request.app.state, "worker_runner", None)
        if runner is None:
            return JSONResponse({"status": "ok"})
        body = await worker_liveness(request.app.state.container, runner)
        return JSONResponse(body, status_code=200 if body["status"] == "ok" else 503)

    @router.get("/readyz", summary="Readiness: the database and the broker are reachable")
    async def readyz(request: Request) -> JSONResponse:
        container: ServiceContainer = request.app.state.container
        checks = dict(
            zip(
                ("database", "broker"),
                await asyncio.gather(check_database(container.platform), check_broker(container.platform)),
                strict=True,
            )
        )
        ready = all(check["ok"] for check in checks.values())
        body = {"status": "ready" if ready else "unavailable", "checks": checks}
        return JSONResponse(body, status_code=200 if ready else 503)

    return router


AdminPrincipal = Annotated[Principal, Depends(require_roles(Role.ADMIN))]


def ops_router() -> APIRouter:
    """Operator views; they need the admin role like every non-health route needs a token."""
    router = APIRouter(tags=["ops"])

    @router.get("/metrics", summary="Prometheus metrics", response_class=Response)
    async def metrics(request: Request, _: AdminPrincipal) -> Response:
        return await _scrape(request.app.state.container)

    @router.get(
        "/ops/status",
        summary="Worker, relay, consumers, outbox, timers, overdue deadlines, audit head, dead letters",
    )
    async def status(request: Request, _: AdminPrincipal) -> dict[str, Any]:
        container: ServiceContainer = request.app.state.container
        worker = container.worker
        body = await opsview.snapshot(container.platform, worker)
        return {
            **body,
            "worker": {
                "running": worker.status.running,
                "generation": worker.status.generation,
                "broker_cluster_id": worker.status.cluster_id,
                "last_error": worker.status.last_error,
            },
            "parts": worker.health()["parts"],
        }

    return router


async def worker_liveness(container: ServiceContainer, runner: WorkerRunner) -> dict[str, Any]:
    """The liveness verdict of a process's worker, with what it is based on."""
    body: dict[str, Any] = {"status": "ok"}
    if runner.failure is not None:
        body.update(status="unhealthy", reason=f"worker stopped: {runner.failure}")
        return body
    health = container.worker.health()
    if not health["healthy"]:
        body.update(status="unhealthy", reason="worker parts stuck")
    body["worker"] = health
    body["outbox"] = await _outbox_backlog(container.platform)
    return body


async def _outbox_backlog(platform: Platform) -> dict[str, Any]:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS), platform.sessions() as session:
            pending, oldest = await pending_summary(session, platform.tables)
    except Exception as exc:  # reported, not raised: liveness must answer while the database is away
        return {"error": repr(exc)[:300]}
    return {"pending": pending, "oldest_pending_seconds": oldest}


async def check_database(platform: Platform) -> dict[str, Any]:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS), platform.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not ready"; the reason is reported, not raised
        return {"ok": False, "error": repr(exc)}
    return {"ok": True}


async def check_broker(platform: Platform) -> dict[str, Any]:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            cluster_id = await broker_cluster_id(platform.kafka)
    except Exception as exc:  # as above
        return {"ok": False, "error": repr(exc)}
    return {"ok": True, "cluster_id": cluster_id}


def worker_health_app(container: ServiceContainer, runner: WorkerRunner) -> FastAPI:
    """The HTTP face of a worker-only process: liveness, readiness and metrics, no API.

    It listens on ``WORKER_HEALTH_HOST:WORKER_HEALTH_PORT`` (loopback by default; a container
    exposes it to its orchestrator only). ``/metrics`` is open here: the worker's consumer, relay
    and timer metrics live in this process, and the port is not published.
    """
    app = FastAPI(title="ipcase worker", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.container = container
    app.state.worker_runner = runner
    app.include_router(health_router())

    @app.get("/metrics", response_class=Response)
    async def metrics() -> Response:
        return await _scrape(container)

    return app


async def _scrape(container: ServiceContainer) -> Response:
    """Refresh the stored-state gauges (best effort: the counters are served either way)."""
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS * 4):
            await opsview.snapshot(
                container.platform,
                container.worker,
                dead_letters_reuse_seconds=opsview.DEAD_LETTER_SCRAPE_REUSE_SECONDS,
            )
    except Exception as exc:  # a scrape during a database outage still returns the counters
        log.warning("ops gauges not refreshed", error=repr(exc)[:300])
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
