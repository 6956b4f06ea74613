"""Load the ``confirmation_eligible`` rule table (TOML) into the domain's :class:`ConfirmationRules`.

Only a verified rule (confidence ``V``) may block an application; a file that makes an unverified
rule blocking is refused at startup (domain-rules §0.1: [U] rules are never hard validation).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from mediation.domain.agreement import TermKind
from mediation.domain.eligibility import ConfirmationRules, EligibilityRule, RuleEffect
from mediation.domain.errors import ConfigurationError
from mediation.domain.kinds import MediationKind

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "confirmation_rules.toml"


def load_confirmation_rules(path: Path | None = None) -> ConfirmationRules:
    source = path or BUNDLED
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
