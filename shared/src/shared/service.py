"""How the platform finds the services: each one registers a :class:`ServiceSpec` as an entry point.

A service's ``pyproject.toml`` declares ``[project.entry-points."ipcase.services"]``, so the CLI, the
dev stack and the tests discover the four services without a hard-coded list in ``shared``.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from importlib.metadata import entry_points
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from shared.settings import ServiceSettings
from shared.web.health import ServiceContainer

ENTRY_POINT_GROUP = "ipcase.services"


@dataclass(frozen=True, slots=True)
class ServiceSpec:
    name: str
    settings_class: type[ServiceSettings]
    create_app: Callable[[Any], FastAPI]
    bootstrap: Callable[[Any], AbstractAsyncContextManager[ServiceContainer]]
    migrations_dir: Path

    @property
    def port(self) -> int:
        return self.settings_class.default_http_port

    def settings(self, **overrides: Any) -> ServiceSettings:
        """Settings from the environment, with ``overrides`` taking precedence (tests, dev stack)."""
        return self.settings_class(**overrides)


def discover_services() -> dict[str, ServiceSpec]:
    """Every installed service, ordered by port (intake, adjudication, mediation, credit)."""
    specs = [entry.load() for entry in entry_points(group=ENTRY_POINT_GROUP)]
    for spec in specs:
        if not isinstance(spec, ServiceSpec):
            raise TypeError(f"{spec!r} registered under {ENTRY_POINT_GROUP} is not a ServiceSpec")
    return {spec.name: spec for spec in sorted(specs, key=lambda s: s.port)}


def get_service(name: str) -> ServiceSpec:
    services = discover_services()
    if name not in services:
        raise KeyError(f"unknown service {name!r}; known: {', '.join(services)}")
    return services[name]
