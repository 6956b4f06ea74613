"""Intake's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from intake.bootstrap import bootstrap
from intake.entrypoints.routes import router
from intake.settings import IntakeSettings
from shared.web.app import create_service_app


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or IntakeSettings(),
        title="ipcase intake",
        description="Complaints for every IP type: registration, verification, triage and routing.",
        routers=[router],
        bootstrap=bootstrap,
    )
