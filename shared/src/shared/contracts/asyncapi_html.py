"""A self-contained HTML page for an AsyncAPI document: no script, no stylesheet or font from elsewhere.

Air-gapped intranets cannot load the AsyncAPI web components from a CDN, so the page is rendered
here, from our own template (Jinja2, autoescaped): servers, security, channels with their
operations, every message with its headers, payload properties and example, and the shared
definitions, each linked by anchor.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

_COMPONENT_SCHEMA = "#/components/schemas/"


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    type: str
    links: tuple[str, ...]
    required: bool
    description: str


def render_html(document: Mapping[str, Any]) -> str:
    components = document.get("components", {})
    schemas: Mapping[str, Any] = components.get("schemas", {})
    return _TEMPLATE.render(
        doc=document,
        info=document.get("info", {}),
        channels=document.get("channels", {}),
        operations=document.get("operations", {}),
        messages=components.get("messages", {}),
        schemas={name: _rows(schema) for name, schema in schemas.items()},
        schema_notes={name: _note(schema) for name, schema in schemas.items()},
        pretty=_pretty,
        ref_name=_ref_name,
        anchor=_anchor,
    )


def _rows(schema: Mapping[str, Any]) -> list[Row]:
    required = set(schema.get("required", ()))
    return [
        Row(
            name=name,
            type=_type(sub),
            links=tuple(sorted(_links(sub))),
            required=name in required,
            description=str(sub.get("description", "")),
        )
        for name, sub in schema.get("properties", {}).items()
    ]


def _note(schema: Mapping[str, Any]) -> str:
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"])
    return str(schema.get("description", ""))


def _type(node: Mapping[str, Any]) -> str:
    if "$ref" in node:
        return _ref_name(str(node["$ref"]))
    if "const" in node:
        return f"const {json.dumps(node['const'], ensure_ascii=False)}"
    if "enum" in node:
        return " | ".join(str(v) for v in node["enum"])
    variants = node.get("anyOf") or node.get("oneOf") or node.get("allOf")
    if variants:
        return " | ".join(_type(v) for v in variants)
    kind = node.get("type", "any")
    if kind == "array":
        return f"array of {_type(node.get('items', {}))}"
    details = [str(node[k]) for k in ("format", "pattern") if k in node]
    return f"{kind} ({', '.join(details)})" if details else str(kind)


def _links(node: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(node, Mapping):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith(_COMPONENT_SCHEMA):
                found.add(_ref_name(value))
            else:
                found |= _links(value)
    elif isinstance(node, list):
        for item in node:
            found |= _links(item)
    return found


def _ref_name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1]


def _anchor(kind: str, name: str) -> str:
    return f"{kind}-{''.join(c if c.isalnum() or c in '-_' else '-' for c in name)}"


def _pretty(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)


_TEMPLATE = Environment(
    loader=PackageLoader("shared.contracts", "templates"), autoescape=select_autoescape(default=True)
).get_template("asyncapi.html")
