"""The credit rule table and the local grading rules load from data, and bad files fail at startup."""

from __future__ import annotations

from pathlib import Path

import pytest

from credit.domain.errors import InvalidCreditInput
from credit.domain.policy import COMMITMENT_EXCLUSION, PenaltyClass, PeriodStart
from credit.domain.vocabulary import BehaviourCode, ListType
from credit.rules import RuleFileError, example_grade_rules_path, load_credit_rules, load_grade_rules

BUNDLED = Path(__file__).parents[2] / "src" / "credit" / "data" / "credit_rules.toml"


def test_the_bundled_table_covers_every_list_and_behaviour() -> None:
    rules = load_credit_rules()

    assert set(rules.lists) == set(ListType)
    assert set(rules.behaviours) == set(BehaviourCode)
    assert rules.policy(ListType.CNIPA_DISHONEST).excludes_commitments
    assert rules.policy(ListType.SAMR_SERIOUS).excludes_commitments


def test_penalty_publication_follows_order_45() -> None:
    policy = load_credit_rules().policy(ListType.PENALTY_PUBLICATION)

    assert not policy.requires_notice  # the party was told when the penalty was served (art. 8)
    assert policy.period_starts is PeriodStart.PUBLICATION
    assert policy.listing_period_for(PenaltyClass.REPRIMAND_OR_LOW_FINE) == "credit.penalty_publication_low"
    assert policy.listing_period_for(PenaltyClass.STANDARD) == "credit.penalty_publication_standard"
    assert policy.repair_conditions_binding  # art. 14 is verified text
    assert not policy.repair_available_for(PenaltyClass.SERIOUS)
    assert COMMITMENT_EXCLUSION not in {m.code for m in policy.measures}


def test_a_behaviour_goes_to_its_default_list_or_an_allowed_one_only() -> None:
    rules = load_credit_rules()

    assert (
        rules.list_for(BehaviourCode.REFUSAL_TO_PERFORM, None, field="x").list_type
        is ListType.CNIPA_DISHONEST
    )
    # §C.2: the SAMR serious list needs a heavier administrative penalty first; repeat or wilful
    # infringement goes to the CNIPA list unless an officer asks for SAMR on a penalty decision.
    for behaviour in (BehaviourCode.REPEAT_INFRINGEMENT, BehaviourCode.WILFUL_INFRINGEMENT):
        assert rules.list_for(behaviour, None, field="x").list_type is ListType.CNIPA_DISHONEST
        adjudicated = rules.list_for(behaviour, None, field="x", decision_type="adjudication_decision")
        assert adjudicated.list_type is ListType.CNIPA_DISHONEST
    serious = BehaviourCode.SERIOUS_AGENCY_VIOLATION  # SAMR first, but only on a penalty decision
    assert rules.list_for(serious, None, field="x", decision_type="penalty_decision").list_type is (
        ListType.SAMR_SERIOUS
    )
    assert rules.list_for(serious, None, field="x", decision_type="adjudication_decision").list_type is (
        ListType.CNIPA_DISHONEST
    )
    with pytest.raises(InvalidCreditInput) as refused:  # its only list is SAMR's: no list admits it
        rules.list_for(
            BehaviourCode.UNFAIR_COMPETITION, None, field="list_type", decision_type="adjudication_decision"
        )
    assert refused.value.field_errors[0].code == "decision_type_not_admitted"
    with pytest.raises(InvalidCreditInput) as refused:
        rules.list_for(BehaviourCode.FALSE_MATERIALS, ListType.SAMR_SERIOUS, field="list_type")
    assert refused.value.field_errors[0].field == "list_type"


def broken(tmp_path: Path, old: str, new: str) -> Path:
    text = BUNDLED.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "rules.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "complaint"),
    [
        (
            'listing_period = "credit.listing_period_cnipa"',
            'listing_period = "credit.no_such_period"',
            "no_such",
        ),
        ("[behaviours.other_penalty]", "[behaviours.other_penalty_typo]", "other_penalty"),
        ('notice_period = "credit.listing_notice_window"\n', "", "notice_period"),
        ("requires_notice = true", "requires_notice = 'yes'", "requires_notice"),
    ],
)
def test_a_broken_rule_file_is_refused_with_a_reason(
    tmp_path: Path, old: str, new: str, complaint: str
) -> None:
    with pytest.raises(RuleFileError, match=complaint):
        load_credit_rules(broken(tmp_path, old, new))


def test_the_example_grading_rules_load_in_order() -> None:
    rules = load_grade_rules(example_grade_rules_path())
    assert [r.id for r in rules.rules][:2] == ["serious-list", "dishonest"]


def test_grading_rules_must_be_valid(tmp_path: Path) -> None:
    path = tmp_path / "grades.toml"
    path.write_text('name = "x"\ndefault_grade = "E"\nvalidity_months = 1\n[[rule]]\nid = "a"\ngrade = "A"\n')
    with pytest.raises(RuleFileError, match="default_grade"):
        load_grade_rules(path)
