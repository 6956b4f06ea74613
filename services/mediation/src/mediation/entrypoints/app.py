"""Mediation's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from mediation.bootstrap import bootstrap
from mediation.entrypoints.consumer import SUBSCRIPTIONS
from mediation.entrypoints.routes import ROUTERS
from mediation.settings import MediationSettings
from shared.messaging.consumer import consumed_contracts
from shared.web.app import create_service_app


def create_app(settings: MediationSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or MediationSettings(),
        title="ipcase mediation",
        description="IP dispute mediation and judicial confirmation (调解 + 司法确认).",
        routers=ROUTERS,
        bootstrap=bootstrap,
        consumes=consumed_contracts(SUBSCRIPTIONS),
    )
