"""A detention's court route (issue 15): staff link the complaint filed for the detained goods; the
detention and its timeline show the case the complaint became, with its state now and its label."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from intake.testing import complaint_body, publish
from shared.calendar import SHANGHAI
from shared.contracts.adjudication import CaseKind, CaseOpenedV1, CaseTransitionedV1
from shared.identity.principals import PrincipalKind
from shared.testing.plugin import BrokerHandle
from shared.testing.refs import random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.web.auth import Role

TODAY = dt.datetime.now(SHANGHAI).date()
NOW = dt.datetime.now(SHANGHAI)


async def test_a_linked_complaints_case_shows_on_the_detention_with_its_state_now(
    intake: RunningService, broker: BrokerHandle
) -> None:
    port = intake.client(Role.CUSTOMS, subject="port-5100", kind=PrincipalKind.CUSTOMS, partner="5100")
    staff = intake.client(Role.STAFF, subject="staff-1")
    number, consignee = random_patent_number(), random_uscc()
    notice = {
        "route": "ex_officio",
        "customs_ref": f"NB-{uuid.uuid4().hex[:10]}",
        "ip_type": "invention_patent",
        "ip_reg_no": number,
        "holder": {"name": "宁波某某服饰有限公司", "credit_code": random_uscc()},
        "goods": {"description": "运动鞋", "value": "30000"},
        "consignee": {"name": "某某进出口有限公司", "credit_code": consignee},
        "served_on": TODAY.isoformat(),
    }
    detention = (await port.post("/v1/customs/detentions", json=notice)).json()
    respondent = {"kind": "organisation", "name": "某某进出口有限公司", "credit_code": consignee}
    complaint = (
        await staff.post("/v1/complaints", json=complaint_body(right_number=number, respondents=[respondent]))
    ).json()
    other = (await staff.post("/v1/complaints", json=complaint_body())).json()
    links = f"/v1/customs/detentions/{detention['id']}/links"

    refused = await staff.post(links, json={"complaint_id": other["id"]})
    assert refused.status_code == 409, refused.text
    assert refused.json()["code"] == "detention_rule_broken"
    assert other["reference"] in refused.json()["detail_en"] and refused.json()["detail"]
    assert (await port.post(links, json={"complaint_id": complaint["id"]})).status_code == 403
    elsewhere = intake.client(Role.STAFF, subject="staff-far", office="440300")
    assert (await elsewhere.post(links, json={"complaint_id": complaint["id"]})).status_code == 403

    linked = await staff.post(links, json={"complaint_id": complaint["id"]})
    assert linked.status_code == 200, linked.text
    (case,) = linked.json()["linked_cases"]
    assert (case["reference"], case["respondent_matches"], case["service"]) == (
        complaint["reference"],
        True,
        None,
    )
    assert case["complaint_status_label_zh"] and case["linked_at"].endswith("+08:00")
    again = await staff.post(links, json={"complaint_id": complaint["id"]})
    assert again.status_code == 200 and again.json()["linked_complaints"] == [complaint["id"]]

    case_id = uuid.uuid4()
    opened = CaseOpenedV1(
        case_id=case_id, case_no="AD2026-77", complaint_id=complaint["id"], state="SUBMITTED", opened_at=NOW
    )
    docketed = CaseTransitionedV1(
        case_id=case_id,
        case_kind=CaseKind.INFRINGEMENT_DISPUTE,
        case_no="AD2026-77",
        transition="docket",
        event="CaseDocketed",
        from_state="SUBMITTED",
        to_state="DOCKETED",
        actor_kind="handler",
        actor_id="h-1",
        occurred_at=NOW + dt.timedelta(minutes=5),
    )
    await publish(broker.bootstrap_servers, opened, str(case_id))
    await publish(broker.bootstrap_servers, docketed, str(case_id))
    seen: dict[str, Any] = {}

    async def docketed_shows() -> bool:
        body = (await staff.get(f"/v1/customs/detentions/{detention['id']}")).json()
        seen.update(body["linked_cases"][0])
        return bool(seen["state"] == "DOCKETED")

    await eventually(docketed_shows, within=20, what="the linked case docketed")
    assert (seen["service"], seen["case_id"], seen["case_no"]) == ("adjudication", str(case_id), "AD2026-77")
    assert seen["state_label"] and seen["state_label_zh"] and seen["updated_at"].endswith("+08:00")

    timeline = (await staff.get(f"/v1/customs/detentions/{detention['id']}/timeline")).json()
    assert "CustomsComplaintLinked" in [item["name"] for item in timeline["items"]]
    assert timeline["linked_cases"][0]["state"] == "DOCKETED"
    assert (await port.get(f"/v1/customs/detentions/{detention['id']}")).json()["linked_cases"] == []
