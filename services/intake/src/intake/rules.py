"""Intake's rules: the acceptance and triage rule table, and what handlers know of this deployment.

The one place rules are loaded: the operator's table (``RULES_FILE``) or the bundled
``intake/data/rules.toml``, checked whole at start so a bad edit names its file and rule and stops
the service there.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

from intake.domain.acceptance import CHECKS, AcceptanceRule
from intake.domain.complaint import Severity
from intake.domain.errors import RuleTableInvalid
from intake.domain.triage import FACTS, RuleTable, TriageRule
from intake.domain.vocabulary import Track


@dataclass(frozen=True, slots=True, kw_only=True)
class IntakeRules:
    """The rule table plus the deployment facts the rules are applied with, built once at start."""

    table: RuleTable
    centre: str
    office_code: str = "000000"
    """The deployment's office (``OFFICE_CODE``): the office a complaint belongs to when none is known."""
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


def parse_rule_table(text: str, source: str) -> RuleTable:
    """Read a rule table; every problem names the file and the rule, so a bad edit fails at startup."""
    try:
        data = tomllib.loads(text)
        acceptance = _acceptance(data.get("acceptance", {}), source)
        triage = tuple(_triage_rule(raw, source) for raw in data.get("triage", []))
    except (tomllib.TOMLDecodeError, KeyError, ValueError, TypeError) as exc:
        raise RuleTableInvalid(f"{source}: {exc}", f"{source}：{exc}") from exc
    if not triage or triage[-1].when:
        raise RuleTableInvalid(f"{source}: the last triage rule must have no conditions (catch-all)")
    if len({r.id for r in triage}) != len(triage):
        raise RuleTableInvalid(f"{source}: triage rule ids must be unique")
    return RuleTable(acceptance=acceptance, triage=triage, source=source)


def _acceptance(raw: Mapping[str, Any], source: str) -> dict[str, AcceptanceRule]:
    unknown = set(raw) - set(CHECKS)
    missing = set(CHECKS) - set(raw)
    if unknown or missing:
        raise ValueError(f"acceptance rules unknown: {sorted(unknown)}, missing: {sorted(missing)}")
    return {
        rule_id: AcceptanceRule(id=rule_id, severity=Severity(entry["severity"]), basis=str(entry["basis"]))
        for rule_id, entry in raw.items()
    }


def _triage_rule(raw: Mapping[str, Any], source: str) -> TriageRule:
    when = {}
    for name, value in dict(raw.get("when", {})).items():
        if name not in FACTS:
            raise ValueError(f"rule {raw.get('id')!r}: unknown fact {name!r} (known: {', '.join(FACTS)})")
        when[name] = tuple(value) if isinstance(value, list) else (value,)
    return TriageRule(
        id=str(raw["id"]),
        track=Track(raw["track"]),
        procedure=raw.get("procedure"),
        reason=str(raw["reason"]),
        reason_zh=str(raw["reason_zh"]),
        basis=str(raw.get("basis", "")),
        when=when,
    )
