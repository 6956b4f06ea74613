"""A whole adjudication case over HTTP and the real broker: a routed complaint (as intake publishes it)
to the docket, the answer period running out, the decision, the litigation windows, the effective
decision, the demand and the court application, and the court's ruling that leads to the credit event.

The other services are being built in parallel, so their side is played through the agreed contracts:
the test publishes ``intake.complaint.routed`` and ``court.enforcement.ruled`` and reads what
adjudication publishes on ``adjudication.case``. Legal dates lie in the past, so the service's own
worker fires the statutory timers at once.
"""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import timedelta
from typing import Any

from shared.calendar import SHANGHAI
from shared.contracts import CloudEvent
from shared.contracts.common import PartyDetails, RightRef
from shared.contracts.court import EnforcementRuledV1
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.testing.events import publish_event as publish
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.waiting import eventually, read_topic
from shared.vocabulary import IpType, PartyKind
from shared.web.auth import Role

TOPIC = "adjudication.case"


def ago(days: int) -> str:
    return str(dt.datetime.now(SHANGHAI).date() - timedelta(days=days))


async def published(bootstrap: str, case_id: str, event_type: str, *, count: int = 1) -> list[CloudEvent]:
    """Adjudication's events of ``event_type`` for the case, once ``count`` of them are on the topic."""
    found: list[CloudEvent] = []

    async def arrived() -> bool:
        records = await read_topic(bootstrap, TOPIC, expected=1, within=2)
        events = (CloudEvent.from_kafka(r.headers, r.value) for r in records if r.key == case_id.encode())
        found[:] = [e for e in events if e.type == event_type]
        return len(found) >= count

    await eventually(arrived, within=30, what=f"{count} {event_type} for {case_id}")
    return found


