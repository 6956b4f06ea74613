"""Credit settings: the only place the credit service reads its environment."""

from __future__ import annotations

from typing import ClassVar

from shared.settings import ServiceSettings


class CreditSettings(ServiceSettings):
    service_name: ClassVar[str] = "credit"
    default_http_port: ClassVar[int] = 8104
