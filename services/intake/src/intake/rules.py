"""What handlers need to know about this deployment, built once from settings in the bootstrap."""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from intake.domain.triage import RuleTable, parse_rule_table


@dataclass(frozen=True, slots=True, kw_only=True)
class IntakeConfig:
    rules: RuleTable
    centre: str
    office_region_code: str | None
    province: str | None
    media_types: frozenset[str]
    warn_working_days: int


def load_rules(path: Path | None) -> RuleTable:
    """The operator's rule table if one is configured, else the bundled one; malformed fails loudly."""
    if path is not None:
        return parse_rule_table(path.read_text(encoding="utf-8"), str(path))
    return parse_rule_table(bundled_rules_text(), "bundled intake/data/rules.toml")


def bundled_rules_text() -> str:
    return (files("intake") / "data" / "rules.toml").read_text(encoding="utf-8")
