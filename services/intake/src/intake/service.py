"""Intake's registration with the platform (entry point ``ipcase.services``)."""

from __future__ import annotations

from intake.bootstrap import bootstrap
from intake.entrypoints.app import create_app
from intake.settings import IntakeSettings
from shared.migrations import migrations_dir
from shared.service import ServiceSpec

SERVICE = ServiceSpec(
    name="intake",
    settings_class=IntakeSettings,
    create_app=create_app,
    bootstrap=bootstrap,
    migrations_dir=migrations_dir(__file__),
)
