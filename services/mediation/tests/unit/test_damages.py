"""The damages calculator (§A.13; 专利法 arts. 71, 77; 商标法 arts. 63, 64; 著作权法 arts. 54, 59): each rule
with its article, and properties over generated inputs (monotone in every amount and multiple; statutory
damages within the inclusive range; punitive damages between 1x and 5x of the base)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mediation.domain.damages import (
    LAWS,
    BaseMethod,
    DamagesInput,
    DamagesInputError,
    DamagesLaw,
    compute_damages,
)

K = Decimal
P, T, C = DamagesLaw.PATENT, DamagesLaw.TRADEMARK, DamagesLaw.COPYRIGHT


def test_patent_base_is_the_loss_or_the_gains_then_the_licence_fee_multiple() -> None:
    # 专利法 art. 71 ¶1: 实际损失或者侵权人因侵权所获得的利益确定；
    # 难以确定的，参照该专利许可使用费的倍数合理确定.
    both = compute_damages(DamagesInput(law=P, actual_loss=K(100000), infringer_gains=K(150000)))
    assert (both.method, both.total) == (BaseMethod.INFRINGER_GAINS, K("150000.00"))
    fee = compute_damages(DamagesInput(law=P, licence_fee=K(20000), licence_fee_multiple=K(3)))
    assert (fee.method, fee.total) == (BaseMethod.LICENCE_FEE_MULTIPLE, K("60000.00"))


def test_trademark_takes_the_loss_first() -> None:
    # 商标法 art. 63 ¶1: 按照权利人因被侵权所受到的实际损失确定；
    # 实际损失难以确定的，可以按照侵权人因侵权所获得的利益确定.
    result = compute_damages(DamagesInput(law=T, actual_loss=K(100000), infringer_gains=K(150000)))
    assert (result.method, result.total) == (BaseMethod.ACTUAL_LOSS, K("100000.00"))


@pytest.mark.parametrize(
    ("law", "estimate", "expected"),
    [
        (P, None, K(30000)),  # 专利法 art. 71 ¶2: 三万元以上五百万元以下
        (P, K(29999), K(30000)),
        (P, K(30000), K(30000)),
        (P, K(5000000), K(5000000)),
        (P, K("5000000.01"), K(5000000)),
        (C, K(499), K(500)),  # 著作权法 art. 54 ¶2: 五百元以上五百万元以下
        (T, K(6000000), K(5000000)),  # 商标法 art. 63 ¶3: 五百万元以下
    ],
)
def test_statutory_damages_stay_within_the_inclusive_range(
    law: DamagesLaw, estimate: Decimal | None, expected: Decimal
) -> None:
    result = compute_damages(DamagesInput(law=law, statutory_estimate=estimate))
    assert (result.method, result.compensation) == (BaseMethod.STATUTORY, expected)


def test_punitive_damages_for_wilful_serious_infringement_exclude_costs_from_the_base() -> None:
    # 专利法 art. 71 ¶1 (一倍以上五倍以下); SPC Punitive Damages Interpretation art. 5 (基数不包括合理开支).
    given_ = DamagesInput(
        law=P,
        actual_loss=K(100000),
        wilful=True,
        serious=True,
        punitive_multiple=K(3),
        reasonable_costs=K(20000),
    )
    assert compute_damages(given_).total == K("320000.00")
    assert compute_damages(given_, punitive_additive=True).total == K("420000.00")
    assert compute_damages(dataclasses.replace(given_, serious=False)).total == K("120000.00")
    with pytest.raises(DamagesInputError, match="1 to 5"):
        compute_damages(dataclasses.replace(given_, punitive_multiple=K("5.01")))


def test_no_punitive_multiple_on_statutory_damages() -> None:
    result = compute_damages(DamagesInput(law=P, wilful=True, serious=True, punitive_multiple=K(5)))
    assert not result.punitive_applied and result.total == K(30000)
    assert [s.code for s in result.steps] == ["statutory", "no_punitive_on_statutory"]


def test_a_lawful_source_seller_owes_nothing() -> None:
    # 专利法 art. 77: 能证明该产品合法来源的，不承担赔偿责任.
    result = compute_damages(
        DamagesInput(law=P, actual_loss=K(100000), lawful_source=True, reasonable_costs=K(5))
    )
    assert (result.total, result.method) == (K(0), BaseMethod.NONE_LAWFUL_SOURCE)
    assert result.steps[0].basis[0].article == "77"


def test_every_step_is_explained_in_both_languages_with_its_article() -> None:
    result = compute_damages(
        DamagesInput(
            law=C,
            infringer_gains=K(1000),
            wilful=True,
            serious=True,
            punitive_multiple=K(2),
            reasonable_costs=K(300),
        )
    )
    assert [s.code for s in result.steps] == ["infringer_gains", "punitive", "reasonable_costs"]
    assert all(s.explanation and s.explanation_zh and s.basis for s in result.steps)


amounts = st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False)
optional = st.none() | amounts
multiples = st.decimals(min_value=1, max_value=5, places=2)
fee_multiples = st.decimals(min_value=K("0.01"), max_value=10, places=2)


@st.composite
def inputs(draw: Any) -> DamagesInput:
    return DamagesInput(
        law=draw(st.sampled_from(DamagesLaw)),
        actual_loss=draw(optional),
        infringer_gains=draw(optional),
        licence_fee=draw(optional),
        licence_fee_multiple=draw(fee_multiples),
        wilful=draw(st.booleans()),
        serious=draw(st.booleans()),
        punitive_multiple=draw(multiples),
        statutory_estimate=draw(optional),
        reasonable_costs=draw(amounts),
        lawful_source=draw(st.booleans()),
    )


NUMERIC = {
    "actual_loss": amounts,
    "infringer_gains": amounts,
    "licence_fee": amounts,
    "licence_fee_multiple": fee_multiples,
    "punitive_multiple": multiples,
    "statutory_estimate": amounts,
    "reasonable_costs": amounts,
}


@settings(max_examples=300, deadline=None)
@given(given_=inputs(), field=st.sampled_from(sorted(NUMERIC)), data=st.data(), additive=st.booleans())
def test_the_total_is_monotone_in_every_amount_and_multiple(
    given_: DamagesInput, field: str, data: Any, additive: bool
) -> None:
    a, b = data.draw(NUMERIC[field]), data.draw(NUMERIC[field])
    low, high = sorted((a, b))
    smaller = compute_damages(dataclasses.replace(given_, **{field: low}), punitive_additive=additive)
    larger = compute_damages(dataclasses.replace(given_, **{field: high}), punitive_additive=additive)
    assert smaller.total <= larger.total


@settings(max_examples=300, deadline=None)
@given(given_=inputs(), additive=st.booleans())
def test_the_total_stays_within_the_statutory_and_punitive_bounds(
    given_: DamagesInput, additive: bool
) -> None:
    result = compute_damages(given_, punitive_additive=additive)
    if given_.lawful_source:
        assert result.total == 0
        return
    assert result.total == result.compensation + result.reasonable_costs
    if result.method is BaseMethod.STATUTORY:
        rng = LAWS[given_.law].statutory
        assert rng.minimum <= result.compensation <= rng.maximum and not result.punitive_applied
    elif result.punitive_applied:
        top = 6 if additive else 5
        assert result.base <= result.compensation <= result.base * top + K("0.01")
    else:
        assert result.compensation == result.base
