"""An example payload for every contract, made from its JSON Schema (for the AsyncAPI documents).

Values are chosen by property name where a plausible one is known (a court code, a case number, a
USCC), else by type and format; optional properties are left out unless the name is known, so an
example shows what a message looks like without inventing personal data. Every example is checked
against its contract when it is made (``contract.model_validate``): a contract whose schema this
cannot satisfy fails loudly in the tests rather than publishing a wrong example.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from shared.contracts.base import EventData

_BY_NAME: Mapping[str, Any] = {
    "court_code": "110000-BJIPC",
    "court_name": "北京知识产权法院",
    "court_case_no": "（2026）京73民初100号",
    "court_assignment_id": "BJIPC-2026-0001",
    "assignment_id": "BJIPC-2026-0001",
    "case_no": "京知执〔2026〕1号",
    "decision_no": "京知执罚〔2026〕1号",
    "agreement_no": "京知调〔2026〕1号",
    "docket_no": "（2026）京73民特1号",
    "ruling_no": "（2026）京73民特1号之一",
    "judgment_no": "（2026）京73行初1号",
    "application_no": "京知执申〔2026〕1号",
    "producer": "110000-CNIPA",
    "partner_code": "110000-BJIPC",
    "office_code": "110000",
    "office_region_code": "110000",
    "region_code": "110105",
    "credit_code": "91110000MA01ABCD2X",
    "id_number_masked": "110***********1234",
    "name": "北京某某科技有限公司",
    "plaintiff": "北京某某科技有限公司",
    "court_name_en": "Beijing Intellectual Property Court",
    "right_number": "ZL202310000001.X",
    "number": "ZL202310000001.X",
    "reg_no": "ZL202310000001.X",
    "ip_type": "invention_patent",
    "dispute_summary": "被申请人未经许可制造、销售落入涉案专利保护范围的产品。",
    "summary": "被申请人未经许可制造、销售落入涉案专利保护范围的产品。",
    "reason": "The court code in the payload differs from the court the signing key belongs to",
    "reason_zh": "消息中的法院代码与签名密钥所属法院不一致",
    "reason_en": "The court code in the payload differs from the court the signing key belongs to",
    "currency": "CNY",
    "customs_code": "5100",
    "port_code": "5100",
    "customs_ref": "黄埔关知字〔2026〕1号",
    "record_no": "T2026-00001",
}
_BY_FORMAT: Mapping[str, str] = {
    "uuid": "3f1c5c1e-5a2b-4c0f-9a55-1f2d3c4b5a69",
    "date": "2026-12-01",
    "date-time": "2026-12-01T10:00:00+08:00",
    "uri": "https://ipcase.example/",
    "email": "contact@example.cn",
}
_BY_PATTERN: Mapping[str, str] = {"^[0-9a-f]{64}$": "0" * 64}


class ExampleUnavailable(ValueError):
    """The schema asks for something the example maker cannot produce (a new pattern, say)."""


def example_payload(contract: type[EventData]) -> dict[str, Any]:
    """A payload valid for ``contract``; raises :class:`ExampleUnavailable` if none can be made."""
    schema = contract.model_json_schema(mode="validation")
    payload = _value(schema, schema, name="")
    try:
        contract.model_validate(payload)
    except ValueError as exc:
        raise ExampleUnavailable(f"{contract.event_type} v{contract.version}: {exc}") from exc
    if not isinstance(payload, dict):
        raise ExampleUnavailable(f"{contract.event_type}: the schema is not an object")
    return payload


def _value(node: Mapping[str, Any], root: Mapping[str, Any], *, name: str) -> Any:
    node = _resolve(node, root)
    if "const" in node:
        return node["const"]
    if "enum" in node:
        return node["enum"][0]
    if "anyOf" in node or "oneOf" in node:
        options = [
            o for o in node.get("anyOf", node.get("oneOf", [])) if _resolve(o, root).get("type") != "null"
        ]
        return _value(options[0], root, name=name) if options else None
    kind = node.get("type")
    if kind == "object" or "properties" in node:
        return _object(node, root)
    if kind == "array":
        item = node.get("items", {})
        return [_value(item, root, name=name) for _ in range(max(1, int(node.get("minItems", 1))))]
    if kind == "string":
        return _string(node, name)
    if kind == "integer":
        return int(node.get("minimum", node.get("exclusiveMinimum", 0) + 1))
    if kind == "number":
        return node.get("minimum", 1000.0)
    if kind == "boolean":
        return False
    raise ExampleUnavailable(f"no example for {name or 'the payload'}: {dict(node)}")


def _object(node: Mapping[str, Any], root: Mapping[str, Any]) -> dict[str, Any]:
    required = set(node.get("required", ()))
    out: dict[str, Any] = {}
    for prop, sub in node.get("properties", {}).items():
        if prop in required or prop in _BY_NAME:
            out[prop] = _value(sub, root, name=prop)
    return out


def _string(node: Mapping[str, Any], name: str) -> str:
    if "pattern" in node:
        if node["pattern"] not in _BY_PATTERN:
            raise ExampleUnavailable(f"no example for {name} matching {node['pattern']}")
        return _BY_PATTERN[node["pattern"]]
    if isinstance(_BY_NAME.get(name), str):
        return str(_BY_NAME[name])
    if node.get("format") in _BY_FORMAT:
        return _BY_FORMAT[node["format"]]
    text = name.replace("_", " ") or "text"
    return text.ljust(int(node.get("minLength", 1)), "x")


def _resolve(node: Mapping[str, Any], root: Mapping[str, Any]) -> Mapping[str, Any]:
    while "$ref" in node:
        node = root.get("$defs", {}).get(str(node["$ref"]).rsplit("/", 1)[-1], {})
    return node
