"""The service's policy inputs that handlers need: data files and settings, loaded once at startup."""

from __future__ import annotations

from dataclasses import dataclass

from mediation.adapters.confirmation_rules import load_confirmation_rules
from mediation.adapters.court_directory import load_court_directory
from mediation.domain.competence import CourtDirectory
from mediation.domain.eligibility import ConfirmationRules
from mediation.settings import MediationSettings


@dataclass(frozen=True, slots=True, kw_only=True)
class MediationRules:
    province: str | None
    courts: CourtDirectory
    confirmation: ConfirmationRules
    warning_working_days: int = 3
    confirmation_reminder_working_days: int = 5
    instalment_reminder_working_days: int = 3
    enforcement_reminder_working_days: int = 20

    @classmethod
    def from_settings(cls, settings: MediationSettings) -> MediationRules:
        return cls(
            province=settings.province_code,
            courts=load_court_directory(settings.court_directory_file),
            confirmation=load_confirmation_rules(settings.confirmation_rules_file),
            warning_working_days=settings.deadline_warning_working_days,
            confirmation_reminder_working_days=settings.confirmation_reminder_working_days,
            instalment_reminder_working_days=settings.instalment_reminder_working_days,
            enforcement_reminder_working_days=settings.enforcement_reminder_working_days,
        )
