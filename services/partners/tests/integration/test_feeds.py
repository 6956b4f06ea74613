"""Projections onto partner feeds: addressing, signatures (served JWKS), the HTTP cursor feed,
long-poll, SSE with Last-Event-ID, replay from a date, the partner's own Kafka topic."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from partners.testing import PATENT, REQUESTER, RESPONDENT, Register, decision_issued, partner_client
from shared.contracts import adjudication as adj
from shared.contracts import intake, schema_uri
from shared.contracts import mediation as med
from shared.contracts.common import (
    IpType,
    MoneyAmount,
    Outcome,
    PartyDetails,
    RightRef,
    SubjectRef,
)
from shared.contracts.partner import feed_topic
from shared.identity.principals import Role
from shared.metrics import CONSUMER_BATCH_SIZE
from shared.signing import KeySet, SignatureInvalid, event_from_kafka, verify_event
from shared.testing.events import publish_event, publish_events
from shared.testing.plugin import BrokerHandle
from shared.testing.services import RunningService
from shared.testing.waiting import eventually, read_topic
from shared.vocabulary import PartyKind


def decision_effective(outcome: Outcome) -> adj.DecisionEffectiveV1:
    return adj.DecisionEffectiveV1(
        case_id=uuid.uuid4(),
        case_no="杭知裁字〔2026〕9号",
        decision_no="杭知裁决〔2026〕9号",
        outcome=outcome,
        respondents=(SubjectRef(name=RESPONDENT.name, credit_code=RESPONDENT.credit_code),),
        rights=(PATENT,),
        infringing_products=("型号 A1 充电器",),
        stop_order_scope=("停止销售",),
        decided_on=dt.date(2026, 11, 1),
        effective_on=dt.date(2026, 11, 20),
    )


async def feed_of(service: RunningService, code: str, kind: str = "court", **params: Any) -> dict[str, Any]:
    response = await partner_client(service, code, kind).get(f"/v1/feeds/{code}/events", params=params)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def wait_for_events(
    service: RunningService, code: str, count: int, kind: str = "court"
) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    async def arrived() -> bool:
        nonlocal found
        found = (await feed_of(service, code, kind))["events"]
        return len(found) >= count

    await eventually(arrived, what=f"{count} event(s) on {code}'s feed")
    return found


async def test_a_decision_reaches_the_courts_of_its_district_only_signed_and_minimised(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    here, _ = await register(jurisdiction=("330000",))
    elsewhere, _ = await register(jurisdiction=("440300",))
    data = decision_issued()
    await publish_event(
        broker.bootstrap_servers, data, key=str(data.case_id), source="/ipcase/330106/adjudication"
    )
    marker, _ = await register(jurisdiction=("440300",))
    # A later event for the other court proves the consumer went past ours before we look there.
    later = decision_issued()
    await publish_event(
        broker.bootstrap_servers, later, key=str(later.case_id), source="/ipcase/440305/adjudication"
    )

    (event,) = await wait_for_events(partners_service, here, 1)
    await wait_for_events(partners_service, marker, 1)
    other = await wait_for_events(partners_service, elsewhere, 1)
    assert [e["data"]["decision_no"] for e in other] == [later.decision_no]

    assert event["type"] == "partner.court.decision_issued" and event["seq"] == 1
    assert event["dataschema"] == schema_uri("partner.court.decision_issued", 1)
    body = event["data"]
    assert body["decision_no"] == data.decision_no and body["producer"] == "330106"
    assert body["patents"] == [{"ip_type": "invention_patent", "number": "ZL202310000001.5"}]
    assert {p["name"] for p in body["parties"]} == {REQUESTER.name, RESPONDENT.name}
    assert body["confidentiality"] == "restricted" and body["case_id"] == str(data.case_id)

    async with httpx.AsyncClient(base_url=partners_service.base_url) as anonymous:
        jwks = (await anonymous.get("/.well-known/jwks.json")).json()
        assert (await anonymous.get("/v1/jwks")).json() == jwks
    keyset = KeySet.from_jwks(jwks)
    unsigned = {k: v for k, v in event.items() if k not in ("ipcasesig", "seq")}
    assert verify_event(unsigned, event["ipcasesig"], keyset).kid in keyset
    tampered = {**unsigned, "data": {**body, "decision_no": "forged"}}
    with pytest.raises(SignatureInvalid):
        verify_event(tampered, event["ipcasesig"], keyset)


async def test_customs_gets_effective_infringement_findings_only(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    customs, _ = await register("customs", jurisdiction=("000000",))
    rejected = decision_effective(Outcome.REQUEST_REJECTED)
    found = decision_effective(Outcome.INFRINGEMENT_ESTABLISHED)
    for data in (rejected, found):
        await publish_event(
            broker.bootstrap_servers, data, key=str(data.case_id), source="/ipcase/330106/adjudication"
        )
    events = await wait_for_events(partners_service, customs, 1, "customs")
    marker = decision_effective(Outcome.INFRINGEMENT_ESTABLISHED)
    await publish_event(
        broker.bootstrap_servers, marker, key=str(marker.case_id), source="/ipcase/330106/adjudication"
    )
    events = await wait_for_events(partners_service, customs, 2, "customs")
    assert [e["data"]["case_id"] for e in events] == [str(found.case_id), str(marker.case_id)]
    first = events[0]
    assert first["type"] == "partner.customs.infringement_decided"
    assert first["data"]["respondents"][0]["credit_code"] == RESPONDENT.credit_code
    assert first["data"]["infringing_products"] == ["型号 A1 充电器"]


async def test_the_http_feed_pages_long_polls_streams_and_replays(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    code, _ = await register(jurisdiction=("330100",))
    first = decision_issued()
    await publish_event(
        broker.bootstrap_servers, first, key=str(first.case_id), source="/ipcase/330102/adjudication"
    )
    (one,) = await wait_for_events(partners_service, code, 1)
    assert one["seq"] == 1

    page = await feed_of(partners_service, code, after=1)
    assert page["events"] == [] and page["next_after"] == 1 and page["head"] == 1

    court = partner_client(partners_service, code)
    second = decision_issued()

    async def publish_soon() -> None:
        await asyncio.sleep(0.3)
        await publish_event(
            broker.bootstrap_servers, second, key=str(second.case_id), source="/ipcase/330102/adjudication"
        )

    publisher = asyncio.create_task(publish_soon())
    waited = await court.get(f"/v1/feeds/{code}/events", params={"after": 1, "wait": 20}, timeout=30)
    await publisher
    assert [e["seq"] for e in waited.json()["events"]] == [2]

    async with court.stream(
        "GET", f"/v1/feeds/{code}/events", headers={"accept": "text/event-stream", "last-event-id": "1"}
    ) as stream:
        assert stream.headers["content-type"].startswith("text/event-stream")
        ids: list[str] = []
        async for line in stream.aiter_lines():
            if line.startswith("id: "):
                ids.append(line.removeprefix("id: "))
            if line.startswith("data: "):
                assert json.loads(line.removeprefix("data: "))["seq"] == 2
                break
    assert ids == ["2"]

    replay = await feed_of(
        partners_service, code, since=(dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)).isoformat()
    )
    assert [e["seq"] for e in replay["events"]] == [1, 2]
    future = await feed_of(
        partners_service, code, since=(dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
    )
    assert future["events"] == []


async def test_a_partner_reads_only_its_own_feed(
    partners_service: RunningService, register: Register
) -> None:
    mine, _ = await register()
    other, _ = await register()
    court = partner_client(partners_service, mine)
    denied = await court.get(f"/v1/feeds/{other}/events")
    assert denied.status_code == 403 and denied.json()["code"] == "object_denied"
    too_many = await court.get(f"/v1/feeds/{mine}/events", params={"limit": 100000})
    assert too_many.status_code == 422


async def test_kafka_partners_get_their_feed_on_their_own_topic(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    code, _ = await register(jurisdiction=("330100",), channels=["kafka", "http"])
    async with httpx.AsyncClient(base_url=partners_service.base_url) as anonymous:
        keyset = KeySet.from_jwks((await anonymous.get("/v1/jwks")).json())

    async def topic_exists() -> bool:
        from aiokafka.admin import AIOKafkaAdminClient

        admin = AIOKafkaAdminClient(bootstrap_servers=broker.bootstrap_servers)
        await admin.start()
        try:
            return feed_topic(code) in await admin.list_topics()
        finally:
            await admin.close()

    await eventually(topic_exists, what="the partner's feed topic")
    data = decision_issued()
    await publish_event(
        broker.bootstrap_servers, data, key=str(data.case_id), source="/ipcase/330102/adjudication"
    )
    (record,) = await read_topic(broker.bootstrap_servers, feed_topic(code), expected=1)
    event, signature = event_from_kafka(record.headers, record.value)
    assert event["type"] == "partner.court.decision_issued"
    assert verify_event(event, signature, keyset).kid in keyset


async def test_a_partner_has_its_topic_as_soon_as_it_is_registered_and_an_event_right_after_reaches_it(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    """The topic is made before the registration commits, not by the keeper's sweep a while later."""
    from aiokafka.admin import AIOKafkaAdminClient

    code, _ = await register(jurisdiction=("330100",), channels=["kafka"])
    admin = AIOKafkaAdminClient(bootstrap_servers=broker.bootstrap_servers)
    await admin.start()
    try:
        assert feed_topic(code) in await admin.list_topics()  # no waiting: it exists already
    finally:
        await admin.close()
    data = decision_issued()
    await publish_event(
        broker.bootstrap_servers, data, key=str(data.case_id), source="/ipcase/330102/adjudication"
    )
    records = await read_topic(broker.bootstrap_servers, feed_topic(code), expected=1)
    assert [event_from_kafka(r.headers, r.value)[0]["data"]["decision_no"] for r in records] == [
        data.decision_no
    ]


