"""Adjudication settings: the only place the adjudication service reads its environment."""

from __future__ import annotations

from typing import ClassVar

from shared.settings import ServiceSettings


class AdjudicationSettings(ServiceSettings):
    service_name: ClassVar[str] = "adjudication"
    default_http_port: ClassVar[int] = 8102
