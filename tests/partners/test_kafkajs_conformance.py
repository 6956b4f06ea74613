"""Conformance: a court and a customs office integrate with their own client (issue 14, "done when").

The partner's system is ``kafkajs/partner.mjs`` — Node.js with KafkaJS, Node's crypto, RFC 8785 from
npm and Ajv: nothing of ipcase's code. Against the running partners and mediation services it
consumes its own feed (Kafka and the HTTP cursor feed), checks every message against the schema its
``dataschema`` URL serves and against the partner AsyncAPI document, verifies every signature with
the served JWKS, sends a signed court message and sees its effect, and sends forged ones (a key
that is not registered to it, another court's code, no signature) and sees each refused with a
rejection event on its own feed while nothing changes.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from aiokafka.admin import AIOKafkaAdminClient

from partners.testing import partner_body, partner_client, unique_code
from shared.contracts import adjudication as adj
from shared.contracts.base import DEFAULT_SCHEMA_BASE_URL, configure_schema_base, schema_uri
from shared.contracts.common import IpType, Outcome, RightRef, SubjectRef
from shared.contracts.partner import COURT_INBOUND_TOPIC, feed_topic
from shared.devstack.ports import free_port
from shared.identity.principals import Role
from shared.testing.events import publish_event
from shared.testing.plugin import BrokerHandle
from shared.testing.services import RunningService
from shared.testing.waiting import eventually, read_topic

from .conftest import Partner

# Starts a whole stack of processes: `make test` runs it after the rest, alone (pyproject `alone`).
pytestmark = pytest.mark.alone

DISTRICT = "330106"  # the issuing office, inside the court's jurisdiction (330100) and national customs


def decision_effective() -> adj.DecisionEffectiveV1:
    return adj.DecisionEffectiveV1(
        case_id=uuid.uuid4(),
        case_no=f"杭知裁字〔2026〕{uuid.uuid4().int % 1000}号",
        decision_no=f"杭知裁决〔2026〕{uuid.uuid4().hex[:6]}号",
        outcome=Outcome.INFRINGEMENT_ESTABLISHED,
        respondents=(SubjectRef(name="某某贸易有限公司", credit_code="91110000600001760P"),),
        rights=(RightRef(ip_type=IpType.INVENTION_PATENT, number="ZL202310000001.5"),),
        infringing_products=("型号 A1 充电器",),
        stop_order_scope=("停止销售",),
        decided_on=dt.date(2026, 11, 1),
        effective_on=dt.date(2026, 11, 20),
    )


def assignment(sender: str, court_code: str) -> dict[str, Any]:
    """A court's ``court.mediation.assigned`` as its own system writes it (CloudEvents JSON format)."""
    assignment_id = f"{court_code}-{uuid.uuid4().hex[:8]}"
    return {
        "specversion": "1.0",
        "id": str(uuid.uuid4()),
        "source": f"/partners/{sender}",
        "type": "court.mediation.assigned",
        "subject": assignment_id,
        "time": "2026-12-06T10:00:00+08:00",
        "datacontenttype": "application/json",
        "dataschema": schema_uri("court.mediation.assigned", 1),
        "data": {
            "assignment_id": assignment_id,
            "court_code": court_code,
            "court_name": "杭州市西湖区人民法院",
            "kind": "pre_filing",
            "ip_type": "invention_patent",
            "right_number": "ZL202310000001.5",
            "parties": [
                {"kind": "organisation", "name": "甲公司", "credit_code": "91350100M000100Y43"},
                {"kind": "organisation", "name": "乙公司", "credit_code": "91110000600001760P"},
            ],
            "dispute_summary": "专利侵权纠纷",
            "assigned_at": "2026-12-06T09:00:00+08:00",
        },
    }


async def services(start_service: Any, tmp_path: Path) -> tuple[RunningService, RunningService]:
    # Every $id and dataschema names the partners service's address: what a partner fetches them from.
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    partners = await start_service(
        "partners",
        http_port=port,
        schema_base_url=base,
        run_workers=True,
        office_code="330100",
        partners_signing_key_file=tmp_path / "partners-signing.pem",
        partners_registry_cache_seconds=0,
        audit_signing_key_file=tmp_path / "audit.pem",
        audit_checkpoint_dir=tmp_path / "checkpoints",
    )
    # Mediation applies court messages only with the gateway's signature: the partners service's JWKS.
    mediation = await start_service(
        "mediation",
        run_workers=True,
        schema_base_url=base,
        partner_gateway_jwks=f"{partners.base_url}/.well-known/jwks.json",
    )
    return partners, mediation


def token_of(service: RunningService, code: str, kind: str) -> str:
    return str(partner_client(service, code, kind).headers["authorization"]).removeprefix("Bearer ")


async def kafka_feed_has(bootstrap: str, code: str, needle: str) -> None:
    """The partner's own topic carries ``needle`` (so it exists before the partner's client subscribes)."""

    async def arrived() -> bool:
        records = await read_topic(bootstrap, feed_topic(code), expected=1, within=1)
        return any(needle.encode() in (r.value or b"") for r in records)

    await eventually(arrived, within=45, what=f"{needle} on {feed_topic(code)}")


