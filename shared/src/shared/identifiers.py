"""Identifiers of parties: the unified social credit code (统一社会信用代码, GB 32100-2015).

A code has 18 characters from a 31-character alphabet (digits and upper-case letters without
I, O, S, V, Z): registration authority (1), organisation type (1), administrative division (6),
organisation code (9) and a check character computed over the first 17 with weights 3^i mod 31.
"""

from __future__ import annotations

import datetime as dt
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


# --- resident identity card numbers (公民身份号码, GB 11643-1999) ------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
ID_VISIBLE_HEAD, ID_VISIBLE_TAIL = 4, 4


def resident_id_check_character(first17: str) -> str:
    """The GB 11643 check character (0-9 or X) of the first 17 digits."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def resident_id_problem(number: str) -> str | None:
    """Why ``number`` (normalised) is not a valid resident ID number, or None if it is.

    18 characters: 17 digits and a check character; the first-generation 15-digit numbers have no
    check character and are accepted when all digits with a real date of birth (``YYMMDD`` in the
    1900s, positions 7–12).
    """
    if len(number) == 15:
        if not number.isdigit():
            return "a 15-character number must be all digits"
        if not _is_date(f"19{number[6:12]}"):
            return "positions 7-12 must be a date of birth (YYMMDD)"
        return None
    if len(number) != 18:
        return f"must be 18 characters (or 15 digits), got {len(number)}"
    if not (number[:17].isdigit() and (number[17].isdigit() or number[17] == "X")):
        return "must be 17 digits and a check digit or X"
    if resident_id_check_character(number[:17]) != number[17]:
        return "check character does not match (GB 11643)"
    return None


def _is_date(yyyymmdd: str) -> bool:
    try:
        dt.date(int(yyyymmdd[:4]), int(yyyymmdd[4:6]), int(yyyymmdd[6:8]))
    except ValueError:
        return False
    return True


def is_masked_id(value: str) -> bool:
    """A masked number: the length of an ID, digits/X with its whole middle hidden by ``*`` (10 of
    18 characters, 7 of a first-generation 15, exactly what :func:`mask_id_number` leaves)."""
    if len(value) not in (15, 18):
        return False
    head, tail = value[:ID_VISIBLE_HEAD], value[-ID_VISIBLE_TAIL:]
    middle = value[ID_VISIBLE_HEAD:-ID_VISIBLE_TAIL]
    return all(c in "0123456789X*" for c in head + tail) and set(middle) == {"*"}


class InvalidIdNumber(ValueError):
    """Neither a valid resident ID number nor one masked in the accepted form."""


def mask_id_number(raw: str) -> str:
    """The masked form of a personal ID number, which is all the system ever stores or sends.

    A full number is validated (GB 11643 check character) and masked here, keeping the first and
    last four characters; a number already masked is kept as given. Anything else is refused, so a
    full number can never be stored in a "masked" field.
    """
    value = normalise_uscc(raw)  # the same clean-up: spaces, full width, upper case
    if is_masked_id(value):
        return value
    problem = resident_id_problem(value)
    if problem is not None:
        raise InvalidIdNumber(problem)
    hidden = len(value) - ID_VISIBLE_HEAD - ID_VISIBLE_TAIL
    return value[:ID_VISIBLE_HEAD] + "*" * hidden + value[-ID_VISIBLE_TAIL:]


# --- patent application numbers (专利申请号) --------------------------------------------------------

_PATENT_TYPES = frozenset("12389")  # invention, utility model, design, PCT invention, PCT utility model


def patent_check_character(digits: str) -> str:
    """CNIPA check character: weights 2..9 repeating over the digits, sum mod 11, 10 -> X."""
    total = sum(int(d) * (2 + i % 8) for i, d in enumerate(digits))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def normalise_patent_number(raw: str) -> str:
    """``ZL 2023 1 0000001.5`` / ``cn202310000001.5`` -> ``ZL202310000001.5`` (no validation)."""
    text = normalise_uscc(raw).removeprefix("ZL").removeprefix("CN")
    return "ZL" + text


def patent_number_problem(number: str) -> str | None:
    """Why a normalised ``ZL…`` number is not a Chinese patent application number, or None.

    Since 2003 the number is 12 digits (year, type, 7-digit serial) and a check character; before,
    8 or 9 digits and a check character. The check character is always computed (CNIPA weights).
    """
    body = number.removeprefix("ZL")
    digits, dot, check = body.partition(".")
    if not dot or len(check) != 1:
        return "must end in a dot and its check character, e.g. ZL202310000001.5"
    if not digits.isdigit() or len(digits) not in (8, 9, 12):
        return "must have 12 digits (or 8/9 for applications before October 2003) before the dot"
    type_digit = digits[4] if len(digits) == 12 else digits[2]
    if type_digit not in _PATENT_TYPES:
        return f"type digit {type_digit} is not 1, 2, 3, 8 or 9"
    expected = patent_check_character(digits)
    if check != expected:
        return f"check character should be {expected}"
    return None


def trademark_number_problem(number: str) -> str | None:
    """A trademark registration number is 1 to 9 digits (``第12345678号`` is normalised first)."""
    if not number.isdigit() or not 1 <= len(number) <= 9:
        return "must be 1 to 9 digits"
    return None


def normalise_trademark_number(raw: str) -> str:
    return normalise_uscc(raw).removeprefix("第").removesuffix("号")
