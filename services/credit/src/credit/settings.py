"""Credit settings: the only place the credit service reads its environment."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from pydantic import Field

from shared.settings import ServiceSettings


class CreditSettings(ServiceSettings):
    service_name: ClassVar[str] = "credit"
    default_http_port: ClassVar[int] = 8104

    office_name: str = Field(
        default="", description="The listing authority's name as published (defaults to the office code)"
    )
    credit_rules_file: Path | None = Field(
        default=None,
        description="TOML rule table (lists, measures, behaviours) replacing the bundled credit_rules.toml",
    )
    grade_rules_file: Path | None = Field(
        default=None,
        description="Local grading rules (TOML); without it no grade is computed here (§C.4)",
    )
    penalty_low_fine_threshold: Decimal | None = Field(
        default=None,
        ge=0,
        description="Fines up to this amount (CNY) are 'low' (3-month publication, Order 45 art. 13); set "
        "by the provincial SAMR. Unset: every fine gets the standard period.",
    )
    grade_source_priority: tuple[str, ...] = Field(
        default=("samr", "local_ip_scheme", "local_rules"),
        description="Which grade source wins when several have a current grade for a subject",
    )
    mediation_default_candidates: bool = Field(
        default=False,
        description="Open a CNIPA dishonesty candidate when a court-confirmed mediation agreement is not "
        "performed. Off by default: that default is not among the §C.1 grounds (the mapping to catalogue "
        "item 7 is [U]); turn on only where the local catalogue lists it.",
    )
    deadline_warning_working_days: int = Field(
        default=3,
        ge=0,
        le=20,
        description="Due-soon warnings this many working days before a duty's deadline",
    )
