"""Adjudication's registration with the platform (entry point ``ipcase.services``)."""

from __future__ import annotations

from adjudication.bootstrap import bootstrap
from adjudication.entrypoints.app import create_app
from adjudication.settings import AdjudicationSettings
from shared.migrations import migrations_dir
from shared.service import ServiceSpec

SERVICE = ServiceSpec(
    name="adjudication",
    settings_class=AdjudicationSettings,
    create_app=create_app,
    bootstrap=bootstrap,
    migrations_dir=migrations_dir(__file__),
)
