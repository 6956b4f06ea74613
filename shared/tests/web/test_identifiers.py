"""Unified social credit codes (GB 32100) and name normalisation."""

from __future__ import annotations

import pytest

from shared.identifiers import is_valid_uscc, normalise_name, normalise_uscc, uscc_problem
from shared.testing.refs import random_uscc


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600001760P"])
def test_known_codes_are_valid(code: str) -> None:
    assert is_valid_uscc(code)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        ("91350100M000100Y44", "check character"),
        ("91350100M000100Y4", "18 characters"),
        ("91350100M000100YI3", "not allowed"),
    ],
)
def test_invalid_codes_say_why(code: str, reason: str) -> None:
    assert reason in (uscc_problem(code) or "")


def test_pasted_codes_are_normalised() -> None:
    assert normalise_uscc(" ９１３５０１００ｍ000100y43 ") == "91350100M000100Y43"


def test_random_codes_are_valid() -> None:
    assert all(is_valid_uscc(random_uscc()) for _ in range(200))


def test_names_match_across_width_and_spacing() -> None:
    assert normalise_name("杭州 某某科技有限公司（分公司）") == normalise_name("杭州某某科技有限公司(分公司)")
    assert normalise_name("ＡＢＣ Ltd") == normalise_name("abc ltd")
