"""The one place for mediation's rules: the data files and settings handlers need, loaded once at startup.

* the court directory (``COURT_DIRECTORY_FILE``, default the bundled sample ``data/courts.toml``):
  which courts exist, the regions they cover, and the IP types that go to intermediate courts;
* the ``confirmation_eligible`` rule table (``CONFIRMATION_RULES_FILE``, default
  ``data/confirmation_rules.toml``). Only a verified rule (confidence ``V``) may block an
  application: a file that makes an unverified rule blocking is refused at startup (domain-rules
  §0.1: [U] rules are never hard validation);
* the deadline settings (province for the period catalogue, due-soon warnings and reminders);
* the deployment's office (``OFFICE_CODE``): the office a case belongs to when where it came from
  names none.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mediation.domain.agreement import RuleEffect, TermKind
from mediation.domain.competence import Court, CourtDirectory, CourtLevel
from mediation.domain.deadlines import Timing
from mediation.domain.eligibility import ConfirmationRules, EligibilityRule
from mediation.domain.errors import ConfigurationError
from mediation.domain.kinds import MediationKind
from mediation.settings import MediationSettings
from shared.identity.principals import NATIONAL_OFFICE
from shared.vocabulary import IpType

DATA = Path(__file__).resolve().parent / "data"
BUNDLED_COURTS = DATA / "courts.toml"
BUNDLED_CONFIRMATION_RULES = DATA / "confirmation_rules.toml"


@dataclass(frozen=True, slots=True, kw_only=True)
class MediationRules:
    courts: CourtDirectory
    confirmation: ConfirmationRules
    timing: Timing = field(default_factory=Timing)
    office_code: str = NATIONAL_OFFICE
    punitive_additive: bool = False
    """Damages calculator: the punitive multiple is added to the base (else it gives the total) [U]."""

    @classmethod
    def from_settings(cls, settings: MediationSettings) -> MediationRules:
        return cls(
            courts=load_court_directory(settings.court_directory_file),
            confirmation=load_confirmation_rules(settings.confirmation_rules_file),
            timing=Timing(
                province=settings.province_code,
                warning_working_days=settings.deadline_warning_working_days,
                confirmation_reminder_working_days=settings.confirmation_reminder_working_days,
                instalment_reminder_working_days=settings.instalment_reminder_working_days,
                enforcement_reminder_working_days=settings.enforcement_reminder_working_days,
            ),
            office_code=settings.office_code,
            punitive_additive=settings.damages_punitive_additive,
        )


# ------------------------------------------------------------------ the court directory


def load_court_directory(path: Path | None = None) -> CourtDirectory:
    """The directory in ``path`` (default: the bundled sample; a deployment supplies its province's)."""
    source = path or BUNDLED_COURTS
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        jurisdiction = data["jurisdiction"]
        courts = tuple(_court(entry) for entry in data["court"])
        directory = CourtDirectory(
            courts=courts,
            intermediate_ip_types=frozenset(IpType(t) for t in jurisdiction["intermediate_ip_types"]),
            intermediate_basis=str(jurisdiction["basis"]),
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
        raise ConfigurationError(
            f"court directory {source}: {exc!r}", f"法院名录 {source} 有误：{exc!r}"
        ) from exc
    codes = [c.code for c in courts]
    if len(codes) != len(set(codes)):
        raise ConfigurationError(
            f"court directory {source}: duplicate court codes", f"法院名录 {source} 法院代码重复"
        )
    return directory


def _court(entry: Mapping[str, Any]) -> Court:
    return Court(
        code=str(entry["code"]),
        name=str(entry["name"]),
        level=CourtLevel(entry["level"]),
        regions=tuple(str(r) for r in entry.get("regions", ())),
        ip_regions=tuple(str(r) for r in entry.get("ip_regions", ())),
    )


# ------------------------------------------------------------------ the confirmation rule table


def load_confirmation_rules(path: Path | None = None) -> ConfirmationRules:
    source = path or BUNDLED_CONFIRMATION_RULES
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
        terms = {TermKind(e["term"]): _rule(e) for e in data.get("term", ())}
        kinds = {MediationKind(e["kind"]): _rule(e) for e in data.get("kind", ())}
    except (OSError, tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
        raise ConfigurationError(
            f"confirmation rules {source}: {exc!r}", f"司法确认规则 {source} 有误：{exc!r}"
        ) from exc
    for rule in (*terms.values(), *kinds.values()):
        if rule.effect is RuleEffect.INELIGIBLE and rule.confidence != "V":
            raise ConfigurationError(
                f"confirmation rules {source}: an unverified rule cannot block ({rule.basis})",
                f"司法确认规则 {source}：未经核实的规则不能作为禁止性规则（{rule.basis}）",
            )
    return ConfirmationRules(terms=terms, kinds=kinds)


def _rule(entry: Mapping[str, Any]) -> EligibilityRule:
    return EligibilityRule(
        effect=RuleEffect(entry["effect"]),
        reason=str(entry["reason"]),
        reason_zh=str(entry["reason_zh"]),
        basis=str(entry["basis"]),
        confidence=str(entry["confidence"]),
    )
