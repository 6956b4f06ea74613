"""Adjudication settings: the only place the adjudication service reads its environment."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import ClassVar

from pydantic import Field

from shared.calendar import NoticeReading, PausePolicy
from shared.settings import ServiceSettings


class AdjudicationSettings(ServiceSettings):
    service_name: ClassVar[str] = "adjudication"
    default_http_port: ClassVar[int] = 8102
    consumes_court_messages: ClassVar[bool] = True

    office_name: str = Field(
        default="知识产权局", description="Issuing office as printed on documents, e.g. 浙江省知识产权局"
    )
    office_abbreviation: str | None = Field(
        default=None,
        description="Short name in docket numbers (浙); by default the province's standard abbreviation",
    )
    national_office: bool = Field(
        default=False,
        description="This office is CNIPA: it takes disputes of national significance (专利法 art. 70 ¶1)",
    )
    deadline_warning_working_days: int = Field(
        default=3, ge=0, description="Due-soon warnings this many working days before an office deadline"
    )
    hearing_notice_reading: NoticeReading = Field(
        default=NoticeReading.CONSERVATIVE, description="How to read 'notice at least N WD before' (§G.3)"
    )
    close_clock_pause_policy: PausePolicy = Field(
        default=PausePolicy.EXTEND_BY_PAUSED_CALENDAR_DAYS,
        description="How suspension, appraisal and publication move the closing deadline (Open Question 8)",
    )
    repeat_infringement_lookback_months: int = Field(
        default=60,
        ge=1,
        description="Look-back window for repeat infringement (Open Question 14; TM Law 5 y)",
    )
    panel_minimum_size: int = Field(
        default=3, ge=1, description="Handlers per panel below which a decision is flagged ([U] art. 11)"
    )
    penalty_large_amount_individual: Decimal = Field(
        default=Decimal("5000"),
        ge=0,
        description="行政处罚法 art. 63: a fine or confiscation from this amount (RMB) gives an individual "
        "a hearing right ([U]/[P]; conservative default, below SAMR's 10,000)",
    )
    penalty_large_amount_organisation: Decimal = Field(
        default=Decimal("50000"),
        ge=0,
        description="The same for an organisation ([U]/[P]; conservative default, below SAMR's 100,000)",
    )
    participation_rules_file: Path | None = Field(
        default=None, description="TOML rule table replacing the bundled stage-participation bars"
    )
