"""Local grading rules, repeat-infringement look-back, and repair conditions."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from credit.domain.errors import InvalidCreditInput
from credit.domain.grades import CountWithin, Grade, GradeRule, GradeRuleSet, SubjectFacts, months_after
from credit.domain.repair import check_repair_conditions
from credit.domain.repeat import Finding, earlier_findings, normalise_right_number
from credit.domain.vocabulary import ListType
from credit.rules import example_grade_rules_path, load_credit_rules, load_grade_rules

TODAY = dt.date(2026, 6, 1)
SUBJECT = uuid.uuid4()
RULES = load_credit_rules()


def facts(**kwargs: object) -> SubjectFacts:
    return SubjectFacts(subject_id=SUBJECT, in_force=frozenset(), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("subject_facts", "grade", "rule"),
    [
        (
            SubjectFacts(SUBJECT, frozenset({ListType.SAMR_SERIOUS, ListType.CNIPA_DISHONEST})),
            Grade.D,
            "serious-list",
        ),
        (SubjectFacts(SUBJECT, frozenset({ListType.CNIPA_DISHONEST})), Grade.C, "dishonest"),
        (facts(repeat_flagged_on=(dt.date(2025, 1, 1),)), Grade.C, "repeat-infringer"),
        (facts(repeat_flagged_on=(dt.date(2024, 5, 1),)), Grade.A, "default"),  # older than 24 months
        (facts(commitments_breached_on=(dt.date(2026, 1, 1),)), Grade.B, "breached-commitment"),
        (facts(listed_on=(dt.date(2023, 7, 1),)), Grade.B, "recent-listing"),
        (facts(), Grade.A, "default"),
    ],
)
def test_the_first_matching_rule_grades(subject_facts: SubjectFacts, grade: Grade, rule: str) -> None:
    result = load_grade_rules(example_grade_rules_path()).grade(subject_facts, TODAY)

    assert (result.grade, result.rule_id, result.source) == (grade, rule, "local_rules")
    assert result.valid_until == dt.date(2026, 7, 1)


def test_all_conditions_of_a_rule_must_hold() -> None:
    rules = GradeRuleSet(
        "t",
        Grade.A,
        1,
        (GradeRule("both", Grade.D, "", frozenset({ListType.CNIPA_DISHONEST}), listings=CountWithin(2, 12)),),
    )
    one = SubjectFacts(SUBJECT, frozenset({ListType.CNIPA_DISHONEST}), listed_on=(dt.date(2026, 1, 1),))
    two = SubjectFacts(SUBJECT, one.in_force, listed_on=(dt.date(2026, 1, 1), dt.date(2026, 5, 1)))

    assert rules.grade(one, TODAY).grade is Grade.A
    assert rules.grade(two, TODAY).grade is Grade.D


def test_months_are_clamped_to_the_month_end() -> None:
    assert months_after(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert months_after(dt.date(2026, 3, 31), -1) == dt.date(2026, 2, 28)
    assert months_after(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)


def finding(decision: str, effective: dt.date, number: str = "ZL202310000001.X", **kw: object) -> Finding:
    return Finding(SUBJECT, "invention_patent", number, decision, effective, **kw)  # type: ignore[arg-type]


def five_years(day: dt.date) -> dt.date:
    return day.replace(year=day.year + 5)


def test_an_earlier_standing_finding_on_the_same_right_within_the_window_makes_a_repeat() -> None:
    new = finding("D3", dt.date(2026, 5, 1))
    known = [
        new,
        finding("D1", dt.date(2020, 4, 30)),  # window ended the day before
        finding("D2", dt.date(2021, 5, 1), number="ZL 2023 1 0000001.X"),  # same patent, written differently
        finding("D4", dt.date(2024, 1, 1), revoked=True),
        finding("D5", dt.date(2025, 1, 1), number="ZL202310000002.X"),
        finding("D6", dt.date(2027, 1, 1)),  # later, not earlier
    ]

    assert [f.decision_no for f in earlier_findings(new, known, five_years)] == ["D2"]


def test_right_numbers_are_compared_without_prefix_spaces_or_dots() -> None:
    assert normalise_right_number("ZL 2023 1 0000001.x") == normalise_right_number("2023100000 01X")


def test_binding_repair_conditions_must_all_be_met() -> None:
    policy = RULES.policy(ListType.PENALTY_PUBLICATION)
    confirmed = {c.code: True for c in policy.repair_conditions}

    assert check_repair_conditions(policy, confirmed, set()) == ()
    with pytest.raises(InvalidCreditInput) as refused:
        check_repair_conditions(policy, {**confirmed, "harm_removed": False}, set())
    assert [e.field for e in refused.value.field_errors] == ["conditions.harm_removed"]


def test_the_system_overrides_a_confirmation_it_can_disprove() -> None:
    policy = RULES.policy(ListType.PENALTY_PUBLICATION)
    confirmed = {c.code: True for c in policy.repair_conditions}

    with pytest.raises(InvalidCreditInput) as refused:
        check_repair_conditions(policy, confirmed, {ListType.SAMR_SERIOUS})
    assert [e.field for e in refused.value.field_errors] == ["conditions.not_on_serious_or_abnormal_list"]


def test_advisory_conditions_warn_and_unknown_ones_are_refused() -> None:
    policy = RULES.policy(ListType.SAMR_SERIOUS)

    warnings = check_repair_conditions(policy, {"penalty_performed": True}, set())
    assert len(warnings) == 2
    with pytest.raises(InvalidCreditInput, match="1 field"):
        check_repair_conditions(policy, {"paid_a_bribe": True}, set())
