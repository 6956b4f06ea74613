"""Credit's registration with the platform (entry point ``ipcase.services``)."""

from __future__ import annotations

from credit.bootstrap import bootstrap
from credit.entrypoints.app import create_app
from credit.settings import CreditSettings
from shared.migrations import migrations_dir
from shared.service import ServiceSpec

SERVICE = ServiceSpec(
    name="credit",
    settings_class=CreditSettings,
    create_app=create_app,
    bootstrap=bootstrap,
    migrations_dir=migrations_dir(__file__),
)
