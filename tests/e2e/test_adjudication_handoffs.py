"""Adjudication's hand-off from the courts over the broker: a court upholding a decision. The court is
played through its contracts. (In-case mediation with the real mediation service is in
``test_system_in_case_mediation.py``.)"""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import timedelta
from typing import Any

from shared.calendar import SHANGHAI
from shared.contracts import CloudEvent
from shared.contracts.common import PartyDetails, RightRef
from shared.contracts.court import AdminSuitFiledV1, AdminSuitJudgedV1, JudgmentResult
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.testing.events import publish_event as publish
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.waiting import eventually, read_topic
from shared.vocabulary import IpType, PartyKind
from shared.web.auth import Role

OFFICE = "110105"


def ago(days: int) -> dt.date:
    return dt.datetime.now(SHANGHAI).date() - timedelta(days=days)


async def first_event(bootstrap: str, case_id: str, event_type: str) -> CloudEvent:
    found: list[CloudEvent] = []

    async def arrived() -> bool:
        records = await read_topic(bootstrap, "adjudication.case", expected=1, within=2)
        found[:] = [
            e
            for e in (CloudEvent.from_kafka(r.headers, r.value) for r in records if r.key == case_id.encode())
            if e.type == event_type
        ]
        return bool(found)

    await eventually(arrived, within=30, what=f"{event_type} for {case_id}")
    return found[0]


async def case_in_review(service: Any, broker: Any) -> tuple[Any, str]:
    staff = service.client(Role.STAFF)
    complaint = ComplaintRoutedV1(
        complaint_id=uuid.uuid4(),
        reference=f"TS-{uuid.uuid4().hex[:6]}",
        destination=Destination.ADJUDICATION,
        procedure="ordinary",
        routing_rule="r",
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
                credit_code=random_uscc(),
                region_code=OFFICE,
            ),
        ),
        facts="事实",
        received_at=dt.datetime.now(SHANGHAI) - timedelta(days=60),
        routed_at=dt.datetime.now(SHANGHAI) - timedelta(days=60),
    )
    await publish(
        broker.bootstrap_servers, complaint, key=str(complaint.complaint_id), source="/ipcase/000000/intake"
    )
    case_ids: list[str] = []

    async def opened() -> bool:
        items = (await staff.get("/v1/cases", params={"complaint_id": str(complaint.complaint_id)})).json()[
            "items"
        ]
        case_ids[:] = [c["id"] for c in items]
        return bool(items)

    await eventually(opened, within=30, what="the case")
    case_id = case_ids[0]
    for path, body in (
        (
            "docket",
            {
                "docketed_on": str(ago(58)),
                "jurisdiction": {"basis": "respondent_domicile"},
                "checklist": {
                    "requester_entitled": True,
                    "respondent_identified": True,
                    "claims_specific": True,
                    "patent_valid": True,
                },
            },
        ),
        ("request-copy-services", {"party_id": "respondent-1", "method": "post", "served_on": str(ago(56))}),
        ("answers", {"party_id": "respondent-1", "received_on": str(ago(50)), "summary": "答辩"}),
    ):
        response = await staff.post(f"/v1/cases/{case_id}/{path}", json=body)
        assert response.status_code == 200, response.text
        if path == "docket":  # acceptance is the office head's to approve
            head = service.client(Role.OFFICE_HEAD, subject="head-zhou")
            approved = await head.post(f"/v1/cases/{case_id}/docket/approval")
            assert approved.status_code == 200, approved.text
    return staff, case_id


async def until_state(client: Any, case_id: str, state: str) -> dict[str, Any]:
    read: dict[str, Any] = {}

    async def reached() -> bool:
        read.update((await client.get(f"/v1/cases/{case_id}")).json())
        return bool(read["state"] == state)

    await eventually(reached, within=30, what=f"{case_id} in {state}")
    return read


async def test_a_court_upholding_the_decision_makes_it_effective(start_service: Any, broker: Any) -> None:
    service = await start_service(
        "adjudication", run_workers=True, office_code=OFFICE, office_abbreviation="京朝"
    )
    staff, case_id = await case_in_review(service, broker)
    panel = service.client(Role.ADJUDICATOR, subject="judge-chen")
    seated = await staff.post(
        f"/v1/cases/{case_id}/participants",
        json={"person_id": "judge-chen", "name": "陈审理员", "role": "handler"},
    )
    assert seated.status_code == 200, seated.text
    proposed = await panel.post(
        f"/v1/cases/{case_id}/decision",
        json={
            "outcome": "REQUEST_REJECTED",
            "requester_statement": "称",
            "respondent_statement": "辩",
            "findings": "被诉产品未落入保护范围",
            "reasons": "侵权不成立",
            "decided_on": str(ago(30)),
        },
    )
    assert proposed.status_code == 200, proposed.text
    decided = await service.client(Role.OFFICE_HEAD, subject="head-zhou").post(
        f"/v1/cases/{case_id}/decision/approval"
    )
    assert decided.status_code == 200, decided.text
    issued = await first_event(broker.bootstrap_servers, case_id, "adjudication.decision_issued")
    assert issued.data["outcome"] == "REQUEST_REJECTED" and "十五日内" in issued.data["litigation_route"]
    served = await staff.post(
        f"/v1/cases/{case_id}/decision-services",
        json={"party_id": "requester", "method": "electronic", "served_on": str(ago(28))},
    )
    assert served.json()["state"] == "LITIGATION_WINDOW"
    notice = await first_event(broker.bootstrap_servers, case_id, "adjudication.decision_served")
    assert notice.data["party_role"] == "requester" and notice.data["litigation_deadline"] >= str(ago(13))

    court = "/court/110105"
    decision_no = issued.data["decision_no"]
    await publish(
        broker.bootstrap_servers,
        AdminSuitFiledV1(
            case_id=uuid.UUID(case_id),
            decision_no=decision_no,
            court_code="110105",
            court_case_no="（2026）京73行初12号",
            plaintiff=issued.data["requester"]["name"],
            filed_on=ago(20),
        ),
        key=case_id,
        source=court,
    )
    await until_state(staff, case_id, "UNDER_ADMIN_LITIGATION")
    await publish(
        broker.bootstrap_servers,
        AdminSuitJudgedV1(
            case_id=uuid.UUID(case_id),
            decision_no=decision_no,
            court_code="110105",
            court_case_no="（2026）京73行初12号",
            result=JudgmentResult.UPHELD,
            judgment_no="（2026）京73行初12号判决",
            effective_on=ago(2),
        ),
        key=case_id,
        source=court,
    )

    read = await until_state(staff, case_id, "EFFECTIVE")
    assert read["effective_on"] == str(ago(2))
    effective = await first_event(broker.bootstrap_servers, case_id, "adjudication.decision_effective")
    assert effective.data["upheld_by_court"] is True
    closed = await staff.post(f"/v1/cases/{case_id}/closure", json={"note": "驳回请求的裁决已生效"})
    assert closed.json()["state"] == "CLOSED"
