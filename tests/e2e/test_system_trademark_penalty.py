"""Issue 18 end to end, every service real: a trademark complaint at intake becomes an administrative
penalty case in adjudication (the rule table's ``trademark_penalty_case`` row, not a referral out);
the office notifies the proposed penalty, the subject asks for a hearing, the heavier penalty is
decided by two people (商标法 art. 60), served and published; credit hears ``adjudication.penalty_decided``
through the broker and opens the penalty publication and a SAMR serious-list candidate (§C.2)."""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import httpx

from intake.testing import complaint_body
from shared.calendar import SHANGHAI
from shared.testing.plugin import BrokerHandle, PostgresHandle, fresh_database
from shared.testing.refs import random_uscc
from shared.testing.waiting import eventually
from shared.web.auth import Role

OFFICE = "110108"


async def _when(client: httpx.AsyncClient, url: str, pick: Any, what: str) -> Any:
    found: list[Any] = []

    async def check() -> bool:
        response = await client.get(url)
        value = pick(response.json()) if response.status_code == 200 else None
        found[:] = [value] if value else []
        return bool(found)

    await eventually(check, within=30, what=what)
    return found[0]


async def test_a_trademark_complaint_ends_as_a_published_heavier_penalty_and_a_samr_candidate(
    start_service: Any, postgres: PostgresHandle, broker: BrokerHandle
) -> None:
    database = await fresh_database(postgres, "penalty")
    office = {"office_code": OFFICE, "database_url": database, "run_workers": True}
    intake, adjudication, credit = await asyncio.gather(
        start_service("intake", **office),
        start_service(
            "adjudication", office_abbreviation="京海", office_name="北京市海淀区知识产权局", **office
        ),
        start_service("credit", **office),
    )
    infringer = random_uscc()
    body = complaint_body(ip_type="trademark", right_number="TM 12345678")
    body["respondents"][0].update(credit_code=infringer, region_code=OFFICE, address="北京市海淀区")
    filed = await intake.client(Role.STAFF).post("/v1/complaints", json=body)
    assert filed.status_code == 201, filed.text
    complaint = filed.json()
    assert (complaint["triage"]["track"], complaint["triage"]["rule"]) == (
        "penalty_case",
        "trademark_penalty_case",
    )

    staff = adjudication.client(Role.STAFF, subject="staff-1", office=OFFICE)
    head = adjudication.client(Role.OFFICE_HEAD, subject="head-1", office=OFFICE)
    case = await _when(
        staff,
        "/v1/penalty-cases?limit=200",
        lambda page: next((c for c in page["items"] if c["source_ref"] == complaint["id"]), None),
        "the penalty case filed from the complaint",
    )
    assert (case["law"], case["state"], case["subject"]["credit_code"]) == ("trademark", "FILED", infringer)
    cid, today = case["id"], str(dt.datetime.now(SHANGHAI).date())

    steps: list[tuple[httpx.AsyncClient, str, dict[str, Any] | None, str]] = [
        (
            staff,
            "notice",
            {"fine": "220000", "correction_order": "责令立即停止侵权行为", "served_on": today},
            "NOTIFIED",
        ),
        (staff, "hearing-request", {"requested_on": today}, "HEARING_REQUESTED"),
        (staff, "hearing", {"summary": "当事人陈述申辩，未提出新的证据"}, "HEARD"),
        (
            staff,
            "decision",
            {
                "fine": "220000",
                "correction_order": "责令立即停止侵权行为",
                "reasons": "销售侵犯注册商标专用权的商品，情节严重",
                "goods_confiscated": ["侵权运动鞋 1,200 双"],
            },
            "HEARD",
        ),
        (head, "decision/approval", None, "DECIDED"),
        (staff, "decision-service", {"served_on": today}, "DECIDED"),
        (staff, "publication", {"published_on": today, "reference": "国家企业信用信息公示系统"}, "PUBLISHED"),
    ]
    for client, step, payload, state in steps:
        response = await client.post(f"/v1/penalty-cases/{cid}/{step}", json=payload)
        assert response.status_code == 200, (step, response.text)
        assert response.json()["state"] == state, step
    decision = response.json()["decision"]
    assert decision["severity"] == "heavier" and "知商罚字" in decision["decision_no"]

    officer = credit.client(Role.CREDIT_OFFICER, office=OFFICE)
    records = await _when(
        officer,
        f"/v1/subjects/{infringer}/credit",
        lambda subject: subject["history"] if len(subject["history"]) >= 2 else None,
        "credit records for the penalised subject",
    )
    assert sorted((r["list_type"], r["behaviour"], r["state"]) for r in records) == [
        ("penalty_publication", "trademark_infringement", "LISTED"),
        ("samr_serious", "wilful_infringement", "CANDIDATE"),
    ]
