"""Identifiers of parties: the unified social credit code (统一社会信用代码, GB 32100-2015).

A code has 18 characters from a 31-character alphabet (digits and upper-case letters without
I, O, S, V, Z): registration authority (1), organisation type (1), administrative division (6),
organisation code (9) and a check character computed over the first 17 with weights 3^i mod 31.
"""

from __future__ import annotations

import unicodedata

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUES = {char: value for value, char in enumerate(ALPHABET)}
_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
LENGTH = 18


def uscc_check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a code."""
    total = sum(_VALUES[char] * weight for char, weight in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalise_uscc(raw: str) -> str:
    """Upper-case and strip spaces and full-width characters users paste from documents."""
    halfwidth = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in raw)
    return "".join(halfwidth.split()).upper()


def uscc_problem(code: str) -> str | None:
    """Why ``code`` (already normalised) is not a valid USCC, or None if it is valid."""
    if len(code) != LENGTH:
        return f"must be {LENGTH} characters, got {len(code)}"
    if bad := sorted({c for c in code if c not in _VALUES}):
        return f"contains characters not allowed in a credit code: {''.join(bad)}"
    if uscc_check_character(code[:17]) != code[17]:
        return "check character does not match (GB 32100)"
    return None


def is_valid_uscc(code: str) -> bool:
    return uscc_problem(code) is None


def normalise_name(raw: str) -> str:
    """A party name reduced for matching: NFKC (full width to half width), no spaces, upper case.

    ``杭州 某某科技有限公司（分公司）`` and ``杭州某某科技有限公司(分公司)`` compare equal.
    """
    return "".join(unicodedata.normalize("NFKC", raw).split()).upper()
