"""AsyncAPI 3.0 documents generated from the contract registry: what travels on which topic.

Three views of the same registry:

* :func:`platform_document` — every channel (topic) and message; committed as
  ``docs/asyncapi/ipcase.asyncapi.json`` (``ipcase contracts asyncapi``; a test fails if it is stale).
* :func:`service_document` — one service's own channels: the topics it publishes (``<service>.*``)
  and the ones it consumes; each service serves it at ``GET /asyncapi.json``.
* :func:`partner_document` — what a partner (a people's court, a customs office) integrates
  against: its own feed ``partner.{partnerCode}.feed`` and the inbound channel it sends signed
  messages on; committed as ``docs/partners/asyncapi.json``, rendered offline as
  ``docs/partners/asyncapi.html``, served at ``GET /asyncapi/partners.json``.

Messages are CloudEvents 1.0 in the Kafka binary mode (``ce_*`` headers, JSON value, key = the
aggregate id). Payload schemas are the contracts' JSON Schemas, with their ``$defs`` hoisted into
``components.schemas`` so the document is self-contained; ``x-ipcase-schema-id`` names the URL the
same schema is served at (its ``$id``, the events' ``dataschema``).
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shared.contracts.base import DEFAULT_SCHEMA_BASE_URL, EventData, registered_contracts, schema_uri
from shared.contracts.customs import INBOUND as CUSTOMS_INBOUND
from shared.contracts.examples import example_payload
from shared.contracts.partner import COURT_INBOUND_TOPIC, CUSTOMS_INBOUND_TOPIC
from shared.contracts.schemas import contract_schema
from shared.signing import SigningKey, jwks_document, sign_event, structured_event

ASYNCAPI_VERSION = "3.0.0"
KAFKA_BINDING_VERSION = "0.5.0"
SIGNATURE_HEADER = "ce_ipcasesig"
PARTNER_PREFIX = "partner."
PARTNERS_SERVICE = "partners"
COURT_MESSAGES_MODULE = "shared.contracts.court"  # what courts send; the gateway forwards it, signed
_JWKS_PATH = "/.well-known/jwks.json"
Document = dict[str, Any]

EXAMPLE_KEY = SigningKey(
    Ed25519PrivateKey.from_private_bytes(hashlib.sha256(b"ipcase AsyncAPI example key").digest()),
    kid="example-2026",
)
"""Signs the documents' examples (Ed25519 is deterministic, so they stay stable). Its public half is
published in the partner document (``x-ipcase-example-jwks``) so that a partner can test its signature
check on the examples; it is never a key any office or partner uses."""

_SIGNATURE_SCHEMA: Document = {
    "type": "string",
    "maxLength": 2048,
    "pattern": r"^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$",
    "description": "CloudEvents extension attribute ipcasesig: compact JWS with a detached payload "
    "(RFC 7515 App. F) over the RFC 8785 canonical JSON of the event's attributes and data "
    "(without ipcasesig); protected header {alg: EdDSA|ES256, kid}. Verify with the issuer's JWKS.",
}


def platform_document(*, base: str | None = None) -> Document:
    """Every registered channel: what ipcase publishes and what it receives from courts."""
    contracts = registered_contracts()
    return _document(
        title="ipcase events",
        description="All event channels of ipcase (internal topics are private to the services; partners "
        "integrate against the partner document). 所有事件通道；合作单位请使用合作单位文档。",
        sends=[c for c in contracts if not _from_courts(c)],
        receives=[c for c in contracts if _from_courts(c)],
        base=base,
    )


def service_document(
    service: str, consumes: Iterable[type[EventData]], *, base: str | None = None
) -> Document:
    """One service's channels: the topics it owns (``<service>.*``) and those it consumes.

    The partners service's own channels are the partner channels (per-partner feeds, inbound).
    """
    if service == PARTNERS_SERVICE:
        return partner_document(base=base)
    owned = [c for c in registered_contracts() if c.topic.split(".", 1)[0] == service]
    return _document(
        title=f"ipcase {service} events",
        description=f"The channels the {service} service publishes to and consumes from.",
        sends=owned,
        receives=list(consumes),
        base=base,
    )


def partner_document(*, base: str | None = None) -> Document:
    """What a partner sees: its own signed feed, and the inbound channel for its signed messages.

    From ipcase's side: it *sends* on ``partner.{partnerCode}.feed`` (one topic per partner; the
    ``partner.<kind>.*`` contracts) and *receives* the court messages (``court.*`` contracts) on the
    partner's inbound channel, where the partners gateway verifies the sender's signature; the
    customs offices' ``customs.*`` messages on theirs.
    """
    contracts = registered_contracts()
    feed = [c for c in contracts if c.event_type.startswith(PARTNER_PREFIX)]
    inbound = [c for c in contracts if _from_courts(c)]
    document = _document(
        title="ipcase partner channel (合作单位通道)",
        description=_PARTNER_DESCRIPTION,
        sends=[],
        receives=[],
        base=base,
        signed=True,
    )
    document["x-ipcase-example-jwks"] = jwks_document([EXAMPLE_KEY])
    _add_channel(
        document,
        "partnerFeed",
        "partner.{partnerCode}.feed",
        feed,
        action="send",
        base=base,
        signed=True,
        description="A partner's own feed: only events addressed to it (its jurisdiction, its cases, its "
        "notices) or public by law, each carrying only the fields domain-rules §H lists for its kind, "
        "signed by the issuing office. The partner principal may read only its own feed topic. "
        "本单位专属事件流：仅含发给本单位或依法公开的事件，字段按 §H 最小化，并由发布机关签名。",
    )
    _add_channel(
        document,
        "partnerCourtInbound",
        COURT_INBOUND_TOPIC,
        inbound,
        action="receive",
        base=base,
        signed=True,
        description="Messages a court sends (one inbound topic for all courts; the partner principal may "
        "write it, and only it), each signed with a key registered to that court; the "
        "sender's identity (court code, customs office) is taken from the key, never from the payload. "
        "A refused message is answered on the partner's feed with a message_rejected event. "
        "合作单位发送的消息：须以登记的密钥签名；身份以密钥为准；被拒绝的消息会在本单位事件流中收到拒绝事件。",
    )
    _add_channel(
        document,
        "partnerCustomsInbound",
        CUSTOMS_INBOUND_TOPIC,
        list(CUSTOMS_INBOUND),
        action="receive",
        base=base,
        signed=True,
        description="Messages a port customs office sends (detention steps, recordations; one inbound topic "
        "for all customs offices), each signed with a key registered to that office; customs_code must be "
        "the signer's own code. A refused message is answered on the office's feed with "
        "partner.customs.message_rejected. 海关发送的消息：须以登记的密钥签名，customs_code 须为本关代码；"
        "被拒绝的消息会在本关事件流中收到拒绝事件。",
    )
    return document


def _from_courts(contract: type[EventData]) -> bool:
    return contract.__module__ == COURT_MESSAGES_MODULE


_PARTNER_DESCRIPTION = (
    "The channel between ipcase and the partners it exchanges events with: people's courts (§H.1) and "
    "customs (§H.2). Connect with SASL/SCRAM-SHA-512 over TLS; a partner reads only its own feed and "
    "writes only its inbound topic (broker ACLs). Every event is signed (header ce_ipcasesig): verify "
    "with the JWKS the partners service publishes at " + _JWKS_PATH + "; sign what you send with your "
    "registered key. Partners without Kafka use the HTTP cursor feed or webhooks (see the integration "
    "guide, docs/partners/integration-guide.en.md).\n\n"
    "ipcase 与合作单位（人民法院、海关）之间的事件通道。使用 TLS 上的 SASL/SCRAM-SHA-512 连接；"
    "合作单位只能读取本单位的事件流、只能写入本单位的入站主题。每个事件都带签名（消息头 ce_ipcasesig），"
    "请用合作单位服务发布的 JWKS 验签；发送的消息须用已登记的密钥签名。详见接入指南。"
)


def _document(
    *,
    title: str,
    description: str,
    sends: Sequence[type[EventData]],
    receives: Sequence[type[EventData]],
    base: str | None,
    signed: bool = False,
) -> Document:
    document: Document = {
        "asyncapi": ASYNCAPI_VERSION,
        "info": {"title": title, "version": "1", "description": description},
        "defaultContentType": "application/json",
        "servers": _servers(),
        "channels": {},
        "operations": {},
        "components": {
            "messages": {},
            "schemas": {"CloudEventHeaders": _headers_schema(signed=signed)},
            "securitySchemes": _security_schemes(),
        },
    }
    for action, contracts in (("send", sends), ("receive", receives)):
        for topic, members in _by_topic(contracts).items():
            _add_channel(document, topic, topic, members, action=action, base=base, signed=signed)
    return document


def _servers() -> Document:
    return {
        "production": {
            "host": "{broker}",
            "protocol": "kafka-secure",
            "description": "The office's Apache Kafka: TLS listener with SASL/SCRAM-SHA-512 (生产环境)",
            "variables": {
                "broker": {
                    "default": "localhost:19093",
                    "description": "The broker's EXTERNAL listener (KAFKA_EXTERNAL_HOST:19093 in "
                    "docker-compose; the services inside use kafka:9092)",
                }
            },
            "security": [{"$ref": "#/components/securitySchemes/scram"}],
        },
        "development": {
            "host": "127.0.0.1:19092",
            "protocol": "kafka",
            "description": "The embedded development broker (`ipcase dev`): plaintext, no ACLs; the "
            "event signatures are what makes it behave like production",
        },
    }


def _security_schemes() -> Document:
    return {
        "scram": {
            "type": "scramSha512",
            "description": "SASL/SCRAM-SHA-512 over TLS (kafka-secure). Each service and each partner has "
            "its own principal; ACLs let a partner read only partner.<code>.feed and write only its "
            "inbound topic.",
        },
    }


def _headers_schema(*, signed: bool) -> Document:
    properties: Document = {
        "ce_specversion": {"type": "string", "const": "1.0"},
        "ce_id": {"type": "string", "minLength": 1, "maxLength": 200},
        "ce_source": {"type": "string", "minLength": 1, "maxLength": 500},
        "ce_type": {"type": "string", "minLength": 1, "maxLength": 200},
        "ce_subject": {"type": "string", "maxLength": 500},
        "ce_time": {"type": "string", "format": "date-time", "description": "ISO 8601 with +08:00"},
        "ce_dataschema": {"type": "string", "format": "uri", "description": "The payload schema's $id"},
        "content-type": {"type": "string", "const": "application/json"},
        "ce_correlationid": {"type": "string", "maxLength": 200},
        "ce_causationid": {"type": "string", "maxLength": 200},
        SIGNATURE_HEADER: _SIGNATURE_SCHEMA,
    }
    required = ["ce_specversion", "ce_id", "ce_source", "ce_type", "ce_time", "content-type"]
    return {
        "type": "object",
        "description": "CloudEvents 1.0 attributes in the Kafka binary mode (one ce_<attribute> header each)",
        "properties": properties,
        "required": [*required, SIGNATURE_HEADER] if signed else required,
    }


def _by_topic(contracts: Iterable[type[EventData]]) -> dict[str, list[type[EventData]]]:
    grouped: dict[str, list[type[EventData]]] = {}
    for contract in sorted(contracts, key=lambda c: (c.topic, c.event_type, c.version)):
        grouped.setdefault(contract.topic, []).append(contract)
    return grouped


def _add_channel(
    document: Document,
    channel_id: str,
    address: str,
    contracts: Sequence[type[EventData]],
    *,
    action: str,
    base: str | None,
    signed: bool,
    description: str | None = None,
) -> None:
    existing = document["channels"].get(channel_id, {})
    messages = dict(existing.get("messages", {}))
    for contract in contracts:
        name = message_name(contract)
        document["components"]["messages"][name] = _message(contract, document, base=base, signed=signed)
        messages[name] = {"$ref": f"#/components/messages/{name}"}
    channel: Document = {"address": address, "messages": messages}
    if "{partnerCode}" in address:
        channel["parameters"] = {
            "partnerCode": {"description": "The partner's registered code (合作单位代码)"}
        }
    else:
        channel["bindings"] = {"kafka": {"topic": address, "bindingVersion": KAFKA_BINDING_VERSION}}
    if description:
        channel["description"] = description
    document["channels"][channel_id] = channel
    document["operations"][f"{action}.{channel_id}"] = {
        "action": action,
        "channel": {"$ref": f"#/channels/{channel_id}"},
        "messages": [{"$ref": f"#/channels/{channel_id}/messages/{message_name(c)}"} for c in contracts],
    }


def message_name(contract: type[EventData]) -> str:
    return f"{contract.event_type}.v{contract.version}"


def _message(contract: type[EventData], document: Document, *, base: str | None, signed: bool) -> Document:
    name = message_name(contract)
    schema = contract_schema(contract, base=base)
    document["components"]["schemas"][name] = _hoist(schema, name, document["components"]["schemas"])
    summary, _, details = (contract.__doc__ or contract.event_type).strip().partition("\n")
    example = example_payload(contract)
    headers_example = {
        "ce_specversion": "1.0",
        "ce_id": "5f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9",
        "ce_source": "/ipcase/110000/partners"
        if signed
        else f"/ipcase/110000/{contract.topic.split('.')[0]}",
        "ce_type": contract.event_type,
        "ce_time": "2026-12-01T10:00:00+08:00",
        "ce_dataschema": schema_uri(contract.event_type, contract.version, base=base),
        "content-type": "application/json",
    }
    if signed:
        headers_example[SIGNATURE_HEADER] = sign_event(
            structured_event(headers_example.items(), example), EXAMPLE_KEY
        )
    message: Document = {
        "name": contract.event_type,
        "title": f"{contract.event_type} v{contract.version}",
        "summary": summary.strip(),
        "contentType": "application/json",
        "headers": {
            "allOf": [
                {"$ref": "#/components/schemas/CloudEventHeaders"},
                {
                    "type": "object",
                    "properties": {
                        "ce_type": {"const": contract.event_type},
                        "ce_dataschema": {"const": headers_example["ce_dataschema"]},
                    },
                },
            ]
        },
        "payload": {"$ref": f"#/components/schemas/{name}"},
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": "The aggregate id: one case's events stay in order"},
                "bindingVersion": KAFKA_BINDING_VERSION,
            }
        },
        "examples": [{"name": "example", "headers": headers_example, "payload": example}],
        "x-ipcase-schema-id": headers_example["ce_dataschema"],
        "x-ipcase-topic": contract.topic,
    }
    if details.strip():
        message["description"] = " ".join(details.split())
    return message


def _hoist(schema: Mapping[str, Any], name: str, components: dict[str, Any]) -> Document:
    """The schema with its ``$defs`` moved into ``components.schemas`` and its ``$ref`` s rewritten.

    A definition is shared when identical; a different one under a taken name is kept as
    ``<message>.<Name>``.
    """
    copied: dict[str, Any] = copy.deepcopy(dict(schema))
    definitions: dict[str, Any] = copied.pop("$defs", {})
    renamed: dict[str, str] = {}
    for key, definition in definitions.items():
        target = key
        if key in components and _canonical(components[key]) != _canonical(_rewrite(definition, {})):
            target = f"{name}.{key}"
        renamed[key] = target
    for key, definition in definitions.items():
        components[renamed[key]] = _rewrite(definition, renamed)
    hoisted: Document = _rewrite(copied, renamed)
    hoisted["x-ipcase-schema-id"] = hoisted.pop("$id")
    hoisted.pop("$schema", None)
    return hoisted


def _rewrite(node: Any, renamed: Mapping[str, str]) -> Any:
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#/$defs/"):
                local = value.removeprefix("#/$defs/")
                out[key] = f"#/components/schemas/{renamed.get(local, local)}"
            else:
                out[key] = _rewrite(value, renamed)
        return out
    if isinstance(node, list):
        return [_rewrite(item, renamed) for item in node]
    return node


def _canonical(node: Any) -> str:
    return json.dumps(node, sort_keys=True, ensure_ascii=False)


def render(document: Mapping[str, Any]) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


REPO_ROOT = Path(__file__).resolve().parents[4]


def committed_documents(root: Path = REPO_ROOT) -> dict[Path, str]:
    """The files ``ipcase contracts asyncapi`` writes, with their content (default schema base)."""
    from shared.contracts.asyncapi_html import render_html

    platform = platform_document(base=DEFAULT_SCHEMA_BASE_URL)
    partners = partner_document(base=DEFAULT_SCHEMA_BASE_URL)
    return {
        root / "docs" / "asyncapi" / "ipcase.asyncapi.json": render(platform),
        root / "docs" / "asyncapi" / "ipcase.asyncapi.html": render_html(platform),
        root / "docs" / "partners" / "asyncapi.json": render(partners),
        root / "docs" / "partners" / "asyncapi.html": render_html(partners),
    }


def export_documents(root: Path = REPO_ROOT) -> list[Path]:
    written = []
    for path, content in committed_documents(root).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


def stale_documents(root: Path = REPO_ROOT) -> list[Path]:
    """Committed documents that differ from what the registry generates now."""
    return [
        path
        for path, content in committed_documents(root).items()
        if not path.exists() or path.read_text(encoding="utf-8") != content
    ]
