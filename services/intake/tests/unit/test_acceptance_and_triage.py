"""Acceptance checks (§A.3) and the bundled triage rule table (§A.9, §D): each rule, explained."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from intake.domain.acceptance import AcceptanceContext, assess
from intake.domain.complaint import (
    ClaimedRight,
    Listing,
    Outcome,
    Severity,
    SimpleCriteria,
    TradeFairDetails,
    outcome,
)
from intake.domain.errors import RuleTableInvalid
from intake.domain.parties import PartyRole
from intake.domain.rights import Verification, VerificationStatus
from intake.domain.triage import decide, facts_of, simple_procedure_gaps
from intake.domain.vocabulary import Capacity, Channel, EvaluationReport, Track
from intake.rules import bundled_rules_text, load_rules, parse_rule_table
from intake.testing import NOW, complaint, party
from shared.vocabulary import IpType, RequestedProcedure

RULES = load_rules(None)
TODAY = NOW.date()
VERIFIED = Verification(status=VerificationStatus.VERIFIED, reason="ok", reason_zh="ok", holder="x")


def _rules_fired(**overrides: Any) -> dict[str, Severity]:
    ctx = AcceptanceContext(
        today=TODAY,
        limitation_ends=overrides.pop("limitation_ends", None),
        office_province=overrides.pop("province", None),
    )
    return {f.rule: f.severity for f in assess(complaint(**overrides), RULES.acceptance, ctx)}


def _um(report: EvaluationReport) -> tuple[ClaimedRight, ...]:
    return (ClaimedRight(ip_type=IpType.UTILITY_MODEL, number="ZL202320000001.0", evaluation_report=report),)


@pytest.mark.parametrize(
    ("overrides", "rule", "severity"),
    [
        ({"court_action_pending": True}, "court_action_pending", Severity.BLOCK),
        ({"respondents": (party(credit_code=None),)}, "respondent_identified", Severity.CORRECTION),
        (
            {"ip_type": IpType.UTILITY_MODEL, "rights": _um(EvaluationReport.NONE)},
            "evaluation_report_missing",
            Severity.CORRECTION,
        ),
        (
            {"ip_type": IpType.UTILITY_MODEL, "rights": _um(EvaluationReport.REQUESTED)},
            "evaluation_report_requested",
            Severity.WARNING,
        ),
        (
            {"complainant": party(PartyRole.COMPLAINANT, capacity=Capacity.EXCLUSIVE_LICENSEE)},
            "licence_contract_missing",
            Severity.CORRECTION,
        ),
        (
            {
                "complainant": party(
                    PartyRole.COMPLAINANT,
                    capacity=Capacity.ORDINARY_LICENSEE_AUTHORISED,
                    licence_contract_ref="L-1",
                )
            },
            "ordinary_licensee",
            Severity.WARNING,
        ),
        ({"agent": party(PartyRole.AGENT)}, "agent_authority_missing", Severity.CORRECTION),
        ({"limitation_ends": TODAY - dt.timedelta(days=1)}, "limitation_expired", Severity.WARNING),
        ({"other_office_filings": ("上海市知识产权局",)}, "filed_with_other_office", Severity.WARNING),
        (
            {"province": "330000", "respondents": (party(region_code="110105"),)},
            "outside_jurisdiction",
            Severity.WARNING,
        ),
    ],
)
def test_each_acceptance_rule_fires_with_its_configured_severity(
    overrides: dict[str, Any], rule: str, severity: Severity
) -> None:
    fired = _rules_fired(**overrides)
    assert fired.get(rule) is severity, fired


@pytest.mark.parametrize(
    ("status", "rule", "expected"),
    [
        (VerificationStatus.UNKNOWN, "right_unverified", Outcome.ACCEPT),
        (VerificationStatus.HOLDER_MISMATCH, "right_holder_mismatch", Outcome.CORRECTION),
        (VerificationStatus.LAPSED, "right_lapsed", Outcome.CORRECTION),
    ],
)
def test_verification_results_are_explained_acceptance_issues(
    status: VerificationStatus, rule: str, expected: Outcome
) -> None:
    right = ClaimedRight(
        ip_type=IpType.INVENTION_PATENT,
        number="ZL1",
        verification=Verification(status=status, reason="why", reason_zh="为何"),
    )
    findings = assess(complaint(rights=(right,)), RULES.acceptance, AcceptanceContext(today=TODAY))
    assert [f.rule for f in findings] == [rule]
    assert findings[0].message == "ZL1: why" and findings[0].basis
    assert outcome(findings) is expected


def test_a_clean_complaint_is_accepted_and_in_office_jurisdiction_is_quiet() -> None:
    assert _rules_fired(province="330000", respondents=(party(region_code="330106"),)) == {}


def test_a_rule_switched_off_in_the_table_never_fires() -> None:
    text = bundled_rules_text()
    table = parse_rule_table(
        text.replace(
            '[acceptance.court_action_pending]\nseverity = "block"',
            '[acceptance.court_action_pending]\nseverity = "off"',
        ),
        "t",
    )
    findings = assess(complaint(court_action_pending=True), table.acceptance, AcceptanceContext(today=TODAY))
    assert findings == ()


def _eligible(**overrides: Any) -> Any:
    return complaint(
        rights=(ClaimedRight(ip_type=IpType.INVENTION_PATENT, number="ZL9", verification=VERIFIED),),
        simple_criteria=SimpleCriteria(facts_clear=True, rights_clear=True, evidence_sufficient=True),
        **overrides,
    )


@pytest.mark.parametrize(
    ("c", "track", "rule"),
    [
        (complaint(suspected_crime=True, channel=Channel.TRADE_FAIR), Track.REFER_POLICE, "suspected_crime"),
        (complaint(public_law_violation=True), Track.REFER_ENFORCEMENT, "public_law_violation"),
        (
            complaint(channel=Channel.TRADE_FAIR, trade_fair=TradeFairDetails(fair_name="f", session="1")),
            Track.TRADE_FAIR,
            "trade_fair_station",
        ),
        (
            complaint(channel=Channel.ECOMMERCE_PLATFORM, listings=(Listing(platform="tb", listing_id="1"),)),
            Track.ECOMMERCE_OPINION,
            "ecommerce_platform_request",
        ),
        (complaint(requested_procedure=RequestedProcedure.MEDIATION), Track.MEDIATION, "mediation_requested"),
        (complaint(both_parties_willing_to_mediate=True), Track.MEDIATION, "both_willing_to_mediate"),
        (complaint(major_case=True), Track.GREEN_CHANNEL, "major_case_green_channel"),
        (_eligible(), Track.SIMPLE_PROCEDURE, "simple_procedure_candidate"),
        (complaint(), Track.ORDINARY_ADJUDICATION, "ordinary_patent_adjudication"),
        # Issue 18: trademark, GI and copyright complaints become penalty cases; other rights are referred.
        (complaint(ip_type=IpType.TRADEMARK), Track.PENALTY_CASE, "trademark_penalty_case"),
        (complaint(ip_type=IpType.GEOGRAPHICAL_INDICATION), Track.PENALTY_CASE, "trademark_penalty_case"),
        (complaint(ip_type=IpType.COPYRIGHT), Track.PENALTY_CASE, "copyright_penalty_case"),
        (complaint(ip_type=IpType.IC_LAYOUT_DESIGN), Track.REFER_ENFORCEMENT, "other_rights_enforcement"),
    ],
)
def test_the_bundled_rule_table_sends_each_kind_to_its_track(c: Any, track: Track, rule: str) -> None:
    decision = decide(c, RULES)
    assert (decision.track, decision.rule) == (track, rule)
    assert decision.reason and decision.reason_zh
    assert set(decision.facts) <= set(facts_of(c))


def test_the_decision_records_the_facts_its_rule_looked_at() -> None:
    decision = decide(complaint(major_case=True), RULES)
    assert decision.facts == {"major_case": True, "is_patent": True}
    assert (decision.destination, decision.procedure) == ("adjudication", "green_channel")


def test_simple_procedure_gaps_name_each_missing_criterion() -> None:
    um = ClaimedRight(
        ip_type=IpType.UTILITY_MODEL, number="ZL2", verification=VERIFIED, invalidation_pending=True
    )
    gaps = simple_procedure_gaps(complaint(rights=(um,)))
    assert gaps == [
        "facts_clear",
        "rights_clear",
        "evidence_sufficient",
        "no_invalidation_pending:ZL2",
        "evaluation_report_without_defect:ZL2",
    ]
    assert simple_procedure_gaps(_eligible()) == []
    assert simple_procedure_gaps(
        replace(_eligible(), rights=(replace(_eligible().rights[0], verification=None),))
    )


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace(
                '[[triage]]\nid = "no_track"', '[[triage]]\nid = "no_track"\nwhen = { major_case = true }'
            ),
            "catch-all",
        ),
        (
            lambda t: t.replace("when = { major_case = true, is_patent = true }", "when = { colour = true }"),
            "unknown fact",
        ),
        (
            lambda t: t.replace("[acceptance.limitation_expired]", "[acceptance.limitation_gone]"),
            "acceptance rules",
        ),
        (lambda t: t.replace('track = "green_channel"', 'track = "nowhere"'), "nowhere"),
        (lambda t: t + "\n[[triage]\n", "rules"),
    ],
)
def test_a_malformed_rule_table_is_refused_with_the_reason(edit: Any, message: str) -> None:
    text = bundled_rules_text()
    with pytest.raises(RuleTableInvalid) as refused:
        parse_rule_table(edit(text), "operator.toml")
    assert "operator.toml" in refused.value.message