async def test_penalties_and_right_status_changes_reach_customs_and_courts_through_the_feed(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    """§H rows of issues 14/15 end to end: a trademark penalty to the customs office and the court of
    the district, a right's new status (public register data) to every customs office."""
    customs_here, _ = await register("customs", jurisdiction=("330000",))
    customs_far, _ = await register("customs", jurisdiction=("440300",))
    court_here, _ = await register("court", jurisdiction=("330100",))
    penalty = adj.PenaltyDecidedV1(
        case_id=uuid.uuid4(),
        case_no="杭市监罚〔2026〕11号",
        decision_no=f"杭市监罚决〔2026〕{uuid.uuid4().int % 1000}号",
        law=adj.PenaltyLaw.TRADEMARK,
        severity=adj.PenaltySeverity.STANDARD,
        subject=SubjectRef(name=RESPONDENT.name, credit_code=RESPONDENT.credit_code),
        fine=MoneyAmount(amount=50000),
        products=("运动鞋",),
        marks=("某某牌",),
        decided_on=dt.date(2026, 12, 1),
    )
    status = intake.IpRightStatusChangedV1(
        right=RightRef(ip_type=IpType.TRADEMARK, number=f"TM{uuid.uuid4().int % 10**8}", holder="甲公司"),
        previous_status="valid",
        new_status="invalidated",
        effective_date=dt.date(2026, 11, 30),
    )
    await publish_event(
        broker.bootstrap_servers, penalty, key=str(penalty.case_id), source="/ipcase/330106/adjudication"
    )
    await publish_event(
        broker.bootstrap_servers, status, key=status.right.number, source="/ipcase/330100/intake"
    )

    def ours(event: dict[str, Any]) -> bool:
        data = event["data"]
        return bool(
            data.get("decision_no") == penalty.decision_no
            or data.get("right", {}).get("number") == status.right.number
        )

    near: list[dict[str, Any]] = []

    async def both_arrived() -> bool:
        # Public events reach every customs office's feed, those other tests published included.
        near[:] = [e for e in (await feed_of(partners_service, customs_here, "customs"))["events"] if ours(e)]
        return len(near) >= 2

    await eventually(both_arrived, what=f"the penalty and the status change on {customs_here}'s feed")
    by_type = {e["type"]: e["data"] for e in near}
    assert set(by_type) == {"partner.customs.penalty_decided", "partner.customs.right_status_changed"}
    assert by_type["partner.customs.penalty_decided"]["decision_no"] == penalty.decision_no
    assert by_type["partner.customs.penalty_decided"]["marks"] == ["某某牌"]
    changed = by_type["partner.customs.right_status_changed"]
    assert changed["confidentiality"] == "public" and changed["new_status"] == "invalidated"
    assert changed["right"] == {"ip_type": "trademark", "number": status.right.number}

    async def far_office_has_it() -> bool:
        events = (await feed_of(partners_service, customs_far, "customs"))["events"]
        return any(e["data"].get("right", {}).get("number") == status.right.number for e in events)

    await eventually(far_office_has_it, what="the status change at a port office far away")
    (to_court,) = await wait_for_events(partners_service, court_here, 1)
    assert to_court["type"] == "partner.court.penalty_decided"
    assert to_court["data"]["law"] == "trademark" and Decimal(to_court["data"]["fine"]["amount"]) == 50000


async def test_an_evaluation_report_reaches_every_customs_office_through_the_feed(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    """§H.2 ``evaluation_report.issued`` end to end (issue 15): patent no. and conclusion, public, at
    a port office in another province too."""
    customs_near, _ = await register("customs", jurisdiction=("330000",))
    customs_far, _ = await register("customs", jurisdiction=("440300",))
    report = intake.IpRightEvaluationReportedV1(
        right=RightRef(
            ip_type=IpType.UTILITY_MODEL, number=f"ZL20232{uuid.uuid4().int % 10**7:07d}.X", holder="甲公司"
        ),
        report_no=f"PJ-{uuid.uuid4().hex[:8]}",
        conclusion="no_defect",
        issued_on=dt.date(2026, 11, 20),
        recorded_at=dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC),
    )
    await publish_event(
        broker.bootstrap_servers, report, key=report.right.number, source="/ipcase/330100/intake"
    )

    for office in (customs_near, customs_far):

        async def has_it(code: str = office) -> bool:
            events = (await feed_of(partners_service, code, "customs"))["events"]
            return any(e["data"].get("report_no") == report.report_no for e in events)

        await eventually(has_it, what=f"the evaluation report at customs office {office}")
    events = (await feed_of(partners_service, customs_far, "customs"))["events"]
    (issued,) = [e for e in events if e["data"].get("report_no") == report.report_no]
    assert issued["type"] == "partner.customs.evaluation_report_issued"
    data = issued["data"]
    assert data["confidentiality"] == "public" and data["conclusion"] == "no_defect"
    assert data["patent"] == {"ip_type": "utility_model", "number": report.right.number}
    assert data["issued_on"] == "2026-11-20" and "甲公司" not in str(data)


def settlement(*goods: med.GoodsCovered) -> med.AgreementSignedV1:
    return med.AgreementSignedV1(
        case_id=uuid.uuid4(),
        case_no=f"M-{uuid.uuid4().hex[:6]}",
        agreement_id=uuid.uuid4(),
        agreement_no=f"杭调协〔2026〕{uuid.uuid4().int % 1000}号",
        kind=med.MediationKind.PEOPLE,
        origin=med.Origin.COMPLAINT,
        origin_id="c-1",
        organisation="杭州市知识产权纠纷人民调解委员会",
        mediator="李四",
        parties=(
            PartyDetails(
                kind=PartyKind.INDIVIDUAL, name="张三", id_number_masked="3301**********123X", phone="1"
            ),
            PartyDetails(
                kind=PartyKind.ORGANISATION, name=RESPONDENT.name, credit_code=RESPONDENT.credit_code
            ),
        ),
        facts="双方就商标侵权达成和解",
        terms=("权利人撤回扣留申请",),
        performance_manner="当场履行",
        effective_at=dt.datetime(2026, 12, 5, 17, 0, tzinfo=dt.UTC),
        confirmation_eligible=True,
        goods_covered=goods,
    )


async def test_a_settlement_covering_goods_reaches_the_detaining_port_or_every_office_through_the_feed(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    """§H.2 ``mediation.settlement_covering_goods`` end to end (issue 15): goods and minimised parties,
    to the port that detains them; goods named without a port to every customs office."""
    port, _ = await register("customs", jurisdiction=("310000",))
    far, _ = await register("customs", jurisdiction=("440300",))
    shoes = med.GoodsCovered(
        description="运动鞋",
        quantity="1200 双",
        hs_code="6404110000",
        customs_ref="2026-0001",
        port_code=port,
    )
    detained = settlement(shoes)
    loose = settlement(med.GoodsCovered(description="模具", quantity="3 套"))
    for data in (detained, loose):
        await publish_event(
            broker.bootstrap_servers, data, key=str(data.case_id), source="/ipcase/330106/mediation"
        )

    def settled(events: list[dict[str, Any]], data: med.AgreementSignedV1) -> list[dict[str, Any]]:
        return [e for e in events if e["data"].get("case_no") == data.case_no]

    async def received(code: str, data: med.AgreementSignedV1) -> bool:
        return bool(settled((await feed_of(partners_service, code, "customs"))["events"], data))

    await eventually(lambda: received(port, detained), what="the settlement at the detaining port")
    await eventually(lambda: received(far, loose), what="a settlement without a port at a far office")
    (at_port,) = settled((await feed_of(partners_service, port, "customs"))["events"], detained)
    assert at_port["type"] == "partner.customs.settlement_covering_goods"
    data = at_port["data"]
    assert data["goods_covered"] == [
        {"description": "运动鞋", "quantity": "1200 双", "hs_code": "6404110000", "customs_ref": "2026-0001"}
    ]
    assert [p["name"] for p in data["settling_parties"]] == ["张三", RESPONDENT.name]
    assert data["settling_parties"][0]["id_number_masked"] == "3301**********123X"
    assert data["effective_on"] == "2026-12-06" and "phone" not in str(data) and "和解" not in str(data)


async def test_not_even_an_admin_reads_a_partners_feed(
    partners_service: RunningService, register: Register
) -> None:
    code, _ = await register()
    person = partners_service.client(Role.ADMIN, Role.COURT, subject="curious-admin")
    denied = await person.get(f"/v1/feeds/{code}/events")
    assert denied.status_code == 403 and denied.json()["code"] == "object_denied"


async def test_a_burst_is_projected_in_batches_with_gap_free_seqs_each_event_once(
    partners_service: RunningService, register: Register, broker: BrokerHandle
) -> None:
    """The projection consumer applies a fetch in one transaction; the feed entries of the whole
    batch are written at its commit, so seqs stay gap-free, in order and each event lands once."""
    court, _ = await register(jurisdiction=("330000",))
    histogram = CONSUMER_BATCH_SIZE.labels("partners.projection")
    transactions_before = _observations(histogram)
    burst = [decision_issued() for _ in range(30)]
    await publish_events(
        broker.bootstrap_servers,
        [(data, str(data.case_id)) for data in burst],
        source="/ipcase/330106/adjudication",
    )

    events = await wait_for_events(partners_service, court, len(burst))
    assert [e["seq"] for e in events] == list(range(1, len(burst) + 1))
    assert sorted(e["data"]["decision_no"] for e in events) == sorted(d.decision_no for d in burst)
    transactions = _observations(histogram) - transactions_before
    assert 0 < transactions < len(burst), "batched: fewer transactions than events"


def _observations(histogram: Any) -> float:
    return float(next(s.value for m in histogram.collect() for s in m.samples if s.name.endswith("_count")))
