"""Adjudication's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from adjudication.bootstrap import bootstrap
from adjudication.entrypoints.routes import router
from adjudication.settings import AdjudicationSettings
from shared.web.app import create_service_app


def create_app(settings: AdjudicationSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or AdjudicationSettings(),
        title="ipcase adjudication",
        description="Administrative adjudication of patent infringement disputes (行政裁决).",
        routers=[router],
        bootstrap=bootstrap,
    )
