"""The FastAPI app factory every service uses, so all four behave the same at the edges."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import TypeVar

import structlog
from fastapi import APIRouter, Depends, FastAPI

from shared.logs import configure_logging
from shared.settings import ServiceSettings
from shared.web.auth import TokenService, authenticate, dev_token_router
from shared.web.correlation import CorrelationIdMiddleware
from shared.web.health import ServiceContainer, health_router, ops_router
from shared.web.problems import install_problem_handlers

S = TypeVar("S", bound=ServiceSettings)
log = structlog.get_logger(__name__)
WORKER_STOP_GRACE_SECONDS = 10.0
Bootstrap = Callable[[S], AbstractAsyncContextManager[ServiceContainer]]


def create_service_app(
    *,
    settings: S,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    bootstrap: Bootstrap[S],
) -> FastAPI:
    """An app whose every service route requires a bearer token; health and docs stay open.

    The lifespan runs ``bootstrap`` (engine, bus, worker); with ``RUN_WORKERS`` the worker (outbox
    relay and consumers) runs in this process too, as in development.
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(service=settings.service_name, level=settings.log_level, fmt=settings.log_format)
        async with bootstrap(settings) as container:
            app.state.container = container
            async with _background_worker(container, enabled=settings.run_workers):
                yield

    app = FastAPI(title=title, description=description, version="1", lifespan=lifespan)
    app.state.tokens = TokenService(
        secret=settings.auth_secret.get_secret_value(),
        issuer=settings.auth_issuer,
        ttl=settings.auth_token_ttl,
    )
    app.add_middleware(CorrelationIdMiddleware)
    install_problem_handlers(app)
    app.include_router(health_router())
    app.include_router(ops_router())
    if settings.dev_mode:
        app.include_router(dev_token_router())
    for router in routers:
        app.include_router(router, dependencies=[Depends(authenticate)])
    return app


@contextlib.asynccontextmanager
async def _background_worker(container: ServiceContainer, *, enabled: bool) -> AsyncIterator[None]:
    if not enabled:
        yield
        return
    stop = asyncio.Event()
    task = asyncio.create_task(container.worker.run(stop), name=f"{container.worker.service}-worker")
    try:
        yield
    finally:
        stop.set()
        try:
            await asyncio.wait_for(task, WORKER_STOP_GRACE_SECONDS)
        except TimeoutError:
            log.warning("worker did not stop in time; cancelled", service=container.worker.service)
