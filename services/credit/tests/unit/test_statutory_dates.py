"""Listing dates come from the period catalogue for the office's province, never from code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from credit.domain.policy import PenaltyClass
from credit.domain.vocabulary import ListType
from credit.options import CreditOptions
from credit.rule_files import load_credit_rules
from credit.statutory_dates import StatutoryDates
from shared.calendar import catalogue

RULES = load_credit_rules()
ZHEJIANG, GUANGDONG = "330000", "440000"
HANGZHOU_CODE = "91330100MA27XXXX00"  # only characters 3–8 matter here
BEIJING_CODE = "91110000MA01XXXX00"


@pytest.fixture
def restore_catalogue() -> Iterator[None]:
    yield
    catalogue.set_default_catalogue(None)


def test_a_cnipa_listing_runs_12_months_with_repair_after_6_and_publication_within_20_wd() -> None:
    terms = StatutoryDates(ZHEJIANG).listing_terms(
        RULES.policy(ListType.CNIPA_DISHONEST),
        decided_on=dt.date(2026, 3, 2),
        decision_no="N1",
        penalty_class=None,
        credit_code=HANGZHOU_CODE,
    )

    assert terms.publication_due == dt.date(2026, 3, 30)  # Mon 2 Mar + 20 working days
    assert terms.period_end == dt.date(2027, 3, 2)
    assert terms.repair_eligible_from == dt.date(2026, 9, 2)
    assert "credit_commitment_unavailable" in {m.code for m in terms.measures}
    assert "fiscal_funding_ban" not in {m.code for m in terms.measures}  # a Guangdong rule only


def test_guangdong_adds_its_three_year_funding_ban_as_a_measure_of_its_own_length() -> None:
    terms = StatutoryDates(GUANGDONG).listing_terms(
        RULES.policy(ListType.SAMR_SERIOUS),
        decided_on=dt.date(2026, 3, 2),
        decision_no=None,
        penalty_class=None,
        credit_code=None,
    )
    ban = next(m for m in terms.measures if m.code == "fiscal_funding_ban")

    assert ban.ends_on == dt.date(2029, 3, 2)
    assert terms.period_end == dt.date(2029, 3, 2)
    assert terms.repair_eligible_from == dt.date(2027, 3, 2)


def test_penalty_publication_runs_from_publication_and_its_length_depends_on_the_penalty() -> None:
    policy = RULES.policy(ListType.PENALTY_PUBLICATION)
    dates = StatutoryDates(ZHEJIANG)
    terms = dates.listing_terms(
        policy,
        decided_on=dt.date(2026, 3, 2),
        decision_no="P1",
        penalty_class=PenaltyClass.STANDARD,
        credit_code=HANGZHOU_CODE,
    )

    assert terms.period_end is None and terms.repair_eligible_from is None
    assert terms.publication_due == dt.date(2026, 3, 30)
    published = dt.date(2026, 3, 10)
    low = dates.period_end_from_publication(policy, PenaltyClass.REPRIMAND_OR_LOW_FINE, published)
    assert low == dt.date(2026, 6, 10)
    assert dates.period_end_from_publication(policy, PenaltyClass.STANDARD, published) == dt.date(2029, 3, 12)


def test_a_subject_registered_in_another_province_is_pushed_within_10_wd() -> None:
    dates = StatutoryDates(ZHEJIANG)
    policy = RULES.policy(ListType.PENALTY_PUBLICATION)

    assert dates.is_cross_province(BEIJING_CODE) and not dates.is_cross_province(HANGZHOU_CODE)
    assert dates.publication_period(policy, BEIJING_CODE) == "credit.cross_province_push"
    assert StatutoryDates(None).publication_period(policy, BEIJING_CODE) == "credit.publication"


def test_an_operator_override_of_an_unverified_period_changes_the_window(
    tmp_path: Path, restore_catalogue: None
) -> None:
    override = tmp_path / "periods.toml"
    override.write_text('[[period]]\nname = "credit.listing_notice_window"\nlength = 7\nunit = "wd"\n')
    catalogue.set_default_catalogue(catalogue.load_catalogue(override))

    assert StatutoryDates(ZHEJIANG).deadline(
        "credit.listing_notice_window", dt.date(2026, 3, 2)
    ).due == dt.date(2026, 3, 11)


def test_the_repeat_look_back_window_defaults_to_five_years() -> None:
    assert StatutoryDates(None).lookback_end(dt.date(2026, 3, 2)) == dt.date(
        2031, 3, 3
    )  # 2 Mar 2031 is a Sunday


@pytest.mark.parametrize(
    ("fine", "threshold", "expected"),
    [
        (Decimal("5000"), Decimal("5000"), PenaltyClass.REPRIMAND_OR_LOW_FINE),  # 以下 includes the bound
        (Decimal("5000.01"), Decimal("5000"), PenaltyClass.STANDARD),
        (Decimal("100"), None, PenaltyClass.STANDARD),  # no provincial threshold configured
        (None, Decimal("5000"), PenaltyClass.STANDARD),
    ],
)
def test_a_low_fine_is_judged_against_the_provincial_threshold(
    fine: Decimal | None, threshold: Decimal | None, expected: PenaltyClass
) -> None:
    assert CreditOptions(office_code="330100", low_fine_threshold=threshold).penalty_class(fine) is expected
