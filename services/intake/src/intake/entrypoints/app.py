"""Intake's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from intake.bootstrap import bootstrap
from intake.entrypoints.consumer import SUBSCRIPTIONS
from intake.entrypoints.customs_consumer import SUBSCRIPTIONS as CUSTOMS_SUBSCRIPTIONS
from intake.entrypoints.routes import ROUTERS
from intake.entrypoints.upload_limit import EvidenceUploadLimit
from intake.settings import IntakeSettings
from shared.messaging.consumer import consumed_contracts
from shared.web.app import create_service_app


def create_app(settings: IntakeSettings | None = None) -> FastAPI:
    settings = settings or IntakeSettings()
    app = create_service_app(
        settings=settings,
        title="ipcase intake",
        description=(
            "Complaints for every IP type and channel: registration, rights verification, dedup, "
            "acceptance checks, triage and routing, and the protection centre's own workflows."
        ),
        routers=ROUTERS,
        bootstrap=bootstrap,
        consumes=consumed_contracts({"outcomes": SUBSCRIPTIONS, "customs": CUSTOMS_SUBSCRIPTIONS}),
    )
    app.add_middleware(EvidenceUploadLimit, max_file_bytes=settings.evidence_max_bytes)
    return app
