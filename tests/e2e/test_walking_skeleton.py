"""The walking skeleton over real HTTP and the real broker: intake -> adjudication, mediation, credit."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.web.auth import Role


def complaint(procedure: str, respondent_code: str) -> dict[str, Any]:
    """Spelled out on purpose: intake must keep accepting exactly the skeleton's minimal body."""
    return {
        "ip_type": "invention_patent",
        "right_number": random_patent_number(),
        "complainant": {
            "kind": "organisation",
            "name": random_name("专利权人"),
            "credit_code": random_uscc(),
        },
        "respondents": [
            {"kind": "organisation", "name": random_name("被请求人"), "credit_code": respondent_code}
        ],
        "facts": "被请求人在其网店销售落入涉案专利权利要求1保护范围的产品。",
        "requested_procedure": procedure,
    }


async def first_item(client: httpx.AsyncClient, url: str, *, within: float = 30.0) -> dict[str, Any]:
    deadline = asyncio.get_running_loop().time() + within
    while True:
        response = await client.get(url)
        response.raise_for_status()
        items: list[dict[str, Any]] = response.json()["items"]
        if items:
            return items[0]
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError(f"nothing at {url} after {within}s")
        await asyncio.sleep(0.02)


async def start_system(start_service: Any) -> dict[str, RunningService]:
    names = ("intake", "adjudication", "mediation", "credit")
    services = await asyncio.gather(*(start_service(name, run_workers=True) for name in names))
    return dict(zip(names, services, strict=True))


async def test_a_complaint_becomes_an_adjudication_case_and_the_correlation_id_follows_it(
    start_service: Any,
) -> None:
    system = await start_system(start_service)
    staff = system["intake"].client(Role.STAFF)
    respondent = random_uscc()

    created = await staff.post(
        "/v1/complaints",
        json=complaint("adjudication", respondent),
        headers={"X-Correlation-ID": "e2e-skeleton-1", "Idempotency-Key": "e2e-1"},
    )
    assert created.status_code == 201, created.text
    complaint_id = created.json()["id"]

    adjudicator = system["adjudication"].client(
        Role.STAFF
    )  # the office's staff see a new case (no panel yet)
    case = await first_item(adjudicator, f"/v1/cases?complaint_id={complaint_id}")
    assert case["state"] == "SUBMITTED"
    assert case["case_no"].startswith("AD")
    assert case["complaint_reference"] == created.json()["reference"]
    assert case["correlation_id"] == "e2e-skeleton-1"
    fetched = await adjudicator.get(f"/v1/cases/{case['id']}")
    assert fetched.status_code == 200 and fetched.json() == case

    credit = system["credit"].client(Role.CREDIT_OFFICER)

    async def respondent_sighted() -> bool:  # credit consumes at its own pace
        return (await credit.get(f"/v1/subjects/{respondent}")).status_code == 200

    await eventually(respondent_sighted, within=30, what="credit to record the respondent")
    subject = await credit.get(f"/v1/subjects/{respondent}")
    assert [s["source_id"] for s in subject.json()["sightings"]] == [complaint_id]

    mediation_cases = (
        await system["mediation"].client(Role.STAFF).get(f"/v1/cases?complaint_id={complaint_id}")
    )
    assert mediation_cases.json()["items"] == []


async def test_a_complaint_for_mediation_opens_a_mediation_case(start_service: Any) -> None:
    system = await start_system(start_service)
    created = (
        await system["intake"]
        .client(Role.STAFF)
        .post("/v1/complaints", json=complaint("mediation", random_uscc()))
    )
    assert created.status_code == 201, created.text

    mediation_case = await first_item(
        system["mediation"].client(Role.STAFF), f"/v1/cases?complaint_id={created.json()['id']}"
    )
    assert mediation_case["state"] == "REQUESTED"
    assert mediation_case["case_no"].startswith("MD")
