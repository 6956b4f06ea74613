"""Liveness, readiness, metrics and worker status routes."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any, Protocol

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from shared.kafka.topics import broker_cluster_id
from shared.messaging.maintenance import pending_count
from shared.platform import Platform
from shared.web.auth import Principal, Role, require_roles
from shared.worker import Worker

CHECK_TIMEOUT_SECONDS = 2.0


class ServiceContainer(Protocol):
    """What every service's bootstrap yields: its platform and its worker."""

    @property
    def platform(self) -> Platform: ...

    @property
    def worker(self) -> Worker: ...


def health_router() -> APIRouter:
    router = APIRouter(tags=["health"])

    @router.get("/healthz", summary="Liveness: the process answers")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="Readiness: the database and the broker are reachable")
    async def readyz(request: Request) -> JSONResponse:
        container: ServiceContainer = request.app.state.container
        checks = dict(
            zip(
                ("database", "broker"),
                await asyncio.gather(_check_database(container.platform), _check_broker(container.platform)),
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
    async def metrics(_: AdminPrincipal) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    @router.get("/ops/status", summary="Worker, relay and consumer status")
    async def status(request: Request, _: AdminPrincipal) -> dict[str, Any]:
        container: ServiceContainer = request.app.state.container
        worker = container.worker
        async with container.platform.sessions() as session:
            pending = await pending_count(session, container.platform.tables)
        return {
            "service": worker.service,
            "worker": {
                "running": worker.status.running,
                "generation": worker.status.generation,
                "broker_cluster_id": worker.status.cluster_id,
                "last_error": worker.status.last_error,
            },
            "outbox": {"pending": pending, "relay_leader": bool(worker.relay and worker.relay.is_leader)},
            "consumers": {consumer.name: {"lag": consumer.lag()} for consumer in worker.consumers},
        }

    return router


async def _check_database(platform: Platform) -> dict[str, Any]:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS), platform.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception as exc:  # any failure means "not ready"; the reason is reported, not raised
        return {"ok": False, "error": repr(exc)}
    return {"ok": True}


async def _check_broker(platform: Platform) -> dict[str, Any]:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_SECONDS):
            cluster_id = await broker_cluster_id(platform.kafka)
    except Exception as exc:  # as above
        return {"ok": False, "error": repr(exc)}
    return {"ok": True, "cluster_id": cluster_id}
