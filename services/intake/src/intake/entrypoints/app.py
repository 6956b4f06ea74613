"""Intake's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from intake.bootstrap import bootstrap
from intake.entrypoints.routes import complaints, registry, workflows
from intake.settings import IntakeSettings
from shared.web.app import create_service_app


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or IntakeSettings(),
        title="ipcase intake",
        description=(
            "Complaints for every IP type and channel: registration, rights verification, dedup, "
            "acceptance checks, triage and routing, and the protection centre's own workflows."
        ),
        routers=[complaints.router, workflows.router, registry.router],
        bootstrap=bootstrap,
    )
