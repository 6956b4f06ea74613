"""One bilingual catalogue: the Chinese and English name of every state, transition, step, enum value,
reason and message a person reads.

Each service registers its own labels once, in ``<service>/domain/labels.py`` (imported by its domain
package), and ``shared`` registers the vocabulary every service shares (:mod:`shared.labels`).
Registration checks completeness: an enum whose labels miss a member, or name one it does not have,
fails at import, so a new state cannot ship without its Chinese name. The error mapper, the
validation-error mapper, the refusal of a transition, timelines and the ``allowed_*`` listings all
read from here; the HTTP layer picks one language by ``Accept-Language`` and still sends both.

English defaults to the identifier in words (``DOCKETED`` → "docketed", ``offer_to_sell`` → "offer to
sell") unless the registration gives a better one, or :func:`english` writes it out afterwards (a
service's labels module does, for every kind it registers); :func:`unwritten_english` lists what is
still the identifier in words, and tests/presentation fails on any. Chinese is always written out.
Pure Python, so domain code may use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import NamedTuple

__all__ = [
    "Term",
    "Text",
    "english",
    "enum_labels",
    "humanise",
    "label",
    "message",
    "message_labels",
    "pairs",
    "registered_enums",
    "registered_messages",
    "registered_transitions",
    "term",
    "term_labels",
    "terms_zh",
    "transition_label",
    "transition_labels",
    "unwritten_english",
]


class Text(NamedTuple):
    """One thing said in both languages."""

    zh: str
    en: str


class Term(str):
    """An identifier (``decide → DECIDED``) that carries what a person reads for it."""

    text: Text

    def __new__(cls, identifier: str, text: Text) -> Term:
        term = super().__new__(cls, identifier)
        term.text = text
        return term


_ENUMS: dict[type[Enum], dict[str, Text]] = {}
_TRANSITIONS: dict[type[Enum], dict[str, Text]] = {}
_MESSAGES: dict[str, Text] = {}
_BY_VALUE: dict[str, Text] = {}
_WRITTEN: set[tuple[type[Enum], str, str]] = set()
"""(kind, ``enum`` or ``transition``, identifier) whose English was written out, not defaulted."""


def humanise(identifier: str) -> str:
    """``DOCKETED`` → ``docketed``; ``CaseDocketed`` → ``case docketed``; ``a.b_c`` → ``a b c``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", identifier)
    return re.sub(r"[_.]+", " ", spaced).strip().lower()


def pairs(lines: str) -> dict[str, str]:
    """``identifier 中文名`` per line (blank lines skipped) → ``{identifier: 中文名}``."""
    found: dict[str, str] = {}
    for line in lines.strip().splitlines():
        if line.strip():
            identifier, _, name = line.strip().partition(" ")
            found[identifier] = name.strip()
    return found


def enum_labels(kind: type[Enum], zh: Mapping[str, str], en: Mapping[str, str] | None = None) -> None:
    """Register the names of every member of ``kind`` (keyed by value); all members, nothing else."""
    values = {str(member.value) for member in kind}
    _check(kind.__qualname__, values, zh, en)
    texts = {value: Text(zh[value], (en or {}).get(value, humanise(value))) for value in values}
    _ENUMS[kind] = texts
    _WRITTEN.update((kind, "enum", value) for value in (en or {}))
    for value, text in texts.items():
        _BY_VALUE.setdefault(value, text)


def transition_labels(states: type[Enum], zh: Mapping[str, str], en: Mapping[str, str] | None = None) -> None:
    """Register the names of the transitions of the state machine over ``states`` (keyed by name)."""
    english = en or {}
    texts = {name: Text(text, english.get(name, humanise(name))) for name, text in zh.items()}
    _TRANSITIONS[states] = texts
    _WRITTEN.update((states, "transition", name) for name in english if name in texts)
    for name, text in texts.items():
        _BY_VALUE.setdefault(name, text)


def english(entries: Mapping[str, str], *kinds: type[Enum]) -> None:
    """Write out the English of identifiers registered before for ``kinds`` (their enum values and,
    for a state enum, its transitions' names): ``{identifier: English}``, one text per identifier
    for all ``kinds`` (within one service an identifier means one thing). An identifier none of
    ``kinds`` has fails, so a typo or a removed value cannot linger."""
    unknown = set(entries)
    for kind in kinds:
        for table, what in ((_ENUMS, "enum"), (_TRANSITIONS, "transition")):
            texts = table.get(kind, {})
            for identifier, text in texts.items():
                if identifier not in entries:
                    continue
                written = Text(text.zh, entries[identifier])
                texts[identifier] = written
                if _BY_VALUE.get(identifier) == text:
                    _BY_VALUE[identifier] = written
                _WRITTEN.add((kind, what, identifier))
                unknown.discard(identifier)
    if unknown:
        raise ValueError(f"English for identifiers none of the kinds has: {sorted(unknown)}")


