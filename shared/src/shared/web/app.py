"""The FastAPI app factory every service uses, so all four behave the same at the edges."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import TypeVar

import structlog
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi_offline import FastAPIOffline

from shared import tracing
from shared.contracts.base import EventData, configure_schema_base
from shared.errors import PermissionDenied
from shared.identity.dev_issuer import dev_token_router
from shared.logs import configure_logging
from shared.settings import ServiceSettings
from shared.web.audit import AuditContextMiddleware, audit_router, record_denied
from shared.web.auth import authenticate
from shared.web.contracts_docs import contracts_docs_router
from shared.web.correlation import CorrelationIdMiddleware
from shared.web.deadletters import dead_letter_router
from shared.web.health import ServiceContainer, health_router, ops_router
from shared.web.identity import dev_issuer, identity_client, token_verifier
from shared.web.input_policy import InputPolicyMiddleware, RateLimitMiddleware
from shared.web.observability import instrument_http
from shared.web.openapi_common import declare_edge_responses
from shared.web.ops_page import ops_page_router
from shared.web.problems import install_problem_handlers, problem_for
from shared.web.security_headers import OPEN_PATHS, SecurityHeadersMiddleware
from shared.worker import WorkerRunner

S = TypeVar("S", bound=ServiceSettings)
log = structlog.get_logger(__name__)
Bootstrap = Callable[[S], AbstractAsyncContextManager[ServiceContainer]]
DOCS_STATIC_URL = "/static-offline-docs"


def create_service_app(
    *,
    settings: S,
    title: str,
    description: str,
    routers: Sequence[APIRouter],
    bootstrap: Bootstrap[S],
    consumes: Sequence[type[EventData]] = (),
) -> FastAPI:
    """An app whose every service route requires a bearer token; health and docs stay open.

    ``consumes`` are the contracts the service's consumers read: with the topics it owns they make
    the channels of its AsyncAPI document (``GET /asyncapi.json``).

    The lifespan runs ``bootstrap`` (engine, bus, worker); with ``RUN_WORKERS`` the worker (outbox
    relay, consumers, timers) runs in this process too, as in development, and ``/healthz`` then
    reports its liveness.
    """

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        configure_logging(service=settings.service_name, level=settings.log_level, fmt=settings.log_format)
        async with identity_client(settings) as client, bootstrap(settings) as container:
            app.state.verifier = token_verifier(settings, client)
            app.state.container = container
            if not settings.run_workers:
                yield
                return
            runner = WorkerRunner(container.worker, exit_on_stuck=settings.exit_on_stuck_worker)
            app.state.worker_runner = runner
            runner.start()
            try:
                yield
            finally:
                await runner.stop()

    # /docs and /redoc load Swagger UI and ReDoc from this service (``/static-offline-docs``), never a
    # CDN: on an air-gapped government intranet a CDN-backed page is blank.
    app = FastAPIOffline(
        title=title,
        description=description,
        version="1",
        lifespan=lifespan,
        static_url=DOCS_STATIC_URL,
        # Swagger UI would otherwise send the document to a public validator for its badge.
        swagger_ui_parameters={"validatorUrl": None},
    )
    app.add_middleware(
        InputPolicyMiddleware,
        max_body_bytes=settings.http_max_body_bytes,
        max_upload_bytes=settings.http_max_upload_bytes,
    )
    app.add_middleware(AuditContextMiddleware)
    app.add_middleware(CorrelationIdMiddleware)
    app.add_middleware(SecurityHeadersMiddleware)
    if settings.rate_limit:
        app.add_middleware(RateLimitMiddleware, rate=settings.rate_limit, exempt=OPEN_PATHS)
    instrument_http(app, settings.service_name)
    tracing.configure(settings)
    tracing.instrument_app(app, settings)
    install_problem_handlers(app, retry_after=settings.database_retry_after)
    app.add_exception_handler(PermissionDenied, _denied)  # type: ignore[arg-type]
    configure_schema_base(settings.schema_base_url)
    app.include_router(health_router())
    app.include_router(contracts_docs_router(settings.service_name, consumes))
    app.include_router(ops_router())
    app.include_router(dead_letter_router())
    app.include_router(ops_page_router())
    if settings.dev_mode:
        app.include_router(
            dev_token_router(dev_issuer(settings), settings.dev_token_ttl, settings.office_code)
        )
    for router in [*routers, audit_router()]:
        app.include_router(router, dependencies=[Depends(authenticate)])
    declare_edge_responses(app)
    return app


async def _denied(request: Request, error: PermissionDenied) -> JSONResponse:
    """A refusal is part of the trail too; then the usual problem document."""
    await record_denied(request, error)
    return await problem_for(request, error)
