"""In-case mediation with both services real: adjudication refers a case in review to mediation, the
mediation service opens a case for it, the parties sign an agreement, and adjudication closes the
case as MEDIATED with the mediated amount (damages only ever appear as a mediated amount)."""

from __future__ import annotations

import asyncio
import datetime as dt
from datetime import timedelta
from typing import Any

from intake.testing import complaint_body
from mediation.testing import register_roster, sign_by_everyone, wait_for_case
from shared.calendar import SHANGHAI
from shared.testing.waiting import eventually
from shared.web.auth import Role

OFFICE = "330106"


async def test_a_case_referred_to_mediation_comes_back_mediated(start_service: Any) -> None:
    intake, adjudication, mediation = await asyncio.gather(
        start_service("intake", run_workers=True, office_code=OFFICE),
        start_service(
            "adjudication",
            run_workers=True,
            office_code=OFFICE,
            office_abbreviation="杭西",
            office_name="杭州市西湖区市场监督管理局",
        ),
        start_service("mediation", run_workers=True, office_code=OFFICE),
    )
    handler = adjudication.client(Role.STAFF, subject="handler-wang")
    body = complaint_body()
    body["respondents"][0].update(region_code=OFFICE, address="杭州市西湖区")
    complaint = (await intake.client(Role.STAFF).post("/v1/complaints", json=body)).json()
    case = await adjudication_case(handler, complaint["id"])
    today = dt.datetime.now(SHANGHAI).date()
    for path, step in (
        (
            "docket",
            {
                "docketed_on": str(today),
                "jurisdiction": {"basis": "respondent_domicile"},
                "checklist": {
                    "requester_entitled": True,
                    "respondent_identified": True,
                    "claims_specific": True,
                    "patent_valid": True,
                },
            },
        ),
        (
            "request-copy-services",
            {"party_id": "respondent-1", "method": "in_person", "served_on": str(today)},
        ),
        ("answers", {"party_id": "respondent-1", "received_on": str(today), "summary": "答辩"}),
        (
            "mediation",
            {"consented_on": str(today), "damages_mediation": True, "summary": "双方同意就赔偿数额调解"},
        ),
    ):
        response = await handler.post(f"/v1/cases/{case['id']}/{path}", json=step)
        assert response.status_code == 200, f"{path}: {response.text}"
        if path == "docket":  # acceptance is the office head's to approve
            head = adjudication.client(Role.OFFICE_HEAD, subject="head-zhou")
            approved = await head.post(f"/v1/cases/{case['id']}/docket/approval")
            assert approved.status_code == 200, approved.text
    assert response.json()["state"] == "IN_MEDIATION"

    staff = mediation.client(Role.STAFF)
    opened = await wait_for_case(staff, f"/v1/cases?origin_id={case['id']}", state="ACCEPTED")
    opened = (await staff.get(f"/v1/cases/{opened['id']}")).json()
    assert (opened["origin"], opened["kind"]) == ("adjudication_case", "administrative")
    await register_roster(staff, seat=OFFICE)
    assignment = (await staff.post(f"/v1/cases/{opened['id']}/assignments", json={})).json()
    mediator = mediation.client(Role.STAFF, subject="staff-answering")
    started = await mediator.post(f"/v1/cases/{opened['id']}/assignments/{assignment['id']}/confirmation")
    assert started.json()["state"] == "IN_MEDIATION", started.text
    applicant, respondent = opened["parties"][0]["id"], opened["parties"][1]["id"]
    drafted = await mediator.put(
        f"/v1/cases/{opened['id']}/agreement",
        json={
            "facts": "被请求人销售侵权产品。",
            "issues": "赔偿数额。",
            "responsibilities": "被请求人赔偿并停止销售。",
            "terms": [
                {"kind": "payment", "text": "被请求人一次性赔偿6万元"},
                {"kind": "stop_infringement", "text": "停止销售"},
            ],
            "amount": "60000.00",
            "instalments": [
                {
                    "number": 1,
                    "amount": "60000.00",
                    "due_on": str(today + timedelta(days=30)),
                    "payer_id": respondent,
                    "payee_id": applicant,
                }
            ],
            "performance_manner": "银行转账",
        },
    )
    assert drafted.status_code == 200, drafted.text
    await sign_by_everyone(mediator, opened)

    async def mediated() -> bool:
        return bool((await handler.get(f"/v1/cases/{case['id']}")).json()["state"] == "MEDIATED")

    await eventually(mediated, within=30, what="adjudication to close the case as mediated")
    outcome = (await handler.get(f"/v1/cases/{case['id']}/file")).json()["mediation"]
    assert (outcome["agreed_amount"], outcome["mediation_case_no"]) == ("60000.00", opened["case_no"])


async def adjudication_case(client: Any, complaint_id: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = []

    async def opened() -> bool:
        found[:] = (await client.get("/v1/cases", params={"complaint_id": complaint_id})).json()["items"]
        return bool(found)

    await eventually(opened, within=30, what="the adjudication case for the complaint")
    return found[0]
