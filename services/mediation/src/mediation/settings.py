"""Mediation settings: the only place the mediation service reads its environment."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from pydantic import Field

from shared.settings import ServiceSettings


class MediationSettings(ServiceSettings):
    service_name: ClassVar[str] = "mediation"
    default_http_port: ClassVar[int] = 8103
    consumes_court_messages: ClassVar[bool] = True

    court_directory_file: Path | None = Field(
        default=None,
        description="TOML court directory for judicial confirmation (default: the bundled sample)",
    )
    confirmation_rules_file: Path | None = Field(
        default=None,
        description="TOML rule table for confirmation_eligible (default: the bundled rules)",
    )
    deadline_warning_working_days: int = Field(
        default=3, ge=0, description="Due-soon warning before statutory deadlines (0: none)"
    )
    confirmation_reminder_working_days: int = Field(
        default=5, ge=0, description="Reminder before the 30-day confirmation window closes (0: none)"
    )
    instalment_reminder_working_days: int = Field(
        default=3, ge=0, description="Reminder before an instalment falls due (0: none)"
    )
    enforcement_reminder_working_days: int = Field(
        default=20, ge=0, description="Reminder before the 2-year enforcement period (CPL art. 250) ends"
    )
