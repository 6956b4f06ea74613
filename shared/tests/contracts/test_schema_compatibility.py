"""Published JSON Schemas: every contract is exported, and incompatible changes are refused."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from shared.contracts import registered_contracts
from shared.contracts.schemas import breaking_changes, check_all, contract_schema


def test_every_contract_is_exported_and_matches_the_committed_schema() -> None:
    assert check_all() == {}


def test_every_registered_contract_has_a_topic_and_a_version() -> None:
    for contract in registered_contracts():
        assert contract.topic and contract.version >= 1, contract.__qualname__
        assert contract.__name__.endswith(f"V{contract.version}"), contract.__qualname__


PUBLISHED: dict[str, Any] = {
    "type": "object",
    "properties": {
        "case_id": {"type": "string", "format": "uuid"},
        "state": {"$ref": "#/$defs/State"},
        "note": {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None},
        "parties": {"type": "array", "items": {"$ref": "#/$defs/Party"}},
    },
    "required": ["case_id", "state", "parties"],
    "$defs": {
        "State": {"enum": ["OPEN", "CLOSED"], "type": "string"},
        "Party": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
    },
}


def changed(edit: Any) -> dict[str, Any]:
    schema = copy.deepcopy(PUBLISHED)
    edit(schema)
    return schema


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        pytest.param(lambda s: s["properties"].pop("note"), "note: property removed", id="removed-property"),
        pytest.param(
            lambda s: (s["properties"].update(court={"type": "string"}), s["required"].append("court")),
            "court: new property is required",
            id="new-required-property",
        ),
        pytest.param(
            lambda s: s["required"].remove("state"), "state: became optional", id="required-to-optional"
        ),
        pytest.param(
            lambda s: s["properties"]["case_id"].update(type="integer"), "'type' changed", id="type-change"
        ),
        pytest.param(
            lambda s: s["$defs"]["State"]["enum"].append("ARCHIVED"), "'enum' changed", id="enum-widened"
        ),
        pytest.param(
            lambda s: s["$defs"]["State"]["enum"].remove("CLOSED"), "'enum' changed", id="enum-narrowed"
        ),
        pytest.param(
            lambda s: s["$defs"]["Party"]["required"].append("credit_code"),
            "credit_code: new property is required",
            id="nested-in-array-items",
        ),
        pytest.param(
            lambda s: s["properties"]["note"]["anyOf"].append({"type": "integer"}),
            "anyOf changed from 2 to 3",
            id="union-widened",
        ),
    ],
)
def test_incompatible_changes_are_named(edit: Any, expected: str) -> None:
    problems = breaking_changes(PUBLISHED, changed(edit))
    assert any(expected in problem for problem in problems), problems


def test_a_new_optional_property_and_new_documentation_are_compatible() -> None:
    def edit(schema: dict[str, Any]) -> None:
        schema["properties"]["court"] = {"anyOf": [{"type": "string"}, {"type": "null"}], "default": None}
        schema["properties"]["case_id"]["description"] = "The case"
        schema["$defs"]["Party"]["title"] = "Party"

    assert breaking_changes(PUBLISHED, changed(edit)) == []


def test_the_real_contracts_are_compatible_with_themselves() -> None:
    for contract in registered_contracts():
        schema = contract_schema(contract)
        assert breaking_changes(schema, copy.deepcopy(schema)) == [], contract.__qualname__
