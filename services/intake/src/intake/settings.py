"""Intake settings: the only place the intake service reads its environment."""

from __future__ import annotations

from typing import ClassVar

from shared.settings import ServiceSettings


class IntakeSettings(ServiceSettings):
    service_name: ClassVar[str] = "intake"
    default_http_port: ClassVar[int] = 8101
