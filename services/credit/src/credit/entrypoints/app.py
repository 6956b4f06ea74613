"""Credit's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from credit.bootstrap import bootstrap
from credit.entrypoints.consumer import SUBSCRIPTIONS
from credit.entrypoints.routes import ROUTERS
from credit.settings import CreditSettings
from shared.messaging.consumer import consumed_contracts
from shared.web.app import create_service_app


def create_app(settings: CreditSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or CreditSettings(),
        title="ipcase credit",
        description="Credit supervision and the serious-dishonesty list (信用监管 / 严重失信名单).",
        routers=ROUTERS,
        bootstrap=bootstrap,
        consumes=consumed_contracts(SUBSCRIPTIONS),
    )
