"""Random, valid references for tests, so tests never collide and never need cleanup."""

from __future__ import annotations

import random
import uuid

from shared.identifiers import ALPHABET, patent_check_character, uscc_check_character


def random_uscc() -> str:
    """A syntactically valid unified social credit code (GB 32100 check character included)."""
    body = "91" + random.choice(["110000", "310000", "330100", "440300"])
    body += "".join(random.choice(ALPHABET) for _ in range(9))
    return body + uscc_check_character(body)


def random_name(prefix: str = "测试科技") -> str:
    return f"{prefix}{uuid.uuid4().hex[:6]}有限公司"


def random_patent_number() -> str:
    """A valid 2023 application number (invention, utility model, design or PCT), check character included."""
    digits = f"2023{random.choice('12389')}{random.randint(0, 9_999_999):07d}"
    return f"ZL{digits}.{patent_check_character(digits)}"
