"""Mediation's registration with the platform (entry point ``ipcase.services``)."""

from __future__ import annotations

from mediation.bootstrap import bootstrap
from mediation.entrypoints.app import create_app
from mediation.settings import MediationSettings
from shared.migrations import migrations_dir
from shared.service import ServiceSpec

SERVICE = ServiceSpec(
    name="mediation",
    settings_class=MediationSettings,
    create_app=create_app,
    bootstrap=bootstrap,
    migrations_dir=migrations_dir(__file__),
)
