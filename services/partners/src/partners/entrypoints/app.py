"""Partners' FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from partners.bootstrap import bootstrap
from partners.entrypoints.routes import OPEN_ROUTER, ROUTERS
from partners.settings import PartnersSettings
from shared.web.app import create_service_app


def create_app(settings: PartnersSettings | None = None) -> FastAPI:
    app = create_service_app(
        settings=settings or PartnersSettings(),
        title="ipcase partners",
        description="The partner channel (合作方通道): signed, minimised feeds for people's courts and "
        "customs, webhooks, and the verified inbound gateway.",
        routers=ROUTERS,
        bootstrap=bootstrap,
    )
    app.include_router(OPEN_ROUTER)
    return app
