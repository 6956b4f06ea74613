"""The AsyncAPI documents and the served JSON Schemas: generated from the registry, fetchable, offline."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import httpx
import jsonschema
import pytest

from shared.contracts import CloudEvent, contract_for, registered_contracts
from shared.contracts.asyncapi import (
    SIGNATURE_HEADER,
    partner_document,
    platform_document,
    service_document,
    stale_documents,
)
from shared.contracts.asyncapi_html import render_html
from shared.contracts.base import DEFAULT_SCHEMA_BASE_URL, configure_schema_base, schema_base
from shared.contracts.examples import example_payload
from shared.contracts.schemas import contract_schema
from shared.service import discover_services
from shared.signing import KeySet, event_from_kafka, verify_event

DOCUMENTS = {"platform": platform_document, "partners": partner_document}


def refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield value
            else:
                yield from refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from refs(item)


def resolve(document: dict[str, Any], ref: str) -> Any:
    assert ref.startswith("#/"), f"{ref} points outside the document"
    node: Any = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def test_the_committed_documents_match_the_registry() -> None:
    assert stale_documents() == [], "run `make schemas` and commit docs/asyncapi and docs/partners"


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_reference_resolves_inside_the_document(name: str) -> None:
    document = DOCUMENTS[name]()

    assert document["asyncapi"] == "3.0.0"
    for ref in set(refs(document)):
        assert resolve(document, ref) is not None, ref


def test_the_platform_document_has_every_contract_on_its_topic() -> None:
    document = platform_document()
    messages = document["components"]["messages"]

    assert set(messages) == {f"{c.event_type}.v{c.version}" for c in registered_contracts()}
    for contract in registered_contracts():
        channel = document["channels"][contract.topic]
        assert channel["address"] == contract.topic
        assert f"{contract.event_type}.v{contract.version}" in channel["messages"]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_example_is_valid_against_the_served_schema_and_the_headers(name: str) -> None:
    document = DOCUMENTS[name]()
    headers_schema = document["components"]["schemas"]["CloudEventHeaders"]
    for message in document["components"]["messages"].values():
        [example] = message["examples"]
        contract = contract_for(message["name"], int(message["title"].rsplit(" v", 1)[1]))
        jsonschema.Draft202012Validator(contract_schema(contract)).validate(example["payload"])
        jsonschema.Draft202012Validator(headers_schema).validate(example["headers"])
        assert example["headers"]["ce_dataschema"] == message["x-ipcase-schema-id"]


@pytest.mark.parametrize("contract", registered_contracts(), ids=lambda c: f"{c.event_type}.v{c.version}")
def test_every_contract_has_an_example_its_model_accepts(contract: Any) -> None:
    payload = example_payload(contract)

    assert contract.model_validate(payload)
    jsonschema.Draft202012Validator(contract_schema(contract)).validate(payload)


def test_a_hoisted_payload_schema_validates_like_the_contract_schema() -> None:
    document = platform_document()
    contract = contract_for("mediation.case.opened")
    hoisted = {
        **document["components"]["schemas"]["mediation.case.opened.v1"],
        "components": document["components"],
    }
    example = example_payload(contract)
    validator = jsonschema.Draft7Validator(hoisted)

    validator.validate(example)
    assert "case_id" in example
    assert not validator.is_valid({**example, "case_id": 12})


def test_the_partner_document_offers_only_partner_feeds_and_signed_inbound_messages() -> None:
    document = partner_document()
    feed, inbound = document["channels"]["partnerFeed"], document["channels"]["partnerCourtInbound"]

    assert feed["address"] == "partner.{partnerCode}.feed"
    assert inbound["address"] == "partner.court.inbound"
    assert all(name.startswith("partner.") for name in feed["messages"])
    assert inbound["messages"] and all(name.startswith("court.") for name in inbound["messages"])
    assert SIGNATURE_HEADER in document["components"]["schemas"]["CloudEventHeaders"]["required"]
    internal = {n for n in document["components"]["messages"] if n.split(".")[0] in discover_services()}
    assert internal == set(), "internal topics are private to the services"
    assert document["operations"]["send.partnerFeed"]["action"] == "send"
    assert document["operations"]["receive.partnerCourtInbound"]["action"] == "receive"


def test_the_partner_examples_carry_signatures_that_verify_with_the_published_example_key() -> None:
    document = partner_document()
    keys = KeySet.from_jwks(document["x-ipcase-example-jwks"])
    for message in document["components"]["messages"].values():
        [example] = message["examples"]
        headers = [(k, v.encode()) for k, v in example["headers"].items()]
        event, signature = event_from_kafka(headers, json.dumps(example["payload"]).encode())

        assert verify_event(event, signature, keys).kid == "example-2026"


def test_a_service_document_lists_what_it_publishes_and_what_it_consumes() -> None:
    mediation = service_document("mediation", [contract_for("court.mediation.assigned")])

    assert mediation["operations"]["send.mediation.case"]["action"] == "send"
    assert mediation["operations"]["receive.court.mediation"]["messages"] == [
        {"$ref": "#/channels/court.mediation/messages/court.mediation.assigned.v1"}
    ]
    assert not any(topic.startswith("intake.") for topic in mediation["channels"])
    assert service_document("partners", [])["channels"].keys() == {
        "partnerFeed",
        "partnerCourtInbound",
        "partnerCustomsInbound",
    }


_REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_the_html_page_works_offline_and_every_link_has_its_target(name: str) -> None:
    html = render_html(DOCUMENTS[name]())

    assert "<script" not in html.lower()
    links = _REFERENCE.findall(html)
    assert links and all(link.startswith("#") for link in links), "no stylesheet, font or page from elsewhere"
    anchors = set(re.findall(r'id="([^"]+)"', html))
    assert {link.removeprefix("#") for link in links} <= anchors


@pytest.fixture
def schema_base_restored() -> Iterator[None]:
    yield
    configure_schema_base(DEFAULT_SCHEMA_BASE_URL)


async def test_every_schema_is_served_at_the_url_its_id_names(start_service: Any) -> None:
    running = await start_service("mediation")
    async with httpx.AsyncClient(base_url=running.base_url) as client:
        for contract in registered_contracts():
            served_id = contract_schema(contract)["$id"]
            response = await client.get(urlsplit(served_id).path)

            assert response.status_code == 200, served_id
            assert response.headers["content-type"].startswith("application/schema+json")
            assert response.json() == contract_schema(contract)
            assert response.json()["$id"] == served_id == contract.schema_uri()


async def test_the_documents_are_served_without_a_token(start_service: Any) -> None:
    running = await start_service("adjudication")
    async with httpx.AsyncClient(base_url=running.base_url) as client:
        own, partners = await client.get("/asyncapi.json"), await client.get("/asyncapi/partners.json")
        missing = await client.get("/schemas/no.such.contract.v1.json")
        garbage = await client.get("/schemas/" + "x" * 300)

    assert own.status_code == partners.status_code == 200
    assert "receive.court.adjudication" in own.json()["operations"]
    assert partners.json()["channels"]["partnerFeed"]["address"] == "partner.{partnerCode}.feed"
    assert missing.status_code == garbage.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


async def test_a_configured_base_moves_every_id_and_dataschema(schema_base_restored: None) -> None:
    spec = discover_services()["intake"]
    app = spec.create_app(spec.settings(schema_base_url="https://ipcase.office.example/"))
    contract = contract_for("intake.complaint.accepted")
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x") as client:
        served = (await client.get("/schemas/intake.complaint.accepted.v1.json")).json()
        document = (await client.get("/asyncapi.json")).json()

    expected = "https://ipcase.office.example/schemas/intake.complaint.accepted.v1.json"
    assert schema_base() == "https://ipcase.office.example"
    assert served["$id"] == expected
    assert (
        document["components"]["messages"]["intake.complaint.accepted.v1"]["x-ipcase-schema-id"] == expected
    )
    event = CloudEvent.from_data(contract.model_validate(example_payload(contract)), source="/s", subject="x")
    assert event.dataschema == expected and event.version == 1


def test_the_schema_base_setting_must_be_an_http_url() -> None:
    spec = discover_services()["intake"]
    for wrong in ("ftp://x", "urn:ipcase:schema", "http://host/with space", "https://"):
        with pytest.raises(ValueError):
            spec.settings(schema_base_url=wrong)
