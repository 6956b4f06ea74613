"""Intake's complaint API against a real PostgreSQL (and the broker where events are checked)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from intake.testing import complaint_body, published
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.web.auth import Role


def full_body(**overrides: Any) -> dict[str, Any]:
    """Every intake field of §A.3, for a utility model whose evaluation report is in."""
    return complaint_body(
        ip_type="utility_model",
        right_number=None,
        rights=[
            {
                "number": random_patent_number(),
                "title": "一种折叠椅",
                "evaluation_report": "issued",
                "evaluation_report_no": "PJ2026-0001",
                "evaluation_report_favourable": True,
            }
        ],
        complainant={
            "kind": "organisation",
            "name": random_name("被许可人"),
            "credit_code": random_uscc(),
            "capacity": "exclusive_licensee",
            "licence_contract_ref": "XK-2025-17",
            "address": "杭州市滨江区网商路 1 号",
            "region_code": "330108",
            "legal_representative": "张三",
        },
        agent={"kind": "organisation", "name": random_name("代理"), "power_of_attorney_ref": "WT-2026-3"},
        respondents=[
            {
                "kind": "individual",
                "name": "李四",
                "id_number": "33010619900101123X",
                "address": "杭州市西湖区",
            }
        ],
        alleged_acts=["make", "sell"],
        infringement_locations=[{"description": "杭州市西湖区某市场 3 号摊位", "region_code": "330106"}],
        listings=[{"platform": "taobao", "listing_id": "66180001", "url": "https://item.example/66180001"}],
        requested_remedy="责令停止销售",
        **overrides,
    )


async def test_registered_complaint_can_be_read_back(start_intake: Any) -> None:
    client = (await start_intake()).client(Role.STAFF)

    created = await client.post("/v1/complaints", json=complaint_body())
    assert created.status_code == 201, created.text
    fetched = await client.get(created.headers["location"])

    assert fetched.status_code == 200
    assert fetched.json() == created.json()
    assert created.json()["reference"].startswith("TS20")


async def test_every_intake_field_is_kept_and_an_accepted_complaint_is_routed(start_intake: Any) -> None:
    client = (await start_intake()).client(Role.STAFF)

    created = await client.post("/v1/complaints", json=full_body())

    assert created.status_code == 201, created.text
    body = created.json()
    assert body["status"] == "ROUTED"
    assert body["triage"]["track"] == "ordinary_adjudication"
    assert body["triage"]["rule"] == "ordinary_patent_adjudication"
    assert body["complainant"]["capacity"] == "exclusive_licensee"
    assert body["agent"]["power_of_attorney_ref"] == "WT-2026-3"
    assert body["respondents"][0]["id_number_masked"] == "3301**********123X"
    assert body["rights"][0]["verification"]["status"] == "unknown"
    assert [f["rule"] for f in body["findings"]] == ["right_unverified"]
    assert body["listings"][0]["listing_id"] == "66180001"
    timeline = (await client.get(f"/v1/complaints/{body['id']}/timeline")).json()["items"]
    assert [e["name"] for e in timeline] == [
        "ComplaintRegistered",
        "RightsVerified",
        "ComplaintAccepted",
        "ComplaintTriaged",
    ]
    assert timeline[0]["actor"] == "tester"


async def test_invalid_input_gets_per_field_errors_and_nothing_is_saved(start_intake: Any) -> None:
    client = (await start_intake()).client(Role.STAFF)
    name = random_name("无效")
    body = complaint_body(
        complainant={"kind": "organisation", "name": name, "credit_code": "91330100MA27XL1234"}
    )

    refused = await client.post("/v1/complaints", json=body)

    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    errors = {e["field"]: e for e in refused.json()["errors"]}
    assert "complainant.credit_code" in errors
    assert errors["complainant.credit_code"]["message_zh"]
    assert (await client.get("/v1/complaints", params={"q": name})).json()["total"] == 0


async def test_a_trade_fair_complaint_without_the_fair_is_refused_whole(start_intake: Any) -> None:
    client = (await start_intake()).client(Role.STAFF)
    name = random_name("展会")
    body = complaint_body(channel="trade_fair", complainant={"kind": "organisation", "name": name})

    refused = await client.post("/v1/complaints", json=body)

    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "trade_fair"
    assert (await client.get("/v1/complaints", params={"q": name})).json()["total"] == 0


async def test_pending_court_action_blocks_acceptance_with_the_reason(start_intake: Any) -> None:
    client = (await start_intake()).client(Role.STAFF)

    created = (await client.post("/v1/complaints", json=complaint_body(court_action_pending=True))).json()

    assert created["status"] == "NOT_ACCEPTED"
    blocking = [f for f in created["findings"] if f["severity"] == "block"]
    assert [f["rule"] for f in blocking] == ["court_action_pending"]
    assert "people's court" in blocking[0]["message"]


async def test_correction_loop_holds_then_routes_with_the_default_correction_period(
    start_intake: Any,
) -> None:
    intake = await start_intake()
    client = intake.client(Role.STAFF)
    body = complaint_body(
        ip_type="utility_model", complainant={"kind": "organisation", "name": random_name()}
    )

    held = (await client.post("/v1/complaints", json=body)).json()

    assert held["status"] == "CORRECTION_REQUESTED"
    assert "evaluation_report_missing" in [f["rule"] for f in held["findings"]]
    queue = (await client.get("/v1/queue")).json()["items"]
    mine = [i for i in queue if i["complaint_id"] == held["id"]]
    # Issue 17: a fresh install has a correction period (15 CD, [U], conservative), not "not configured".
    assert [i["step"] for i in mine] == ["correction"] and mine[0]["due_at"] is not None
    assert "not configured" not in (mine[0]["note"] or "")

    corrected = await client.post(
        f"/v1/complaints/{held['id']}/correction",
        json={"rights": [{"number": held["right_number"], "evaluation_report": "requested"}]},
    )

    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["status"] == "ROUTED"
    assert "evaluation_report_requested" in [f["rule"] for f in corrected.json()["findings"]]
    queue = (await client.get("/v1/queue")).json()["items"]
    assert [i for i in queue if i["complaint_id"] == held["id"]] == []


async def test_the_same_complaint_again_is_linked_as_a_duplicate_and_staff_can_split_it(
    start_intake: Any,
) -> None:
    client = (await start_intake()).client(Role.STAFF)
    body = complaint_body()
    first = (await client.post("/v1/complaints", json=body)).json()

    again = (await client.post("/v1/complaints", json={**body, "channel": "walk_in"})).json()

    assert again["status"] == "DUPLICATE"
    assert again["link"]["complaint_id"] == first["id"]
    assert again["link"]["relation"] == "duplicate"
    matched = again["link"]["matched"]
    assert f"complainant=uscc:{body['complainant']['credit_code']}" in matched
    assert f"respondent=uscc:{body['respondents'][0]['credit_code']}" in matched

    split = await client.post(
        f"/v1/complaints/{again['id']}/duplicate/split", json={"reason": "不同批次产品"}
    )
    assert split.json()["status"] == "ROUTED"

    third = (await client.post("/v1/complaints", json={**body, "channel": "online"})).json()
    confirmed = await client.post(
        f"/v1/complaints/{third['id']}/duplicate/confirm", json={"reason": "重复提交"}
    )
    assert confirmed.json()["status"] == "CLOSED"
    assert confirmed.json()["link"]["confirmed"] is True


async def test_a_registration_reads_in_one_statement_and_writes_in_one(start_intake: Any) -> None:
    """Its number, the registry entry of its right and the earlier complaints sharing that right come
    in one statement; the complaint, keys, case record, audit and outbox go in one."""
    intake = await start_intake()
    client = intake.client(Role.STAFF)
    body = complaint_body()
    holder = body["complainant"]
    saved = await client.put(
        f"/v1/rights/invention_patent/{body['right_number']}",
        json={
            "holder_name": holder["name"],
            "holder_credit_code": holder["credit_code"],
            "valid_until": "2040-01-01",
        },
    )
    assert saved.status_code == 200, saved.text
    first = (await client.post("/v1/complaints", json=body)).json()
    statements: list[str] = []

    def seen(*args: Any) -> None:
        statements.append(str(args[2]))

    engine = intake.container.platform.engine.sync_engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        again = (await client.post("/v1/complaints", json={**body, "channel": "walk_in"})).json()
    finally:
        event.remove(engine, "before_cursor_execute", seen)

    assert len(statements) == 2, statements
    assert again["rights"][0]["verification"]["status"] == "verified"
    assert (again["status"], again["link"]["complaint_id"]) == ("DUPLICATE", first["id"])
    assert again["link"]["reference"] == first["reference"]
    assert int(again["reference"].rsplit("-", 1)[1]) > int(first["reference"].rsplit("-", 1)[1])


async def test_a_staff_override_publishes_the_routing_again_and_false_materials_go_to_credit(
    start_intake: Any, broker: Any
) -> None:
    intake = await start_intake(run_workers=True)
    client = intake.client(Role.STAFF, subject="staff-7")
    created = (await client.post("/v1/complaints", json=complaint_body())).json()

    overridden = await client.post(
        f"/v1/complaints/{created['id']}/triage",
        json={"track": "mediation", "reason": "双方到场表示愿意调解", "procedure": "people"},
    )
    assert overridden.status_code == 200, overridden.text
    assert overridden.json()["triage"]["rule"] == "staff_override"
    await client.post(
        f"/v1/complaints/{created['id']}/false-materials",
        json={"party_id": created["complainant"]["id"], "finding": "伪造的许可合同"},
    )

    routed = await published(
        broker.bootstrap_servers,
        "intake.complaint",
        "intake.complaint.routed",
        where={"complaint_id": created["id"]},
        expected=2,
    )
    assert [(r["destination"], r["routing_rule"]) for r in routed] == [
        ("adjudication", "ordinary_patent_adjudication"),
        ("mediation", "staff_override"),
    ]
    assert routed[1]["procedure"] == "people" and routed[1]["routed_at"] > routed[0]["routed_at"]
    found = await published(
        broker.bootstrap_servers,
        "intake.complaint",
        "intake.complaint.false_materials_found",
        where={"complaint_id": created["id"]},
    )
    assert found[0]["subject"]["credit_code"] == created["complainant"]["credit_code"]
    assert found[0]["found_by"] == "staff-7"
    timeline = (await client.get(f"/v1/complaints/{created['id']}/timeline")).json()["items"]
    assert ("TriageOverridden", "staff-7") in [(e["name"], e["actor"]) for e in timeline]


async def test_search_filters_and_pages_are_stable(start_intake: Any) -> None:
    client = (await start_intake()).client(Role.STAFF)
    respondent = random_name("检索")
    ids = []
    for _ in range(3):
        body = complaint_body(
            respondents=[{"kind": "organisation", "name": respondent, "credit_code": random_uscc()}]
        )
        body["complainant"]["credit_code"] = random_uscc()
        ids.append((await client.post("/v1/complaints", json=body)).json()["id"])

    page1 = (await client.get("/v1/complaints", params={"q": respondent, "limit": 2})).json()
    page2 = (await client.get("/v1/complaints", params={"q": respondent, "limit": 2, "offset": 2})).json()

    assert page1["total"] == 3
    assert [i["id"] for i in page1["items"] + page2["items"]] == list(reversed(ids))
    by_reference = (await client.get("/v1/complaints", params={"q": page2["items"][0]["reference"]})).json()
    assert [i["id"] for i in by_reference["items"]] == [ids[0]]
    routed = (
        await client.get(
            "/v1/complaints", params={"q": respondent, "status": "ROUTED", "track": "ordinary_adjudication"}
        )
    ).json()
    assert routed["total"] == 3


async def test_an_idempotency_key_replays_the_first_registration(start_intake: Any) -> None:
    client = (await start_intake()).client(Role.STAFF)
    body = complaint_body()

    first = await client.post("/v1/complaints", json=body, headers={"Idempotency-Key": "k-1"})
    second = await client.post("/v1/complaints", json=body, headers={"Idempotency-Key": "k-1"})

    assert second.status_code == 201
    assert second.json()["id"] == first.json()["id"]
    assert second.headers["idempotent-replayed"] == "true"


async def test_an_illegal_step_is_refused_with_the_allowed_ones(start_intake: Any) -> None:
    client = (await start_intake()).client(Role.STAFF)
    created = (await client.post("/v1/complaints", json=complaint_body())).json()
    await client.post(f"/v1/complaints/{created['id']}/withdrawal", json={"reason": "已和解"})

    refused = await client.post(f"/v1/complaints/{created['id']}/withdrawal", json={"reason": "again"})

    assert refused.status_code == 409
    assert refused.json()["code"] == "invalid_transition"
    assert refused.json()["allowed"] == []
