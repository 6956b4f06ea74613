"""The object rules over the real API: each refusal is a 403 the issue asked for (issue 12).

Another office's case, an unassigned mediator (declining a court's assignment, as the issue found),
a court acting or reading for another court, staff or admin recording what they may not, a clerk
without the court's document.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from mediation.testing import (
    agreement_body,
    court_assignment_body,
    court_case_filed,
    court_case_in_mediation,
    court_client,
    staff_client,
)
from shared.testing.services import RunningService
from shared.web.auth import Role

NOW = dt.datetime.now(dt.UTC).isoformat()
TODAY = dt.datetime.now(dt.UTC).astimezone(dt.timezone(dt.timedelta(hours=8))).date()


def denied(response: Any, code: str = "object_denied") -> bool:
    return bool(response.status_code == 403 and response.json()["code"] == code)


async def test_a_case_belongs_to_its_office_and_other_offices_neither_see_nor_move_it(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case = await court_case_in_mediation(mediation, roster)  # assigned by ZJ-HZ-SC (Shangcheng, 330102)
    assert case["office_code"] == "330102"
    url = f"/v1/cases/{case['id']}"
    listed = f"/v1/cases?origin_id={case['origin_id']}"

    for office in ("330102", "330100", "330000", "000000"):  # the district, its city, province, nation
        staff = staff_client(mediation, office=office)
        assert (await staff.get(url)).status_code == 200, office
        assert [c["id"] for c in (await staff.get(listed)).json()["items"]] == [case["id"]], office
    for office in ("330106", "320000"):  # a neighbouring district, another province
        staff = staff_client(mediation, office=office)
        assert denied(await staff.get(url)), office
        assert (await staff.get(listed)).json()["items"] == [], office
        extension = {"days": 5, "consenting_party_ids": [p["id"] for p in case["parties"]]}
        assert denied(await staff.post(f"{url}/extensions", json=extension)), office
        deadlines = (await staff.get("/v1/deadlines?within_days=3650")).json()["items"]
        assert case["id"] not in {d["case_id"] for d in deadlines}


async def test_an_unassigned_mediator_cannot_hand_back_a_courts_assignment_nor_take_any_step(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    court = court_client(mediation)
    case = (await court.post("/v1/court-assignments", json=court_assignment_body())).json()
    staff = staff_client(mediation)
    assignment = (
        await staff.post(
            f"/v1/cases/{case['id']}/assignments", json={"mediator_id": roster["mediator"]["id"]}
        )
    ).json()
    stranger = mediation.client(Role.MEDIATOR, subject="mediator-not-assigned")
    url = f"/v1/cases/{case['id']}"

    handed_back = await stranger.post(f"{url}/court-assignment/declination", json={"reason": "无合适调解员"})
    assert denied(handed_back)  # the issue: this was a 200
    assert denied(await stranger.post(f"{url}/assignments/{assignment['id']}/confirmation"))
    assert denied(
        await stranger.post(f"{url}/assignments/{assignment['id']}/declination", json={"reason": "忙"})
    )
    assert denied(await stranger.get(url))
    assert denied(await stranger.get(f"{url}/history"))
    assert (await stranger.get(f"/v1/cases?origin_id={case['origin_id']}")).json()["items"] == []
    assert (await staff.get(url)).json()["state"] == "REQUESTED"

    assigned = mediation.client(Role.MEDIATOR, subject=roster["account"])
    assert [c["id"] for c in (await assigned.get("/v1/cases?limit=200")).json()["items"]].count(
        case["id"]
    ) == 1
    back = await assigned.post(f"{url}/court-assignment/declination", json={"reason": "无合适调解员"})
    assert back.status_code == 200 and back.json()["state"] == "ASSIGNMENT_DECLINED", back.text


async def test_a_mediator_moves_only_the_case_they_mediate(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case = await court_case_in_mediation(mediation, roster)
    url = f"/v1/cases/{case['id']}"
    stranger = mediation.client(Role.MEDIATOR, subject="mediator-not-assigned")
    assert denied(await stranger.put(f"{url}/agreement", json=agreement_body(case)))
    assert denied(await stranger.post(f"{url}/termination", json={"ground": "wide_differences"}))

    mine = mediation.client(Role.MEDIATOR, subject=roster["account"])
    drafted = await mine.put(f"{url}/agreement", json=agreement_body(case))
    assert drafted.status_code == 200, drafted.text


async def test_a_court_acts_and_reads_only_for_itself(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case, application_id = await court_case_filed(
        mediation, roster
    )  # ZJ-HZ-SC assigned it and got the filing
    other = court_client(mediation, "ZJ-HZ-XH")
    url = f"/v1/cases/{case['id']}"
    application = f"/v1/confirmation-applications/{application_id}"

    as_another = await other.post("/v1/court-assignments", json=court_assignment_body(court_code="ZJ-HZ-SC"))
    assert denied(as_another)  # the body names Shangcheng; the token is Xihu's
    assert denied(await other.get(url))
    assert denied(await other.get(application))
    assert case["id"] not in {c["id"] for c in (await other.get("/v1/cases?limit=200")).json()["items"]}
    ruling = {"ruling": "valid", "ruling_no": "(2026)浙0106民特9号", "ruled_at": NOW}
    assert denied(await other.post(f"{application}/ruling", json=ruling))

    own = court_client(mediation, "ZJ-HZ-SC")
    assert (await own.get(url)).status_code == 200
    assert (await own.get(application)).json()["status"] == "FILED"
    accepted = await own.post(
        f"{application}/acceptance", json={"docket_no": "(2026)浙0102民特5号", "accepted_at": NOW}
    )
    assert accepted.status_code == 200 and accepted.json()["status"] == "ACCEPTED", accepted.text


async def test_court_outcomes_come_from_the_court_or_a_clerk_citing_its_document(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case, application_id = await court_case_filed(mediation, roster)
    application = f"/v1/confirmation-applications/{application_id}"
    staff = staff_client(mediation)
    admin = mediation.client(Role.ADMIN)
    ruling = {
        "court_code": "ZJ-HZ-SC",
        "ruling": "valid",
        "ruling_no": "(2026)浙0102民特5号",
        "ruled_at": NOW,
    }

    assert denied(await staff.post(f"{application}/ruling", json=ruling), "action_denied")
    assert denied(await admin.post(f"{application}/ruling", json=ruling), "action_denied")
    clerk = mediation.client(Role.CLERK, subject="clerk-1")
    no_document = await clerk.post(
        f"{application}/withdrawal", json={"court_code": "ZJ-HZ-SC", "withdrawn_at": NOW}
    )
    assert denied(no_document)
    unnamed = await clerk.post(
        f"{application}/ruling", json={k: v for k, v in ruling.items() if k != "court_code"}
    )
    assert unnamed.status_code == 422 and unnamed.json()["errors"][0]["field"] == "court_code"

    ruled = await clerk.post(f"{application}/ruling", json=ruling)
    assert ruled.status_code == 200 and ruled.json()["status"] == "RULED_VALID", ruled.text
    history = (await staff.get(f"/v1/cases/{case['id']}/history")).json()["items"]
    assert history[-1]["to_state"] == "CONFIRMED_VALID" and history[-1]["actor"] == {
        "id": "ZJ-HZ-SC",
        "kind": "court",
    }

    objection = await staff.post(
        f"/v1/cases/{case['id']}/objections",
        json={
            "by_third_party": False,
            "party_id": case["parties"][1]["id"],
            "objector": "被告",
            "grounds": "非自愿",
            "lodged_on": str(TODAY),
        },
    )
    assert objection.status_code == 201, objection.text
    objection_id = objection.json()["id"]
    decision = {"upheld": False, "decided_on": str(TODAY)}
    decide = f"/v1/cases/{case['id']}/objections/{objection_id}/decision"
    assert denied(await staff.post(decide, json=decision), "action_denied")
    assert denied(await clerk.post(decide, json=decision))  # no decision document cited
    assert denied(
        await court_client(mediation, "ZJ-HZ-XH").post(decide, json=decision)
    )  # not the ruling court
    decided = await court_client(mediation, "ZJ-HZ-SC").post(decide, json=decision)
    assert decided.status_code == 200 and decided.json()["objections"][0]["upheld"] is False, decided.text


async def test_admin_operates_the_roster_and_decides_no_case(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case = await court_case_in_mediation(mediation, roster)
    admin = mediation.client(Role.ADMIN)
    for method, path, body in (
        ("POST", f"/v1/cases/{case['id']}/termination", {"ground": "wide_differences"}),
        ("PUT", f"/v1/cases/{case['id']}/agreement", agreement_body(case)),
        ("GET", f"/v1/cases/{case['id']}", None),
        ("POST", "/v1/court-assignments", court_assignment_body()),
    ):
        assert denied(await admin.request(method, path, json=body), "action_denied"), path
    patched = await admin.patch(f"/v1/mediators/{roster['mediator']['id']}", json={"max_active_cases": 120})
    assert patched.status_code == 200 and patched.json()["max_active_cases"] == 120


async def test_the_roster_is_kept_by_the_office_of_the_organisations_seat(mediation: RunningService) -> None:
    body = {
        "name": "滨江区知识产权纠纷人民调解委员会-范围",
        "kind": "peoples_mediation_committee",
        "seat_region_code": "330108",
    }
    elsewhere = staff_client(mediation, office="330106")
    assert denied(await elsewhere.post("/v1/organisations", json=body))
    created = await staff_client(mediation, office="330100").post("/v1/organisations", json=body)
    assert created.status_code == 201, created.text
    assert (await elsewhere.get("/v1/organisations")).status_code == 200  # a public registry to read
