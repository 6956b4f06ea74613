"""Export the contracts' JSON Schemas and refuse backwards-incompatible changes to published ones.

The committed folder ``shared/contracts/schemas/`` is the published language: one file per contract
(``<type>.v<version>.json``). A change is compatible only if every event valid under the committed
schema is still valid under the new one *and* vice versa, apart from new optional properties and
documentation. So: no removed or renamed property, no newly required or no-longer-required one, no
changed type, enum or constraint. Anything else is a new contract version.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from shared.contracts.base import DEFAULT_SCHEMA_BASE_URL, EventData, registered_contracts, schema_uri

SCHEMA_DIR = Path(__file__).parent / "schemas"
_ANNOTATIONS = frozenset({"title", "description", "default", "examples", "$id", "$comment"})
_STRUCTURE = frozenset({"properties", "required", "items", "prefixItems", "anyOf", "oneOf", "allOf", "$ref"})
Schema = Mapping[str, Any]


def schema_file(contract: type[EventData], directory: Path = SCHEMA_DIR) -> Path:
    return directory / f"{contract.event_type}.v{contract.version}.json"


def contract_schema(contract: type[EventData], *, base: str | None = None) -> dict[str, Any]:
    """The JSON Schema consumers validate against, tagged with the contract's type and topic.

    Its ``$id`` is under ``base``, by default the base this process was configured with (what a
    service serves); the committed files use :data:`DEFAULT_SCHEMA_BASE_URL`.
    """
    schema = contract.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_uri(contract.event_type, contract.version, base=base),
        "x-ipcase-event-type": contract.event_type,
        "x-ipcase-version": contract.version,
        "x-ipcase-topic": contract.topic,
        **schema,
    }


def render(schema: Schema) -> str:
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def breaking_changes(published: Schema, candidate: Schema) -> list[str]:
    """Every incompatibility between a published schema and a candidate, as readable sentences."""
    return list(_compare(published, candidate, published, candidate, "$"))


def check_all(directory: Path = SCHEMA_DIR) -> dict[str, list[str]]:
    """Problems per schema file: missing, incompatible, or compatible but not re-exported."""
    problems: dict[str, list[str]] = {}
    for contract in registered_contracts():
        path = schema_file(contract, directory)
        candidate = contract_schema(contract, base=DEFAULT_SCHEMA_BASE_URL)
        if not path.exists():
            problems[path.name] = ["not exported yet: run `make schemas` and commit the file"]
            continue
        published = json.loads(path.read_text(encoding="utf-8"))
        if breaking := breaking_changes(published, candidate):
            problems[path.name] = [*breaking, "breaking change: publish a new version (…V2) instead"]
        elif render(published) != render(candidate):
            problems[path.name] = ["compatible change not exported: run `make schemas` and commit"]
    return problems


def export_all(directory: Path = SCHEMA_DIR, *, force: bool = False) -> list[Path]:
    """Write every contract's schema; a breaking change to a published file needs ``force``."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for contract in registered_contracts():
        path = schema_file(contract, directory)
        candidate = contract_schema(contract, base=DEFAULT_SCHEMA_BASE_URL)
        if path.exists() and not force:
            published = json.loads(path.read_text(encoding="utf-8"))
            if breaking := breaking_changes(published, candidate):
                raise ValueError(f"{path.name} would break published consumers: {'; '.join(breaking)}")
        path.write_text(render(candidate), encoding="utf-8")
        written.append(path)
    return written


def _resolve(node: Schema, root: Schema) -> Schema:
    while "$ref" in node:
        name = str(node["$ref"]).rsplit("/", 1)[-1]
        node = root.get("$defs", {}).get(name, {})
    return node


def _compare(old: Schema, new: Schema, old_root: Schema, new_root: Schema, path: str) -> Iterator[str]:
    old, new = _resolve(old, old_root), _resolve(new, new_root)
    yield from _compare_keywords(old, new, path)
    yield from _compare_properties(old, new, old_root, new_root, path)
    for keyword in ("items", "additionalProperties"):
        if isinstance(old.get(keyword), Mapping) and isinstance(new.get(keyword), Mapping):
            yield from _compare(old[keyword], new[keyword], old_root, new_root, f"{path}[{keyword}]")
    for keyword in ("anyOf", "oneOf", "allOf", "prefixItems"):
        old_variants, new_variants = old.get(keyword, []), new.get(keyword, [])
        if len(old_variants) != len(new_variants):
            yield f"{path}: {keyword} changed from {len(old_variants)} to {len(new_variants)} alternatives"
            continue
        for index, (o, n) in enumerate(zip(old_variants, new_variants, strict=True)):
            yield from _compare(o, n, old_root, new_root, f"{path}.{keyword}[{index}]")


def _compare_keywords(old: Schema, new: Schema, path: str) -> Iterator[str]:
    ignored = _ANNOTATIONS | _STRUCTURE | {"$defs", "$schema"}
    for keyword in sorted((old.keys() | new.keys()) - ignored):
        if keyword.startswith("x-ipcase-"):
            continue
        if isinstance(old.get(keyword), Mapping) or isinstance(new.get(keyword), Mapping):
            continue  # nested schemas (items, additionalProperties) are compared structurally
        if old.get(keyword) != new.get(keyword):
            yield f"{path}: '{keyword}' changed from {old.get(keyword)!r} to {new.get(keyword)!r}"


def _compare_properties(
    old: Schema, new: Schema, old_root: Schema, new_root: Schema, path: str
) -> Iterator[str]:
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
    for name in sorted(old_props.keys() - new_props.keys()):
        yield f"{path}.{name}: property removed"
    for name in sorted(new_required - old_required):
        what = "existing property became" if name in old_props else "new property is"
        yield f"{path}.{name}: {what} required (old events do not have it)"
    for name in sorted((old_required - new_required) & new_props.keys()):
        yield f"{path}.{name}: became optional (old consumers require it)"
    for name in sorted(old_props.keys() & new_props.keys()):
        yield from _compare(old_props[name], new_props[name], old_root, new_root, f"{path}.{name}")
