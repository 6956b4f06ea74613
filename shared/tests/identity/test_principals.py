"""Offices roll up: county ⊂ city ⊂ province ⊂ national."""

from __future__ import annotations

import pytest

from shared.identity.principals import DivisionLevel, covers, division_level


@pytest.mark.parametrize(
    ("office", "level"),
    [
        ("000000", DivisionLevel.NATIONAL),
        ("330000", DivisionLevel.PROVINCE),
        ("330100", DivisionLevel.CITY),
        ("330106", DivisionLevel.COUNTY),
        ("110101-IPO", DivisionLevel.COUNTY),
    ],
)
def test_the_level_comes_from_the_division_code(office: str, level: DivisionLevel) -> None:
    assert division_level(office) is level


@pytest.mark.parametrize(
    ("scope", "office", "seen"),
    [
        ("000000", "330106", True),
        ("330000", "330106", True),
        ("330000", "320106", False),
        ("330100", "330106", True),
        ("330100", "330200", False),
        ("330106", "330106", True),
        ("330106", "330100", False),  # a district does not see its city
        ("330106", "330000", False),
    ],
)
def test_an_office_sees_what_its_division_contains(scope: str, office: str, seen: bool) -> None:
    assert covers(scope, office) is seen


def test_an_office_code_must_start_with_a_division_code() -> None:
    with pytest.raises(ValueError):
        division_level("Hangzhou")
