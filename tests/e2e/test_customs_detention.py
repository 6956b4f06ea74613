"""Customs detention end to end (issue 15): a port's notice becomes a centre task, the holder applies
with a guarantee, customs detains, and with no court notice the durable timer releases the goods on
day 50 WD, with the events customs sees on ``intake.customs``; on application, a court assistance
notice holds the goods past day 20 WD.

The port posts over REST as a ``customs`` client (its port code from the token). The signed partner
channel (issue 14) will forward the same messages to the same handlers.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from intake.testing import published
from shared.calendar import SHANGHAI, add_working_days
from shared.identity.principals import PrincipalKind
from shared.testing.clock import FakeClock
from shared.testing.events import fire_due_timers
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.web.auth import Role

OFFICE = "330106"


def notice(route: str, number: str, holder_code: str, served_on: dt.date) -> dict[str, Any]:
    return {
        "route": route,
        "customs_ref": f"GZ-{uuid.uuid4().hex[:10]}",
        "ip_type": "invention_patent",
        "ip_reg_no": number,
        "recordation_no": "P2026-01234",
        "holder": {"name": random_name(), "credit_code": holder_code},
        "goods": {
            "description": "蓝牙耳机 TWS-9",
            "value": "80000",
            "quantity": "2000 件",
            "hs_code": "85183000",
        },
        "consignor": {"name": random_name("出口贸易"), "credit_code": random_uscc()},
        "served_on": served_on.isoformat(),
    }


def after(day: dt.date) -> FakeClock:
    """The morning after ``day``: a timer due at its 24:00 (Asia/Shanghai) has fallen due."""
    return FakeClock(dt.datetime.combine(day + dt.timedelta(days=1), dt.time(10), tzinfo=SHANGHAI))


async def start(start_service: Any) -> tuple[RunningService, httpx.AsyncClient, httpx.AsyncClient]:
    intake: RunningService = await start_service("intake", run_workers=True, office_code=OFFICE)
    staff = intake.client(Role.STAFF, subject="staff-customs", office=OFFICE)
    port = intake.client(Role.CUSTOMS, subject="port-5100", kind=PrincipalKind.CUSTOMS, partner="5100")
    return intake, staff, port


async def tasks_of(staff: httpx.AsyncClient, detention_id: str) -> list[dict[str, Any]]:
    """The centre's open customs tasks for one detention (other tests' detentions share the office)."""
    response = await staff.get("/v1/customs/tasks")
    assert response.status_code == 200, response.text
    return [t for t in response.json()["items"] if t["detention_id"] == detention_id]


async def test_ex_officio_notice_to_release_on_day_50_by_the_timer(start_service: Any, broker: Any) -> None:
    intake, staff, port = await start(start_service)
    number, holder_code = random_patent_number(), random_uscc()
    right = await staff.put(
        f"/v1/rights/invention_patent/{number}",
        json={"holder_name": "杭州客户科技有限公司", "holder_credit_code": holder_code},
    )
    assert right.status_code == 200, right.text
    today = dt.datetime.now(SHANGHAI).date()

    opened = await port.post("/v1/customs/detentions", json=notice("ex_officio", number, holder_code, today))
    assert opened.status_code == 201, opened.text
    case = opened.json()
    holder_clock = {c["key"]: c for c in case["clocks"]}["holder_response"]
    assert case["state"] == "HOLDER_NOTIFIED"
    assert (
        holder_clock["due"] == add_working_days(today, 3).isoformat()
        and "art. 16" in holder_clock["explanation"]
    )

    tasks = await tasks_of(staff, case["id"])
    assert [t["detention_id"] for t in tasks] == [case["id"]] and tasks[0]["status"] == "open"
    guarantee = {"amount": "40000", "form": "bank_letter_of_guarantee", "reference": "BG-77"}
    decided = await staff.post(
        f"/v1/customs/detentions/{case['id']}/holder-decision",
        json={"decision": "apply", "guarantee": guarantee},
    )
    assert decided.status_code == 200, decided.text
    assert await tasks_of(staff, case["id"]) == []

    detained = await port.post(
        f"/v1/customs/detentions/by-ref/{case['customs_ref']}/steps",
        json={"step": "detained", "detained_on": today.isoformat(), "guarantee": guarantee},
    )
    assert detained.status_code == 200, detained.text
    release_due = add_working_days(today, 50)
    clocks = {c["key"]: c["due"] for c in detained.json()["clocks"]}
    assert clocks["release_ex_officio"] == release_due.isoformat()
    assert clocks["investigation"] == add_working_days(today, 30).isoformat()

    fired = await fire_due_timers(intake.container, after(release_due))
    assert fired >= 2  # the investigation period, the release warning and the release itself
    released = (await staff.get(f"/v1/customs/detentions/{case['id']}")).json()
    assert (released["state"], released["release_ground"]) == ("RELEASED", "no_court_notice_50wd")
    assert released["settlement"]["refunded"] == "40000"

    key = {"detention_id": case["id"]}
    for event_type in ("detention_opened", "holder_decided", "detained", "released"):
        found = await published(
            broker.bootstrap_servers, "intake.customs", f"intake.customs.{event_type}", where=key
        )
        assert len(found) == 1, event_type
    (release,) = await published(
        broker.bootstrap_servers, "intake.customs", "intake.customs.released", where=key
    )
    assert release["reason"] == "no_court_notice_50wd" and release["confidential"] is True
    assert {"instrument": "知识产权海关保护条例", "article": "24(2)"} in release["legal_basis"]

    timeline = (await port.get(f"/v1/customs/detentions/{case['id']}/timeline")).json()["items"]
    steps = [i["step"] for i in timeline if i["step"]]
    assert steps == ["notify_holder", "detain_ex_officio", "release_no_court_notice_50wd"]
    assert any(i["name"] == "CustomsDeadlineNear" for i in timeline)
    other_port = intake.client(Role.CUSTOMS, subject="port-2200", kind=PrincipalKind.CUSTOMS, partner="2200")
    assert (await other_port.get(f"/v1/customs/detentions/{case['id']}")).status_code == 403


async def test_on_application_a_court_assistance_notice_holds_the_goods_past_day_20(
    start_service: Any, broker: Any
) -> None:
    intake, _staff, port = await start(start_service)
    today = dt.datetime.now(SHANGHAI).date()
    body = notice("on_application", random_patent_number(), random_uscc(), today)
    case = (await port.post("/v1/customs/detentions", json=body)).json()
    steps = f"/v1/customs/detentions/by-ref/{body['customs_ref']}/steps"
    too_much = {"amount": "80000.01", "form": "cash"}
    refused = await port.post(
        steps, json={"step": "detained", "detained_on": today.isoformat(), "guarantee": too_much}
    )
    assert refused.status_code == 422 and refused.json()["code"] == "guarantee_refused"

    detained = await port.post(
        steps,
        json={
            "step": "detained",
            "detained_on": today.isoformat(),
            "guarantee": {"amount": "80000", "form": "cash"},
        },
    )
    release_due = add_working_days(today, 20)
    assert {c["key"]: c["due"] for c in detained.json()["clocks"]}[
        "release_on_application"
    ] == release_due.isoformat()
    held = await port.post(
        steps, json={"step": "court_notice", "court": "杭州市中级人民法院", "notice_ref": "(2026)浙01执保7号"}
    )
    assert held.status_code == 200 and held.json()["state"] == "HELD_PER_COURT"

    await fire_due_timers(intake.container, after(release_due))
    still = (await port.get(f"/v1/customs/detentions/{case['id']}")).json()
    assert still["state"] == "HELD_PER_COURT" and still["release_ground"] is None
    (transition,) = await published(
        broker.bootstrap_servers,
        "intake.customs",
        "intake.customs.detention_transitioned",
        where={"detention_id": case["id"], "step": "hold_per_court"},
    )
    assert transition["to_state"] == "HELD_PER_COURT"
    again = await port.post(steps, json={"step": "released", "ground": "no_court_notice_20wd"})
    assert again.status_code == 409
