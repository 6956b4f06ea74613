"""Complaints of several kinds go from intake to their destinations over the broker (issue 4, Done when).

Adjudication and mediation are the real services; other agencies are read off intake's referral
topic. Intake follows each case it handed over through the receiving service's own events.
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from intake.testing import complaint_body, published
from shared.testing.refs import random_patent_number
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.web.auth import Role


async def start_system(start_service: Any) -> dict[str, RunningService]:
    names = ("intake", "adjudication", "mediation")
    services = await asyncio.gather(*(start_service(name, run_workers=True) for name in names))
    return dict(zip(names, services, strict=True))


async def one_case(client: httpx.AsyncClient, complaint_id: str) -> dict[str, Any]:
    found: list[dict[str, Any]] = []

    async def check() -> bool:
        found[:] = (await client.get("/v1/cases", params={"complaint_id": complaint_id})).json()["items"]
        return bool(found)

    await eventually(check, within=10, what=f"a case for complaint {complaint_id}")
    return found[0]


async def status_becomes(client: httpx.AsyncClient, complaint_id: str, status: str) -> dict[str, Any]:
    latest: dict[str, Any] = {}

    async def check() -> bool:
        latest.update((await client.get(f"/v1/complaints/{complaint_id}")).json())
        return bool(latest["status"] == status)

    await eventually(check, within=10, what=f"complaint {complaint_id} to be {status}")
    return latest


async def test_complaints_of_several_kinds_reach_their_destinations(start_service: Any, broker: Any) -> None:
    system = await start_system(start_service)
    staff = system["intake"].client(Role.STAFF)
    adjudicator = system["adjudication"].client(
        Role.STAFF
    )  # the office's staff see a new case (no panel yet)
    # Mediation staff see a new case; a mediator only once it is assigned to them.
    mediation_staff = system["mediation"].client(Role.STAFF)

    major = (await staff.post("/v1/complaints", json=complaint_body(major_case=True))).json()
    willing = complaint_body(
        ip_type="design",
        right_number=None,
        rights=[
            {"number": random_patent_number(), "evaluation_report": "issued", "evaluation_report_no": "PJ-7"}
        ],
        both_parties_willing_to_mediate=True,
    )
    mediated = (await staff.post("/v1/complaints", json=willing)).json()
    crime = (await staff.post("/v1/complaints", json=complaint_body(suspected_crime=True))).json()
    mark = (
        await staff.post(
            "/v1/complaints", json=complaint_body(ip_type="trademark", right_number="TM 12345678")
        )
    ).json()
    layout = (
        await staff.post(
            "/v1/complaints", json=complaint_body(ip_type="ic_layout_design", right_number="BS.20500001.X")
        )
    ).json()

    # Issue 18: a trademark complaint becomes a penalty case here; other rights are still referred out.
    assert [c["triage"]["track"] for c in (major, mediated, crime, mark, layout)] == [
        "green_channel",
        "mediation",
        "refer_police",
        "penalty_case",
        "refer_enforcement",
    ]
    case = await one_case(adjudicator, major["id"])
    assert case["state"] == "SUBMITTED" and case["complaint_reference"] == major["reference"]
    mediation_case = await one_case(mediation_staff, mediated["id"])
    assert mediation_case["state"] == "ACCEPTED"  # both parties were willing: consent is on record

    followed = await status_becomes(staff, major["id"], "CASE_OPENED")
    assert (followed["downstream"]["service"], followed["downstream"]["case_no"]) == (
        "adjudication",
        case["case_no"],
    )
    assert (await status_becomes(staff, mediated["id"], "CASE_OPENED"))["downstream"][
        "service"
    ] == "mediation"

    routed = await published(
        broker.bootstrap_servers,
        "intake.complaint",
        "intake.complaint.routed",
        where={"complaint_id": major["id"]},
    )
    assert (routed[0]["procedure"], routed[0]["track"]) == ("green_channel", "green_channel")
    penalty = await status_becomes(staff, mark["id"], "CASE_OPENED")
    assert penalty["downstream"]["service"] == "adjudication"
    assert penalty["downstream"]["case_no"].startswith("CP")
    for complaint, agency in ((crime, "police"), (layout, "administrative_enforcement")):
        referral = await published(
            broker.bootstrap_servers,
            "intake.referral",
            "intake.referral.issued",
            where={"complaint_id": complaint["id"]},
        )
        assert referral[0]["to_agency"] == agency
        assert referral[0]["subjects"][0]["credit_code"] == complaint["respondents"][0]["credit_code"]
        assert (await adjudicator.get("/v1/cases", params={"complaint_id": complaint["id"]})).json()[
            "items"
        ] == []
