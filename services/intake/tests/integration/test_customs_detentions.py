"""Detentions in intake: forwarded customs messages (the gateway's entry point), the holder's 3-WD
lapse by the timer, and who reaches which detention."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from intake.entrypoints.customs_inbound import UnknownCustomsMessage, inbound_command
from shared.calendar import SHANGHAI, add_working_days
from shared.errors import ValidationFailed
from shared.identity.principals import PrincipalKind
from shared.testing.events import fire_due_timers
from shared.testing.refs import random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.web.auth import Role

TODAY = dt.datetime.now(SHANGHAI).date()
NOW = dt.datetime.now(SHANGHAI)


def notified(number: str, route: str = "ex_officio") -> dict[str, Any]:
    return {
        "route": route,
        "customs_ref": f"NB-{uuid.uuid4().hex[:10]}",
        "ip_type": "invention_patent",
        "ip_reg_no": number,
        "holder": {"name": "宁波某某服饰有限公司", "credit_code": random_uscc()},
        "goods": {"description": "运动鞋", "value": "30000"},
        "served_on": TODAY.isoformat(),
    }


async def test_forwarded_messages_take_the_same_path_as_the_rest_routes(intake: RunningService) -> None:
    bus = intake.container.bus
    body = notified(random_patent_number())
    case = await bus.handle(inbound_command("detention_notified", body, port_code="3100", at=NOW))
    again = await bus.handle(inbound_command("detention_notified", body, port_code="3100", at=NOW))
    assert again.id == case.id and case.state == "HOLDER_NOTIFIED"
    guarantee = {"amount": "30000", "form": "cash"}
    detained = {"customs_ref": body["customs_ref"], "detained_on": TODAY.isoformat(), "guarantee": guarantee}
    await bus.handle(inbound_command("detained", detained, port_code="3100", at=NOW))
    ref = {"customs_ref": body["customs_ref"]}
    await bus.handle(inbound_command("investigation_started", dict(ref), port_code="3100", at=NOW))
    await bus.handle(
        inbound_command(
            "infringement_determined", {**ref, "finding": "假冒注册商标"}, port_code="3100", at=NOW
        )
    )
    done = await bus.handle(inbound_command("confiscated", dict(ref), port_code="3100", at=NOW))
    assert done.state == "CONFISCATED"

    port = intake.client(Role.CUSTOMS, subject="port-3100", kind=PrincipalKind.CUSTOMS, partner="3100")
    timeline = (await port.get(f"/v1/customs/detentions/{case.id}/timeline")).json()["items"]
    assert [i["to_state"] for i in timeline if i["step"]] == [
        "HOLDER_NOTIFIED",
        "DETAINED",
        "INVESTIGATING",
        "INFRINGEMENT_DETERMINED",
        "CONFISCATED",
    ]
    assert timeline[-1]["basis"] == ["知识产权海关保护条例 art. 27 [V]"]
    with pytest.raises(UnknownCustomsMessage):
        inbound_command("goods_teleported", {}, port_code="3100", at=NOW)
    with pytest.raises(ValidationFailed):
        inbound_command("released", {"customs_ref": "x", "ground": "because"}, port_code="3100", at=NOW)
    with pytest.raises(ValidationFailed):
        inbound_command("detained", {"detained_on": TODAY.isoformat()}, port_code="3100", at=NOW)


async def test_the_holder_lets_go_and_the_3_wd_timer_ends_the_notice(intake: RunningService) -> None:
    port = intake.client(Role.CUSTOMS, subject="port-5100", kind=PrincipalKind.CUSTOMS, partner="5100")
    staff = intake.client(Role.STAFF, subject="staff-1")
    number = random_patent_number()
    assert (
        await staff.put(f"/v1/rights/invention_patent/{number}", json={"holder_name": "宁波某某服饰有限公司"})
    ).status_code == 200
    case = (await port.post("/v1/customs/detentions", json=notified(number))).json()
    decided = await staff.post(
        f"/v1/customs/detentions/{case['id']}/holder-decision", json={"decision": "let_go"}
    )
    assert decided.status_code == 200 and decided.json()["holder_decision"] == "let_go"
    assert case["id"] not in [
        t["detention_id"] for t in (await staff.get("/v1/customs/tasks")).json()["items"]
    ]

    due = add_working_days(TODAY, 3)
    later = dt.datetime.combine(due + dt.timedelta(days=1), dt.time(10), tzinfo=SHANGHAI)
    assert await fire_due_timers(intake.container, later) >= 1
    after = (await staff.get(f"/v1/customs/detentions/{case['id']}")).json()
    assert after["state"] == "NOT_DETAINED_RELEASED"
    assert {c["key"]: c["status"] for c in after["clocks"]} == {"holder_response": "lapsed"}


async def test_ports_and_offices_reach_only_their_own_detentions(intake: RunningService) -> None:
    port = intake.client(Role.CUSTOMS, subject="port-5100", kind=PrincipalKind.CUSTOMS, partner="5100")
    other = intake.client(Role.CUSTOMS, subject="port-2200", kind=PrincipalKind.CUSTOMS, partner="2200")
    elsewhere = intake.client(Role.STAFF, subject="staff-far", office="440300")
    body = notified(random_patent_number())
    case = (await port.post("/v1/customs/detentions", json=body)).json()
    steps = f"/v1/customs/detentions/by-ref/{body['customs_ref']}/steps"

    assert (await other.post(steps, json={"step": "investigation_started"})).status_code == 404
    assert (await other.get(f"/v1/customs/detentions/{case['id']}")).status_code == 403
    assert (await elsewhere.get(f"/v1/customs/detentions/{case['id']}")).status_code == 403
    refused = await elsewhere.post(
        f"/v1/customs/detentions/{case['id']}/holder-decision", json={"decision": "let_go"}
    )
    assert refused.status_code == 403 and refused.json()["code"] == "object_denied"
    wrong_step = await port.post(steps, json={"step": "confiscated"})
    refusal = wrong_step.json()
    assert wrong_step.status_code == 409 and "HOLDER_NOTIFIED" in refusal["detail_en"]
    assert "“已通知权利人”" in refusal["detail"]  # Chinese by default, the state by its catalogue name
    unbounded = await port.post(steps, json={"step": "rejected", "reason": "x" * 5000})
    assert unbounded.status_code == 422


async def test_a_client_detention_stands_in_the_work_queue_against_its_clock(intake: RunningService) -> None:
    """The holder's 3-WD decision, then the court notice before the 50-WD release, sorted with the
    complaints' steps; read like them (the reader's offices only), with the legal date and labels."""
    port = intake.client(Role.CUSTOMS, subject="port-5100", kind=PrincipalKind.CUSTOMS, partner="5100")
    staff = intake.client(Role.STAFF, subject="staff-1")
    elsewhere = intake.client(Role.STAFF, subject="staff-far", office="440300")
    number = random_patent_number()
    assert (
        await staff.put(f"/v1/rights/invention_patent/{number}", json={"holder_name": "宁波某某服饰有限公司"})
    ).status_code == 200
    body = notified(number)
    case = (await port.post("/v1/customs/detentions", json=body)).json()
    stranger = (await port.post("/v1/customs/detentions", json=notified(random_patent_number()))).json()

    async def queued(client: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        response = await client.get("/v1/queue")
        assert response.status_code == 200, response.text
        items: list[dict[str, Any]] = response.json()["items"]
        return items, [i for i in items if i.get("detention_id") in (case["id"], stranger["id"])]

    items, mine = await queued(staff)
    (decision,) = mine  # the stranger's right is no client's: no task, no queue item
    assert (decision["kind"], decision["step"], decision["complaint_id"]) == (
        "customs_detention",
        "holder_decision",
        None,
    )
    assert decision["due"] == add_working_days(TODAY, 3).isoformat()
    assert decision["due_at"].endswith("+08:00") and decision["label_zh"] and decision["label"]
    assert decision["reference"] == body["customs_ref"] and decision["clock"] == "holder_response"
    dues = [(i["due_at"] is None, i["due_at"] and dt.datetime.fromisoformat(i["due_at"])) for i in items]
    assert dues == sorted(dues, key=lambda d: (d[0], d[1] or dt.datetime.max.replace(tzinfo=SHANGHAI)))
    assert (await queued(elsewhere))[1] == []
    filtered = (await staff.get("/v1/queue", params={"track": "administrative"})).json()["items"]
    assert not [i for i in filtered if i["kind"] == "customs_detention"]

    guarantee = {"amount": "30000", "form": "cash"}
    decided = await staff.post(
        f"/v1/customs/detentions/{case['id']}/holder-decision",
        json={"decision": "apply", "guarantee": guarantee},
    )
    assert decided.status_code == 200, decided.text
    assert (await queued(staff))[1] == []  # decided: nothing owed until the goods are detained
    steps = f"/v1/customs/detentions/by-ref/{body['customs_ref']}/steps"
    detained = {"step": "detained", "detained_on": TODAY.isoformat(), "guarantee": guarantee}
    assert (await port.post(steps, json=detained)).status_code == 200
    (court,) = (await queued(staff))[1]
    assert (court["step"], court["clock"], court["detention_state"]) == (
        "court_notice",
        "release_ex_officio",
        "DETAINED",
    )
    assert court["due"] == add_working_days(TODAY, 50).isoformat()
    assert "art. 24" in court["explanation"] or "第二十四条" in court["explanation"]
    court_notice = {"step": "court_notice", "court": "宁波市中级人民法院", "notice_ref": "(2026)浙02执保1号"}
    assert (await port.post(steps, json=court_notice)).status_code == 200
    assert (await queued(staff))[1] == []  # held per the court: the centre's step is done
