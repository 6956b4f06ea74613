"""The language of what the API says to a person: ``Accept-Language`` (RFC 9110 §12.5.4), Chinese by default.

Two languages are offered, ``zh`` and ``en``. The highest-weighted range that matches one wins
(``zh-CN``, ``zh-Hans`` and ``zh`` are Chinese; ``en-GB`` is English; ``*`` is the default); equal
weights go to the one listed first; ``q=0`` refuses a language. No header, or nothing acceptable,
is Chinese: the staff of a Chinese office read Chinese.
"""

from __future__ import annotations

from enum import StrEnum

from starlette.requests import HTTPConnection

from shared.catalogue import Text


class Language(StrEnum):
    ZH = "zh"
    EN = "en"


DEFAULT_LANGUAGE = Language.ZH
CONTENT_LANGUAGE = {Language.ZH: "zh-CN", Language.EN: "en"}
MAX_RANGES = 20
"""Ranges read from one header (a longer list is someone's fuzzer, not a browser)."""


def negotiate(header: str | None) -> Language:
    """The language ``header`` prefers among ours (:data:`DEFAULT_LANGUAGE` if none)."""
    best: tuple[float, int, Language] | None = None
    refused: set[Language] = set()
    for position, item in enumerate((header or "").split(",")[:MAX_RANGES]):
        tag, _, params = item.strip().partition(";")
        language = _language(tag.strip().lower())
        weight = _weight(params)
        if language is None or weight is None:
            continue
        if weight == 0:
            refused.add(language)
            continue
        if best is None or weight > best[0]:
            best = (weight, position, language)
    if best is not None and best[2] not in refused:
        return best[2]
    allowed = [lang for lang in (DEFAULT_LANGUAGE, Language.EN) if lang not in refused]
    return allowed[0] if allowed else DEFAULT_LANGUAGE


def request_language(connection: HTTPConnection) -> Language:
    return negotiate(connection.headers.get("accept-language"))


def pick(text: Text | tuple[str, str], language: Language) -> str:
    """``text`` (Chinese, English) in ``language``."""
    return text[0] if language is Language.ZH else text[1]


def _language(tag: str) -> Language | None:
    if tag == "*":
        return DEFAULT_LANGUAGE
    primary = tag.split("-", 1)[0]
    return Language(primary) if primary in {"zh", "en"} else None


def _weight(params: str) -> float | None:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                weight = float(value)
            except ValueError:
                return None
            return weight if 0 <= weight <= 1 else None
    return 1.0