async def step(client: Any, case_id: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post(f"/v1/cases/{case_id}/{path}", json=body)
    assert response.status_code == 200, f"{path}: {response.text}"
    read: dict[str, Any] = response.json()
    return read


async def until_state(client: Any, case_id: str, state: str) -> None:
    async def reached() -> bool:
        return bool((await client.get(f"/v1/cases/{case_id}")).json()["state"] == state)

    await eventually(reached, within=30, what=f"{case_id} in {state}")


async def test_a_complaint_becomes_an_effective_enforced_decision_and_a_credit_event(
    start_service: Any, broker: Any
) -> None:
    office = "110108"
    service = await start_service(
        "adjudication",
        run_workers=True,
        office_code=office,
        office_abbreviation="京海",
        office_name="北京市海淀区知识产权局",
        timer_poll_interval=timedelta(milliseconds=100),
    )
    staff = service.client(Role.STAFF, subject="handler-wang")
    panel = service.client(Role.ADJUDICATOR, subject="judge-li")
    respondent_code = random_uscc()
    complaint = ComplaintRoutedV1(
        complaint_id=uuid.uuid4(),
        reference="TS2026-00009999",
        destination=Destination.ADJUDICATION,
        procedure="ordinary",
        routing_rule="patent_infringement",
        routing_reason="专利侵权纠纷",
        ip_type=IpType.INVENTION_PATENT,
        rights=(RightRef(ip_type=IpType.INVENTION_PATENT, number=random_patent_number()),),
        complainant=PartyDetails(
            kind=PartyKind.ORGANISATION, name=random_name("专利权人"), credit_code=random_uscc()
        ),
        respondents=(
            PartyDetails(
                kind=PartyKind.ORGANISATION,
                name=random_name("被请求人"),
                credit_code=respondent_code,
                region_code=office,
            ),
        ),
        facts="被请求人销售落入权利要求1保护范围的产品。",
        received_at=dt.datetime.now(SHANGHAI) - timedelta(days=170),
        routed_at=dt.datetime.now(SHANGHAI) - timedelta(days=170),
    )
    await publish(
        broker.bootstrap_servers, complaint, key=str(complaint.complaint_id), source="/ipcase/000000/intake"
    )

    async def opened() -> bool:
        items = (await staff.get("/v1/cases", params={"complaint_id": str(complaint.complaint_id)})).json()
        return bool(items["items"])

    await eventually(opened, within=30, what="the case for the routed complaint")
    case_id = (await staff.get("/v1/cases", params={"complaint_id": str(complaint.complaint_id)})).json()[
        "items"
    ][0]["id"]

    head = service.client(Role.OFFICE_HEAD, subject="head-zhou")
    await step(
        staff,
        case_id,
        "docket",
        {
            "docketed_on": ago(168),
            "jurisdiction": {"basis": "respondent_domicile"},
            "checklist": {
                "requester_entitled": True,
                "respondent_identified": True,
                "claims_specific": True,
                "patent_valid": True,
            },
        },
    )
    docketed = (await head.post(f"/v1/cases/{case_id}/docket/approval")).json()  # the head approves
    assert docketed["docket_no"].startswith("（") and "京海知裁字第" in docketed["docket_no"]
    await step(
        staff,
        case_id,
        "request-copy-services",
        {"party_id": "respondent-1", "method": "post", "served_on": ago(166)},
    )
    await until_state(staff, case_id, "IN_REVIEW")  # no answer: the answer period ran out (timer)

    for person, role in (
        ("judge-li", "presiding"),
        ("judge-zhang", "panel_member"),
        ("judge-zhao", "panel_member"),
    ):
        # staff of the office organise the panel; only its members decide
        await step(staff, case_id, "participants", {"person_id": person, "name": person, "role": role})
    proposed = await step(
        panel,
        case_id,
        "decision",
        {
            "outcome": "INFRINGEMENT_ESTABLISHED",
            "requester_statement": "请求人称……",
            "respondent_statement": "未答辩",
            "findings": "被诉产品落入权利要求1的保护范围。",
            "reasons": "被请求人未经许可销售专利产品。",
            "stop_order": {
                "acts": ["sell", "offer_to_sell"],
                "products": ["X1型电动牙刷"],
                "measures": ["no_disposal_of_stock", "remove_offers"],
            },
            "decided_on": ago(140),
        },
    )
    assert proposed["state"] == "IN_REVIEW"  # awaits the office head's approval
    decided = (await head.post(f"/v1/cases/{case_id}/decision/approval")).json()
    assert decided["state"] == "DECIDED"
    for party in ("requester", "respondent-1"):
        await step(
            staff,
            case_id,
            "decision-services",
            {"party_id": party, "method": "in_person", "served_on": ago(135)},
        )
    await until_state(staff, case_id, "EFFECTIVE")  # both 15-day windows passed with no suit (timers)

    (effective,) = await published(broker.bootstrap_servers, case_id, "adjudication.decision_effective")
    assert effective.data["respondents"][0]["credit_code"] == respondent_code
    assert effective.data["stop_order_scope"] == ["sell", "offer_to_sell"]
    assert effective.source == f"/ipcase/{office}/adjudication"

    await step(
        staff,
        case_id,
        "compliance-checks",
        {"checked_on": ago(100), "complied": False, "findings": "仍在网店销售", "inspector": "执法员"},
    )
    demanded = await step(staff, case_id, "enforcement-demand", {"served_on": ago(98), "method": "in_person"})
    assert demanded["state"] == "ENFORCEMENT_DEMAND_SENT"
    (demand,) = await published(broker.bootstrap_servers, case_id, "adjudication.enforcement_demand_served")
    assert demand.data["earliest_application_date"] < ago(60)
    applied = await step(
        panel,
        case_id,
        "enforcement-application",
        {
            "court_code": "110108",
            "court_name": "北京市海淀区人民法院",
            "application_no": "京海知强申〔2026〕1号",
            "applied_on": ago(60),
            "object_of_enforcement": ["停止销售X1型电动牙刷"],
            "facts_and_reasons": "逾期不履行",
        },
    )
    assert applied["state"] == "ENFORCEMENT_APPLIED"

    ruling = EnforcementRuledV1(
        case_id=uuid.UUID(case_id),
        court_code="110108",
        ruling_no="（2026）京0108行审9号",
        granted=True,
        ruled_on=dt.datetime.now(SHANGHAI).date() - timedelta(days=50),
    )
    await publish(broker.bootstrap_servers, ruling, key=case_id, source="/court/110108")
    await until_state(staff, case_id, "CLOSED")

    (refused,) = await published(broker.bootstrap_servers, case_id, "adjudication.performance_refused")
    assert refused.data["subject"]["credit_code"] == respondent_code
    assert refused.data["enforcement_ruling_no"] == "（2026）京0108行审9号"
    assert refused.data["decision_no"] == effective.data["decision_no"]
    transitions = await published(
        broker.bootstrap_servers, case_id, "adjudication.case.transitioned", count=10
    )
    assert [t.data["to_state"] for t in transitions] == [
        "DOCKETED",
        "SERVED_ON_RESPONDENT",
        "ANSWER_PERIOD",
        "IN_REVIEW",
        "DECIDED",
        "LITIGATION_WINDOW",
        "EFFECTIVE",
        "ENFORCEMENT_DEMAND_SENT",
        "ENFORCEMENT_APPLIED",
        "CLOSED",
    ]
