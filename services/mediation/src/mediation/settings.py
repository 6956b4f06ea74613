"""Mediation settings: the only place the mediation service reads its environment."""

from __future__ import annotations

from typing import ClassVar

from shared.settings import ServiceSettings


class MediationSettings(ServiceSettings):
    service_name: ClassVar[str] = "mediation"
    default_http_port: ClassVar[int] = 8103
