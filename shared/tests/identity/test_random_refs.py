"""The random references tests use are valid by the rules the services now enforce."""

from __future__ import annotations

from shared.identifiers import normalise_patent_number, patent_number_problem, uscc_problem
from shared.testing.refs import random_patent_number, random_uscc


def test_random_patent_numbers_carry_their_check_character() -> None:
    for _ in range(500):
        number = random_patent_number()
        assert normalise_patent_number(number) == number
        assert patent_number_problem(number) is None, number


def test_random_credit_codes_are_valid() -> None:
    for _ in range(100):
        assert uscc_problem(random_uscc()) is None
