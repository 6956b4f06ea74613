"""Listing dates come from the period catalogue for the office's province, never from code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from credit.domain.deadlines import Clocks
from credit.domain.listing import (
    ListingTerms,
    is_cross_province,
    lookback_end,
    period_from_publication,
    plan_listing,
    publication_period,
)
from credit.domain.policy import ListPolicy, PenaltyClass
from credit.domain.record import RecordState
from credit.domain.vocabulary import ListType
from credit.rules import CreditOptions, load_credit_rules
from credit.testing import record_in, step_at
from shared.calendar import catalogue

RULES = load_credit_rules()
ZHEJIANG, GUANGDONG = "330000", "440000"
HANGZHOU_CODE = "91330100MA27XXXX00"  # only characters 3–8 matter here
BEIJING_CODE = "91110000MA01XXXX00"


@pytest.fixture
def restore_catalogue() -> Iterator[None]:
    yield
    catalogue.set_default_catalogue(None)


def listing_terms(
    policy: ListPolicy,
    province: str,
    *,
    decided_on: dt.date,
    decision_no: str | None,
    penalty_class: PenaltyClass | None,
    credit_code: str | None,
) -> ListingTerms:
    """The terms a candidate on ``policy``'s list gets when listed on ``decided_on`` in ``province``."""
    plan = plan_listing(
        policy,
        decided_on=decided_on,
        decision_no=decision_no,
        penalty_class=penalty_class,
        credit_code=credit_code,
        province=province,
    )
    record = record_in(RecordState.CANDIDATE, requires_notice=False, notice=None, terms=None)
    record.decide_listing(plan, reasons="r", clocks=Clocks(province), step=step_at())
    assert record.terms is not None
    return record.terms


def test_a_cnipa_listing_runs_12_months_with_repair_after_6_and_publication_within_20_wd() -> None:
    terms = listing_terms(
        RULES.policy(ListType.CNIPA_DISHONEST),
        ZHEJIANG,
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
    terms = listing_terms(
        RULES.policy(ListType.SAMR_SERIOUS),
        GUANGDONG,
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
    terms = listing_terms(
        policy,
        ZHEJIANG,
        decided_on=dt.date(2026, 3, 2),
        decision_no="P1",
        penalty_class=PenaltyClass.STANDARD,
        credit_code=HANGZHOU_CODE,
    )

    assert terms.period_end is None and terms.repair_eligible_from is None
    assert terms.publication_due == dt.date(2026, 3, 30)
    published = dt.date(2026, 3, 10)
    low = period_from_publication(policy, PenaltyClass.REPRIMAND_OR_LOW_FINE)
    standard = period_from_publication(policy, PenaltyClass.STANDARD)
    assert low is not None and standard is not None
    assert catalogue.deadline(low, published, province=ZHEJIANG).due == dt.date(2026, 6, 10)
    assert catalogue.deadline(standard, published, province=ZHEJIANG).due == dt.date(2029, 3, 12)


def test_a_subject_registered_in_another_province_is_pushed_within_10_wd() -> None:
    policy = RULES.policy(ListType.PENALTY_PUBLICATION)

    assert is_cross_province(BEIJING_CODE, ZHEJIANG) and not is_cross_province(HANGZHOU_CODE, ZHEJIANG)
    assert publication_period(policy, BEIJING_CODE, ZHEJIANG) == "credit.cross_province_push"
    assert publication_period(policy, BEIJING_CODE, None) == "credit.publication"


def test_an_operator_override_of_an_unverified_period_changes_the_window(
    tmp_path: Path, restore_catalogue: None
) -> None:
    override = tmp_path / "periods.toml"
    override.write_text('[[period]]\nname = "credit.listing_notice_window"\nlength = 7\nunit = "wd"\n')
    catalogue.set_default_catalogue(catalogue.load_catalogue(override))

    record = record_in(RecordState.CANDIDATE, notice=None)
    record.issue_notice(
        served_on=dt.date(2026, 3, 2),
        reasons="r",
        period="credit.listing_notice_window",
        clocks=Clocks(ZHEJIANG),
        step=step_at(),
    )

    assert record.notice is not None and record.notice.window_ends_on == dt.date(2026, 3, 11)


def test_the_repeat_look_back_window_defaults_to_five_years() -> None:
    assert lookback_end(dt.date(2026, 3, 2), None) == dt.date(2031, 3, 3)  # 2 Mar 2031 is a Sunday


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
