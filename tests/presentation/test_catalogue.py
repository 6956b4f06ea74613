"""One bilingual catalogue (issue 17): every enum, state, transition and registered term of every service
has a Chinese and an English name, and no Chinese name carries an English identifier."""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterator
from enum import Enum
from types import ModuleType

import pytest

from shared.catalogue import (
    label,
    registered_enums,
    registered_messages,
    registered_transitions,
    unwritten_english,
)
from shared.domain.lifecycle import TransitionTable
from shared.errors import InvalidTransition
from shared.web.validation_messages import zh_message

SERVICES = ("intake", "adjudication", "mediation", "credit")
PACKAGES = (*(f"{service}.domain" for service in SERVICES), "shared.domain", "shared.vocabulary")
CJK = re.compile(r"[\u4e00-\u9fff]")
ASCII_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.]+")


def modules(package: str) -> Iterator[ModuleType]:
    root = importlib.import_module(package)
    yield root
    for found in pkgutil.walk_packages(getattr(root, "__path__", []), f"{package}."):
        yield importlib.import_module(found.name)


def domain_enums() -> list[type[Enum]]:
    found: dict[type[Enum], None] = {}
    for package in PACKAGES:
        for module in modules(package):
            for value in vars(module).values():
                is_enum = isinstance(value, type) and issubclass(value, Enum)
                if is_enum and value.__module__ == module.__name__:
                    found[value] = None
    return list(found)


def transition_tables() -> list[TransitionTable[Enum]]:  # type: ignore[type-var]
    found: list[TransitionTable[Enum]] = []  # type: ignore[type-var]
    for package in PACKAGES:
        for module in modules(package):
            candidates = list(vars(module).values())
            candidates += [getattr(c, "TRANSITIONS", None) for c in candidates if isinstance(c, type)]
            tables = [c for c in candidates if isinstance(c, TransitionTable)]
            found += [t for t in tables if all(t is not f for f in found)]
    return found


ENUMS = domain_enums()
IDENTIFIERS = {str(m.value).lower() for kind in ENUMS for m in kind} | {
    name.lower() for table in transition_tables() for name in table.names()
}


def identifiers_in(chinese: str) -> list[str]:
    """English identifiers (of any enum value or transition) inside a Chinese text."""
    return [w for w in ASCII_WORD.findall(chinese) if len(w) > 1 and w.lower() in IDENTIFIERS]


def test_the_walk_finds_the_enums_and_tables_of_every_service() -> None:
    modules_of = {kind.__module__.split(".")[0] for kind in ENUMS}
    assert modules_of >= {*SERVICES, "shared"}
    assert len(ENUMS) > 100 and len(transition_tables()) > 20


@pytest.mark.parametrize("kind", ENUMS, ids=lambda k: f"{k.__module__}.{k.__qualname__}")
def test_every_enum_value_has_a_chinese_and_an_english_name(kind: type[Enum]) -> None:
    assert kind in registered_enums(), f"{kind.__qualname__} has no labels: add them to its labels.py"
    for member in kind:
        text = label(member)
        assert CJK.search(text.zh), f"{member!r}: no Chinese name ({text.zh!r})"
        assert text.en.strip(), f"{member!r}: no English name"
        assert identifiers_in(text.zh) == [], f"{member!r}: identifier inside {text.zh!r}"


def test_every_transition_of_every_state_machine_has_a_chinese_and_an_english_name() -> None:
    missing: list[str] = []
    for table in transition_tables():
        names = registered_transitions().get(table.states, {})
        for row in table:
            text = names.get(row.name)
            if text is None or not CJK.search(text.zh) or not text.en or identifiers_in(text.zh):
                missing.append(f"{table.states.__qualname__}.{row.name}")
    assert missing == []


def test_english_is_written_out_not_the_identifier_in_words() -> None:
    """Every state, transition, step and enum value reads as English a person wrote ("notified of
    proposed listing", "court-assigned mediation"), not as its identifier spelled out
    (``NOTICE_OF_PROPOSED_LISTING`` → "notice of proposed listing"), unless the labels module wrote
    that very text out on purpose (``english(...)``: "withdrawn" is the English of ``WITHDRAWN``)."""
    unwritten = [
        f"{kind.__module__}.{kind.__qualname__} {what} {identifier}"
        for kind, what, identifier in unwritten_english()
    ]
    assert unwritten == [], "write their English in the labels module with english(...)"


def test_english_that_is_written_out_replaces_the_default_everywhere() -> None:
    from credit.domain.record import RecordState
    from mediation.domain.states import MediationState
    from shared.catalogue import term, transition_label

    assert label(RecordState.NOTICE_OF_PROPOSED_LISTING).en == "notified of proposed listing"
    assert term("NOTICE_OF_PROPOSED_LISTING").en == "notified of proposed listing"
    assert label(MediationState.FAILED).en == "no settlement reached"
    assert transition_label(MediationState, "start", MediationState.IN_MEDIATION).en == (
        "start mediation (→ in mediation)"
    )


def test_every_registered_message_is_in_both_languages() -> None:
    for key, text in registered_messages().items():
        assert CJK.search(text.zh) and text.en and not identifiers_in(text.zh), key


def test_a_refused_transition_reads_as_chinese() -> None:
    """Issue 17: 「不能从 DOCKETED 转为 decide → DECIDED；当前允许：dismiss → …」."""
    from adjudication.domain.case.aggregate import Case
    from adjudication.domain.case.states import CaseState

    with pytest.raises(InvalidTransition) as refused:
        Case.TRANSITIONS.guard(CaseState.DOCKETED, "decide")

    chinese = refused.value.message_zh
    assert chinese.startswith("不能从“已立案”转为“作出裁决（→已裁决）”；当前允许："), chinese
    assert identifiers_in(chinese) == [], chinese
    assert "DOCKETED" in refused.value.message and "decide → DECIDED" in refused.value.message
    assert "decide → DECIDED" not in refused.value.allowed  # machine-readable list unchanged


def test_an_enum_validation_error_names_the_choices_in_chinese() -> None:
    """Issue 17: 「取值应为：'organisation' or 'individual'」."""
    assert zh_message("enum", {"expected": "'organisation' or 'individual'"}) == "取值应为：单位或自然人"
