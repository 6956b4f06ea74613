"""Can this agreement be judicially confirmed? The ``confirmation_eligible`` rule with its reasons.

The verified rule is Interp. art. 355(5): a court does not accept an application whose content
confirms ownership or validity of IP. How strictly courts read it for terms that only touch validity
(no-challenge clauses) is open (domain-rules Open Question 11), and whether administrative mediation
agreements may be confirmed at all is a local pilot (Open Question 10). So the rules are data
(``data/confirmation_rules.toml``): an *ineligible* rule blocks the application and must be
verified (confidence V); anything less only warns.

The judgement itself (:class:`~mediation.domain.agreement.Eligibility`, its findings and their effect)
is kept on the agreement, so it lives in :mod:`mediation.domain.agreement`: the rules read the
agreement's content, the agreement never needs the rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from mediation.domain.agreement import AgreementContent, Eligibility, Finding, RuleEffect, TermKind
from mediation.domain.kinds import MediationKind


@dataclass(frozen=True, slots=True, kw_only=True)
class EligibilityRule:
    effect: RuleEffect
    reason: str
    reason_zh: str
    basis: str
    confidence: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfirmationRules:
    terms: Mapping[TermKind, EligibilityRule] = field(default_factory=dict)
    kinds: Mapping[MediationKind, EligibilityRule] = field(default_factory=dict)


ENTRUSTED_ROUTE = Finding(
    code="entrusted_route",
    effect=RuleEffect.INELIGIBLE,
    reason=(
        "An entrusted (委托) mediation's agreement goes back to the trial court, which reviews it and "
        "issues a mediation document (调解书); judicial confirmation is not the route"
    ),
    reason_zh="委托调解达成的协议由受诉法院审查并出具调解书，不适用司法确认程序",
    basis="最高人民法院关于人民法院特邀调解的规定 art. 20",
)


def assess(content: AgreementContent, kind: MediationKind, rules: ConfirmationRules) -> Eligibility:
    """Judge the content against the rules; the result lists every finding with its basis."""
    findings: list[Finding] = []
    if kind is MediationKind.COURT_ENTRUSTED:
        findings.append(ENTRUSTED_ROUTE)
    kind_rule = rules.kinds.get(kind)
    if kind_rule is not None:
        findings.append(_finding(f"kind:{kind.value}", kind_rule))
    for index, term in enumerate(content.terms):
        rule = rules.terms.get(term.kind)
        if rule is not None:
            findings.append(_finding(f"term:{term.kind.value}", rule, term_index=index))
    return Eligibility(tuple(findings))


def _finding(code: str, rule: EligibilityRule, term_index: int | None = None) -> Finding:
    return Finding(
        code=code,
        effect=rule.effect,
        reason=rule.reason,
        reason_zh=rule.reason_zh,
        basis=rule.basis,
        term_index=term_index,
    )