def unwritten_english() -> list[tuple[type[Enum], str, str]]:
    """(kind, ``enum`` or ``transition``, identifier) whose English is still the identifier in words."""
    found = []
    for table, what in ((_ENUMS, "enum"), (_TRANSITIONS, "transition")):
        for kind, texts in table.items():
            for identifier, text in texts.items():
                defaulted = text.en == humanise(identifier)
                if defaulted and (kind, what, identifier) not in _WRITTEN:
                    found.append((kind, what, identifier))
    return found


def message_labels(entries: Mapping[str, tuple[str, str]]) -> None:
    """Register messages by key: ``{"key": (zh, en)}``; ``{name}`` placeholders filled by :func:`message`."""
    for key, (zh, en) in entries.items():
        if key in _MESSAGES and _MESSAGES[key] != (zh, en):
            raise ValueError(f"message {key!r} is registered twice with different texts")
        _MESSAGES[key] = Text(zh, en)


def label(member: Enum) -> Text:
    """The names of one enum member (its identifier, in words, if it was never registered)."""
    texts = _ENUMS.get(type(member))
    value = str(member.value)
    if texts is not None and value in texts:
        return texts[value]
    return _BY_VALUE.get(value, Text(value, humanise(value)))


def term_labels(entries: Mapping[str, tuple[str, str]]) -> None:
    """Register identifiers no enum holds (a pseudo-state such as ``CORRECTED``): ``{id: (zh, en)}``."""
    for identifier, (zh, en) in entries.items():
        _BY_VALUE.setdefault(identifier, Text(zh, en))


def term(value: object) -> Text:
    """The names of an enum member, a :class:`Term`, a transition label (``decide → DECIDED``) or a
    plain identifier some enum registered (else the identifier itself)."""
    if isinstance(value, Term):
        return value.text
    if isinstance(value, Enum):
        return label(value)
    text = str(value)
    if text in _BY_VALUE:
        return _BY_VALUE[text]
    name, arrow, target = text.partition(" → ")
    if arrow:
        step, goal = _BY_VALUE.get(name, Text(name, name)), term(target)
        return Text(f"{step.zh}（→{goal.zh}）", f"{step.en} (→ {goal.en})")
    return Text(text, text)


def terms_zh(values: Iterable[object], separator: str = "、") -> str:
    return separator.join(term(v).zh for v in values)


def transition_label(states: type[Enum], name: str, target: Enum | None = None) -> Text:
    """A transition as a person reads it: ``立案（→ 已立案）`` / ``docket (→ docketed)``."""
    text = _TRANSITIONS.get(states, {}).get(name) or _BY_VALUE.get(name) or Text(name, humanise(name))
    if target is None:
        return text
    goal = label(target)
    return Text(f"{text.zh}（→{goal.zh}）", f"{text.en} (→ {goal.en})")


def message(key: str, /, **params: object) -> Text:
    """A registered message with its ``{placeholders}`` filled (enum members by their names)."""
    text = _MESSAGES[key]
    zh = {k: term(v).zh if isinstance(v, Enum) else v for k, v in params.items()}
    en = {k: term(v).en if isinstance(v, Enum) else v for k, v in params.items()}
    return Text(text.zh.format(**zh), text.en.format(**en))


def registered_enums() -> dict[type[Enum], dict[str, Text]]:
    return dict(_ENUMS)


def registered_transitions() -> dict[type[Enum], dict[str, Text]]:
    return dict(_TRANSITIONS)


def registered_messages() -> dict[str, Text]:
    return dict(_MESSAGES)


def _check(what: str, values: set[str], zh: Mapping[str, str], en: Mapping[str, str] | None) -> None:
    missing, extra = sorted(values - set(zh)), sorted(set(zh) - values)
    if missing or extra:
        raise ValueError(f"labels of {what}: missing {missing}, unknown {extra}")
    if en is not None and (unknown := sorted(set(en) - values)):
        raise ValueError(f"English labels of {what} name unknown values {unknown}")
    if blank := sorted(v for v in values if not zh[v].strip()):
        raise ValueError(f"labels of {what}: no Chinese for {blank}")
