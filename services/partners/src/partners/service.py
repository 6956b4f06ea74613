"""Partners' registration with the platform (entry point ``ipcase.services``)."""

from __future__ import annotations

from partners.bootstrap import bootstrap
from partners.entrypoints.app import create_app
from partners.settings import PartnersSettings
from shared.migrations import migrations_dir
from shared.service import ServiceSpec

SERVICE = ServiceSpec(
    name="partners",
    settings_class=PartnersSettings,
    create_app=create_app,
    bootstrap=bootstrap,
    migrations_dir=migrations_dir(__file__),
)
