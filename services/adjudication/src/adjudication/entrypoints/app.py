"""Adjudication's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from adjudication.bootstrap import bootstrap
from adjudication.entrypoints.consumer import SUBSCRIPTIONS
from adjudication.entrypoints.routes import ROUTERS
from adjudication.settings import AdjudicationSettings
from shared.messaging.consumer import consumed_contracts
from shared.web.app import create_service_app


def create_app(settings: AdjudicationSettings | None = None) -> FastAPI:
    return create_service_app(
        settings=settings or AdjudicationSettings(),
        title="ipcase adjudication",
        description=(
            "Administrative adjudication of patent infringement disputes (专利侵权纠纷行政裁决) from docket "
            "to enforcement, and counterfeit-patent penalty cases (假冒专利行政处罚)."
        ),
        routers=ROUTERS,
        bootstrap=bootstrap,
        consumes=consumed_contracts(SUBSCRIPTIONS),
    )
