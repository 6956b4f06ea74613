"""Mediation's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from mediation.bootstrap import bootstrap
from mediation.entrypoints.routes import ROUTERS
from mediation.settings import MediationSettings
from shared.web.app import create_service_app


def create_app(settings: MediationSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or MediationSettings(),
        title="ipcase mediation",
        description="IP dispute mediation and judicial confirmation (调解 + 司法确认).",
        routers=ROUTERS,
        bootstrap=bootstrap,
    )
