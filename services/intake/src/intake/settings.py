"""Intake settings: the only place the intake service reads its environment."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from pydantic import Field

from shared.settings import ServiceSettings

DEFAULT_MEDIA_TYPES = (
    "application/pdf",
    "image/jpeg",
    "image/png",
    "image/tiff",
    "video/mp4",
    "audio/mpeg",
    "text/plain",
    "application/zip",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


class IntakeSettings(ServiceSettings):
    service_name: ClassVar[str] = "intake"
    default_http_port: ClassVar[int] = 8101
    consumes_court_messages: ClassVar[bool] = True  # customs messages forwarded by the partners gateway

    centre_code: str = Field(
        default="", description="This protection centre's code (queue filter); defaults to OFFICE_CODE"
    )
    rules_file: Path | None = Field(
        default=None,
        description="Acceptance and triage rule table replacing the bundled intake/data/rules.toml",
    )
    evidence_dir: Path = Field(
        default=Path(".data/intake/evidence"), description="Where evidence files are kept"
    )
    evidence_max_bytes: int = Field(default=50 * 1024 * 1024, ge=1)
    evidence_media_types: tuple[str, ...] = Field(
        default=DEFAULT_MEDIA_TYPES, description="Media types accepted as evidence"
    )
    clamd_host: str | None = Field(
        default=None,
        description="Virus scanner (clamd INSTREAM) for evidence files; none: files are not scanned",
    )
    clamd_port: int = Field(default=3310, ge=1, le=65535)
    clamd_timeout: timedelta = Field(default=timedelta(seconds=30), description="A scan taking longer waits")
    import_dir: Path = Field(
        default=Path(".data/intake/imports"), description="Uploaded registry import files"
    )
    import_max_bytes: int = Field(default=500 * 1024 * 1024, ge=1)
    import_batch_size: int = Field(default=2000, ge=1, le=20000)
    import_poll_interval: timedelta = Field(default=timedelta(seconds=1))
    complaint_import_batch_size: int = Field(
        default=500, ge=1, le=5000, description="Rows of a complaint import registered per transaction"
    )
    complaint_import_rows_per_second: float = Field(
        default=500.0,
        ge=0,
        description="Most rows a complaint import registers per second (each routed complaint is an "
        "event downstream must take in); 0: as fast as the database allows",
    )
    deadline_warn_working_days: int = Field(
        default=2, ge=0, description="Working days before a due day that the queue marks an item due soon"
    )
    # customs (§E): the guarantee tiers are [P] and the general guarantee [P]/[U]: defaults from §E.3
    customs_office_code: str = Field(
        default="", description="Office whose staff handle detentions of centre clients' rights; OFFICE_CODE"
    )
    customs_tier_full_value_below: Decimal = Field(default=Decimal(20000), gt=0)
    customs_tier_mid_upper: Decimal = Field(default=Decimal(200000), gt=0)
    customs_tier_mid_rate: Decimal = Field(default=Decimal("0.5"), gt=0, le=1)
    customs_tier_mid_minimum: Decimal = Field(default=Decimal(20000), ge=0)
    customs_tier_high_fixed: Decimal = Field(default=Decimal(100000), gt=0)
    customs_general_guarantee_minimum: Decimal = Field(default=Decimal(200000), gt=0)
    customs_tiers_binding: bool = Field(
        default=False, description="Refuse (not only warn about) an ex officio guarantee below its tier"
    )
    customs_warn_holder_working_days: int = Field(default=1, ge=0, le=2)
    customs_warn_release_working_days: int = Field(default=5, ge=0, le=19)

    @property
    def centre(self) -> str:
        return self.centre_code or self.office_code