async def topics_exist(bootstrap: str, *codes: str) -> bool:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        return {feed_topic(code) for code in codes} <= set(await admin.list_topics())
    finally:
        await admin.close()


async def case_opened(mediation: RunningService, assignment_id: str) -> bool:
    listed = await mediation.client(Role.STAFF).get("/v1/cases", params={"origin_id": assignment_id})
    assert listed.status_code == 200, listed.text
    return bool(listed.json()["items"])


def clean(messages: list[dict[str, Any]]) -> None:
    """Every message the partner received passed every check it made."""
    problems = {m["id"]: m["errors"] for m in messages if m["errors"]}
    assert problems == {}, problems


@pytest.fixture
def schema_base_restored() -> Iterator[None]:
    yield
    configure_schema_base(DEFAULT_SCHEMA_BASE_URL)


async def test_a_court_and_a_customs_office_integrate_with_their_own_client(
    start_service: Any, broker: BrokerHandle, partner: Partner, tmp_path: Path, schema_base_restored: None
) -> None:
    partners, mediation = await services(start_service, tmp_path)
    admin = partners.client(Role.ADMIN, subject="partners-admin")
    court, other_court, customs = unique_code("C"), unique_code("C"), unique_code("K")
    # Each partner's own system makes its key pair; the office registers the public half.
    court_key = await partner("keygen", kid=f"{court}-2026")
    customs_key = await partner("keygen", kid=f"{customs}-2026")
    for code, kind, jurisdiction, keys in (
        (court, "court", ("330100",), [court_key["publicJwk"]]),
        (other_court, "court", ("440300",), []),
        (customs, "customs", ("000000",), [customs_key["publicJwk"]]),
    ):
        body = partner_body(code, kind, jurisdiction=jurisdiction, keys=keys, channels=["kafka", "http"])
        registered = await admin.post("/v1/partners", json=body)
        assert registered.status_code == 201, registered.text
    contracts = {
        "jwksUrl": f"{partners.base_url}/.well-known/jwks.json",
        "asyncapiUrl": f"{partners.base_url}/asyncapi/partners.json",
    }
    async with httpx.AsyncClient() as anonymous:
        served_kids = {k["kid"] for k in (await anonymous.get(contracts["jwksUrl"])).json()["keys"]}

    # The partners service creates each partner's own topic (before its first event, as Kafka needs).
    await eventually(
        lambda: topics_exist(broker.bootstrap_servers, court, customs),
        within=30,
        what="the partners' feed topics",
    )
    # An infringement decision in the court's district becomes effective (adjudication's event).
    decision = decision_effective()
    await publish_event(
        broker.bootstrap_servers,
        decision,
        key=str(decision.case_id),
        source=f"/ipcase/{DISTRICT}/adjudication",
    )
    await kafka_feed_has(broker.bootstrap_servers, court, str(decision.case_id))
    await kafka_feed_has(broker.bootstrap_servers, customs, str(decision.case_id))

    # Both read their own feed over Kafka with KafkaJS: checked against schemas, AsyncAPI and JWKS.
    court_read = await partner(
        "read-kafka",
        brokers=[broker.bootstrap_servers],
        topic=feed_topic(court),
        partner=court,
        until={"type": "partner.court.decision_effective", "contains": decision.decision_no},
        **contracts,
    )
    customs_read = await partner(
        "read-kafka",
        brokers=[broker.bootstrap_servers],
        topic=feed_topic(customs),
        partner=customs,
        until={"type": "partner.customs.infringement_decided", "contains": decision.decision_no},
        **contracts,
    )
    for read, kind in ((court_read, "court"), (customs_read, "customs")):
        clean(read["messages"])
        assert {m["kid"] for m in read["messages"]} <= served_kids
        [seen] = [m for m in read["messages"] if m["data"].get("decision_no") == decision.decision_no]
        assert seen["type"].startswith(f"partner.{kind}.")
    customs_view = next(
        m for m in customs_read["messages"] if m["data"].get("decision_no") == decision.decision_no
    )
    assert customs_view["data"]["infringing_products"] == ["型号 A1 充电器"]

    # The court sends a signed assignment to its inbound topic: forwarded by the gateway, it opens a case.
    genuine = assignment(court, court)
    await partner(
        "send-kafka",
        brokers=[broker.bootstrap_servers],
        topic=COURT_INBOUND_TOPIC,
        event=genuine,
        privateJwk=court_key["privateJwk"],
    )
    await eventually(
        lambda: case_opened(mediation, genuine["data"]["assignment_id"]),
        within=45,
        what="the mediation case the court assigned",
    )

    # Forged: a key not registered to the court (under its kid), another court's code, no signature.
    impostor = await partner("keygen", kid=court_key["privateJwk"]["kid"])
    forged = {
        "wrong_key": (assignment(court, court), impostor["privateJwk"]),
        "other_courts_code": (assignment(court, other_court), court_key["privateJwk"]),
        "unsigned": (assignment(court, court), None),
    }
    for event, key in forged.values():
        await partner(
            "send-kafka",
            brokers=[broker.bootstrap_servers],
            topic=COURT_INBOUND_TOPIC,
            event=event,
            privateJwk=key,
        )
    last = forged["unsigned"][0]["id"]
    await kafka_feed_has(broker.bootstrap_servers, court, last)

    court_again = await partner(
        "read-kafka",
        brokers=[broker.bootstrap_servers],
        topic=feed_topic(court),
        partner=court,
        until={"type": "partner.court.message_rejected", "contains": [e["id"] for e, _ in forged.values()]},
        **contracts,
    )
    clean(court_again["messages"])
    rejections = {
        m["data"]["original_id"]: m["data"]
        for m in court_again["messages"]
        if m["type"] == "partner.court.message_rejected"
    }
    reasons = {name: rejections[event["id"]]["reason_code"] for name, (event, _) in forged.items()}
    assert reasons == {
        "wrong_key": "signature_invalid",
        "other_courts_code": "identity_mismatch",
        "unsigned": "signature_missing",
    }
    assert all(rejections[e["id"]]["reason"] and rejections[e["id"]]["reason_zh"] for e, _ in forged.values())
    for event, _ in forged.values():
        assert not await case_opened(mediation, event["data"]["assignment_id"])

    # The same through HTTP: the cursor feed carries what Kafka carried, checked the same way ...
    court_http = await partner(
        "read-http",
        baseUrl=partners.base_url,
        partner=court,
        token=token_of(partners, court, "court"),
        **contracts,
    )
    customs_http = await partner(
        "read-http",
        baseUrl=partners.base_url,
        partner=customs,
        token=token_of(partners, customs, "customs"),
        **contracts,
    )
    clean(court_http["messages"])
    clean(customs_http["messages"])
    assert {m["id"] for m in court_http["messages"]} == {m["id"] for m in court_again["messages"]}
    assert decision.decision_no in str([m["data"] for m in customs_http["messages"]])
    # ... another court's feed carries nothing of this district's decision nor of these messages ...
    elsewhere = await partner(
        "read-http",
        baseUrl=partners.base_url,
        partner=other_court,
        token=token_of(partners, other_court, "court"),
        **contracts,
    )
    assert elsewhere["messages"] == []
    # ... and a signed message over HTTP works while a forged one is refused onto the feed.
    court_token = token_of(partners, court, "court")
    by_http = assignment(court, court)
    sent = await partner(
        "send-http",
        baseUrl=partners.base_url,
        token=court_token,
        event=by_http,
        privateJwk=court_key["privateJwk"],
    )
    assert sent["status"] == 200 and sent["body"]["accepted"] is True, sent
    await eventually(
        lambda: case_opened(mediation, by_http["data"]["assignment_id"]),
        within=45,
        what="the case assigned over HTTP",
    )
    forged_http = assignment(court, court)
    refused = await partner(
        "send-http",
        baseUrl=partners.base_url,
        token=court_token,
        event=forged_http,
        privateJwk=impostor["privateJwk"],
    )
    assert refused["body"]["accepted"] is False, refused

    async def refusal_on_feed() -> bool:
        page = await partner(
            "read-http", baseUrl=partners.base_url, partner=court, token=court_token, **contracts
        )
        clean(page["messages"])
        return any(m["data"].get("original_id") == forged_http["id"] for m in page["messages"])

    await eventually(refusal_on_feed, within=30, what="the HTTP refusal on the court's feed")
    assert not await case_opened(mediation, forged_http["data"]["assignment_id"])

    # A genuine message that breaks a rule downstream (a ruling on no application) passes the gateway,
    # is refused by mediation, and comes back to the court as a business_rule rejection of its own id.
    ruling = {
        **assignment(court, court),
        "type": "court.confirmation.ruled",
        "dataschema": schema_uri("court.confirmation.ruled", 1),
        "data": {
            "application_id": str(uuid.uuid4()),
            "court_code": court,
            "ruling": "valid",
            "ruling_no": "（2026）浙0106民特1号",
            "ruled_at": "2026-12-06T10:00:00+08:00",
        },
    }
    forwarded = await partner(
        "send-http",
        baseUrl=partners.base_url,
        token=court_token,
        event=ruling,
        privateJwk=court_key["privateJwk"],
    )
    assert forwarded["body"]["accepted"] is True, forwarded

    async def business_refusal() -> bool:
        page = await partner(
            "read-http", baseUrl=partners.base_url, partner=court, token=court_token, **contracts
        )
        clean(page["messages"])
        return any(
            m["data"].get("original_id") == ruling["id"] and m["data"]["reason_code"] == "business_rule"
            for m in page["messages"]
        )

    await eventually(business_refusal, within=45, what="the business-rule refusal on the court's feed")
