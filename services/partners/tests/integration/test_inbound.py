"""The inbound gateway: a signed court message becomes the internal event (re-signed by the
gateway); forged ones (wrong key, another court's code, unsigned) become rejections on the sender's
feed and in the operators' list, and nothing is forwarded."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import httpx
from aiokafka import AIOKafkaProducer

from partners.testing import Register, partner_client, signed
from shared.contracts import court
from shared.contracts.common import IpType, PartyDetails
from shared.contracts.partner import COURT_INBOUND_TOPIC
from shared.signing import KeySet, SigningKey, event_from_kafka, sign_event, verify_event
from shared.testing.plugin import BrokerHandle
from shared.testing.services import RunningService
from shared.testing.waiting import eventually, read_topic
from shared.vocabulary import PartyKind


def assignment(court_code: str) -> court.MediationAssignedV1:
    return court.MediationAssignedV1(
        assignment_id=f"A-{uuid.uuid4().hex[:8]}",
        court_code=court_code,
        court_name="杭州市西湖区人民法院",
        kind=court.AssignmentKind.PRE_FILING,
        ip_type=IpType.INVENTION_PATENT,
        right_number="ZL202310000001.5",
        parties=(
            PartyDetails(kind=PartyKind.ORGANISATION, name="甲公司", credit_code="91350100M000100Y43"),
            PartyDetails(kind=PartyKind.ORGANISATION, name="乙公司", credit_code="91110000600001760P"),
        ),
        dispute_summary="专利侵权纠纷",
        assigned_at=dt.datetime(2026, 12, 1, 9, tzinfo=dt.UTC),
    )


async def send_kafka(bootstrap: str, event: dict[str, Any]) -> None:
    """Produce a structured event in the binary mode, as a court's own Kafka client would."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False)
    await producer.start()
    try:
        data = event["data"]
        headers = [("content-type", b"application/json")]
        headers += [
            (f"ce_{k}", str(v).encode()) for k, v in event.items() if k not in ("data", "datacontenttype")
        ]
        await producer.send_and_wait(
            COURT_INBOUND_TOPIC,
            key=b"k",
            value=json.dumps(data, ensure_ascii=False).encode(),
            headers=headers,
        )
    finally:
        await producer.stop()


async def feed_types(service: RunningService, code: str) -> list[dict[str, Any]]:
    response = await partner_client(service, code).get(f"/v1/feeds/{code}/events")
    assert response.status_code == 200, response.text
    events: list[dict[str, Any]] = response.json()["events"]
    return events


async def test_a_signed_ruling_over_http_is_forwarded_resigned_by_the_gateway(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    code, key = await register()
    message = signed(assignment(code), key, sender=code)
    answer = await partner_client(partners_service, code).post("/v1/inbound", json=message)
    assert answer.status_code == 200, answer.text
    assert answer.json()["accepted"] is True and answer.json()["partner"] == code
    forwarded_id = answer.json()["forwarded_id"]

    async with httpx.AsyncClient(base_url=partners_service.base_url) as anonymous:
        gateway_keys = KeySet.from_jwks((await anonymous.get("/v1/jwks")).json())
    records = await read_topic(broker.bootstrap_servers, "court.mediation", expected=1, within=15)
    mine = []
    for record in records:
        event, signature = event_from_kafka(record.headers, record.value)
        if event.get("id") == forwarded_id:
            mine.append((event, signature))
    ((event, signature),) = mine
    assert event["type"] == "court.mediation.assigned" and event["causationid"] == message["id"]
    assert event["data"]["court_code"] == code
    assert verify_event(event, signature, gateway_keys).kid in gateway_keys
    assert (await feed_types(partners_service, code)) == []


async def test_forged_messages_are_refused_on_the_senders_feed_and_never_forwarded(
    partners_service: RunningService, register: Register, broker: BrokerHandle, admin: httpx.AsyncClient
) -> None:
    code, key = await register()
    other, _ = await register()
    stranger = SigningKey.generate("EdDSA", kid=f"{code}-not-registered")
    forged = {
        "wrong_key": signed(assignment(code), stranger, sender=code),
        "other_code": signed(assignment(other), key, sender=code),
        "unsigned": signed(assignment(code), None, sender=code),
    }
    for message in forged.values():
        await send_kafka(broker.bootstrap_servers, message)
    good = signed(assignment(code), key, sender=code)
    await send_kafka(broker.bootstrap_servers, good)

    async def three_rejections() -> bool:
        return len(await feed_types(partners_service, code)) >= 3

    await eventually(three_rejections, within=20, what="three rejections on the court's feed")
    events = await feed_types(partners_service, code)
    assert {e["type"] for e in events} == {"partner.court.message_rejected"}
    reasons = {e["data"]["original_id"]: e["data"]["reason_code"] for e in events}
    assert reasons == {
        forged["wrong_key"]["id"]: "unknown_partner",
        forged["other_code"]["id"]: "identity_mismatch",
        forged["unsigned"]["id"]: "signature_missing",
    }
    assert all(e["data"]["reason"] and e["data"]["reason_zh"] for e in events)
    assert await feed_types(partners_service, other) == []

    listed = await admin.get("/v1/inbound/rejections", params={"partner": code})
    assert listed.status_code == 200
    assert {r["original_id"] for r in listed.json()["items"]} == set(reasons)

    async def good_forwarded() -> bool:
        records = await read_topic(broker.bootstrap_servers, "court.mediation", expected=1, within=2)
        causes = {event_from_kafka(r.headers, r.value)[0].get("causationid") for r in records}
        return good["id"] in causes

    await eventually(good_forwarded, within=20, what="the good message forwarded")
    records = await read_topic(broker.bootstrap_servers, "court.mediation", expected=1, within=2)
    causes = {event_from_kafka(r.headers, r.value)[0].get("causationid") for r in records}
    assert not causes & {m["id"] for m in forged.values()}


async def test_over_http_a_token_cannot_send_with_another_partners_key(
    partners_service: RunningService, register: Register
) -> None:
    mine, _ = await register()
    other, other_key = await register()
    message = signed(assignment(other), other_key, sender=other)
    answer = await partner_client(partners_service, mine).post("/v1/inbound", json=message)
    assert answer.json()["accepted"] is False and answer.json()["reason_code"] == "identity_mismatch"
    (notice,) = await feed_types(partners_service, mine)
    assert notice["data"]["original_id"] == message["id"]


async def test_a_schema_violation_is_refused_with_the_reason(
    partners_service: RunningService, register: Register
) -> None:
    code, key = await register()
    message = signed(assignment(code), None, sender=code)
    message["data"] = {**message["data"], "parties": []}
    message["ipcasesig"] = sign_event(message, key)
    answer = await partner_client(partners_service, code).post("/v1/inbound", json=message)
    assert answer.json()["accepted"] is False and answer.json()["reason_code"] == "schema_violation"
    assert "parties" in answer.json()["reason"]
