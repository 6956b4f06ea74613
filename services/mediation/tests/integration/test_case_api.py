"""A court-assigned case over the real API and PostgreSQL: assignment, period, agreement, confirmation."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from shared.calendar import catalogue
from shared.contracts import CloudEvent
from shared.identity.principals import PrincipalKind
from shared.testing.plugin import BrokerHandle
from shared.testing.refs import random_name, random_uscc
from shared.testing.services import RunningService
from shared.testing.waiting import eventually, read_topic
from shared.web.auth import Role

NOW = dt.datetime.now(dt.UTC)
TODAY = NOW.astimezone(dt.timezone(dt.timedelta(hours=8))).date()


def court_client(mediation: RunningService, code: str = "ZJ-HZ-SC") -> httpx.AsyncClient:
    """A court's client: its code is its token's partner code."""
    return mediation.client(Role.COURT, subject=code, kind=PrincipalKind.COURT, partner=code)


def court_assignment(kind: str = "pre_filing", **overrides: Any) -> dict[str, Any]:
    body = {
        "assignment_id": f"CA-{uuid.uuid4().hex[:10]}",
        "court_code": "ZJ-HZ-SC",
        "court_name": "杭州市上城区人民法院",
        "court_case_no": "(2026)浙0102民诉前调88号",
        "kind": kind,
        "ip_type": "trademark",
        "right_number": "第12345678号",
        "parties": [
            {
                "kind": "organisation",
                "name": random_name("商标权人"),
                "credit_code": random_uscc(),
                "region_code": "330102",
                "address": "杭州市上城区解放路1号",
                "phone": "0571-1",
            },
            {
                "kind": "organisation",
                "name": random_name("被告"),
                "credit_code": random_uscc(),
                "region_code": "330106",
                "address": "杭州市西湖区文三路2号",
                "phone": "0571-2",
            },
        ],
        "dispute_summary": "被告销售假冒注册商标的商品。",
        "assigned_at": NOW.isoformat(),
    }
    return {**body, **overrides}


def agreement_body(case: dict[str, Any], *, terms: list[dict[str, str]] | None = None) -> dict[str, Any]:
    applicant, respondent = case["parties"][0]["id"], case["parties"][1]["id"]
    return {
        "facts": "被告销售假冒申请人注册商标的商品。",
        "issues": "侵权是否成立及赔偿数额。",
        "responsibilities": "被告承担赔偿责任。",
        "terms": terms or [{"kind": "payment", "text": "被告分两期赔偿5万元"}],
        "amount": "50000.00",
        "instalments": [
            {
                "number": 1,
                "amount": "30000.00",
                "due_on": str(TODAY + dt.timedelta(days=20)),
                "payer_id": respondent,
                "payee_id": applicant,
            },
            {
                "number": 2,
                "amount": "20000.00",
                "due_on": str(TODAY + dt.timedelta(days=50)),
                "payer_id": respondent,
                "payee_id": applicant,
            },
        ],
        "stop_undertaking": "立即停止销售",
        "performance_manner": "银行转账",
    }


async def open_and_start(
    mediation: RunningService, roster: dict[str, Any], **overrides: Any
) -> dict[str, Any]:
    court = court_client(mediation)
    created = await court.post("/v1/court-assignments", json=court_assignment(**overrides))
    assert created.status_code == 201, created.text
    case = created.json()
    staff = mediation.client(Role.STAFF)
    assigned = await staff.post(
        f"/v1/cases/{case['id']}/assignments", json={"mediator_id": roster["mediator"]["id"]}
    )
    assert assigned.status_code == 201, assigned.text
    mediator = mediation.client(Role.MEDIATOR, subject=roster["account"])
    started = await mediator.post(f"/v1/cases/{case['id']}/assignments/{assigned.json()['id']}/confirmation")
    assert started.status_code == 200, started.text
    running: dict[str, Any] = started.json()
    return running


async def sign_all(client: httpx.AsyncClient, case: dict[str, Any]) -> dict[str, Any]:
    for party in case["parties"]:
        signed = await client.post(
            f"/v1/cases/{case['id']}/agreement/signatures", json={"party_id": party["id"]}
        )
        assert signed.status_code == 201, signed.text
    final = await client.post(f"/v1/cases/{case['id']}/agreement/signatures", json={"manner": "seal"})
    assert final.status_code == 201, final.text
    agreement: dict[str, Any] = final.json()
    return agreement


async def test_the_same_court_assignment_opens_one_case(mediation: RunningService) -> None:
    court = court_client(mediation)
    body = court_assignment()
    first = await court.post("/v1/court-assignments", json=body)
    again = await court.post("/v1/court-assignments", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["state"] == "REQUESTED"
    assert [t["name"] for t in first.json()["armed_timers"]] == [
        "court_assignment_confirm.warning",
        "court_assignment_confirm",
    ]


async def test_the_mediators_confirmation_starts_the_30_day_period_from_the_catalogue(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case = await open_and_start(mediation, roster)

    assert case["state"] == "IN_MEDIATION"
    expected = catalogue.deadline("mediation.court_assigned_prefiling", TODAY).due
    assert case["deadlines"]["mediation_period"] == expected.isoformat()
    period = next(t for t in case["armed_timers"] if t["name"] == "mediation_period")
    assert "特邀调解" in period["explanation"]
    load = await mediation.client(Role.STAFF).get(f"/v1/mediators/{roster['mediator']['id']}")
    assert load.json()["load"] >= 1


async def test_an_extension_needs_every_party_and_moves_the_period(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case = await open_and_start(mediation, roster)
    staff = mediation.client(Role.STAFF)
    url = f"/v1/cases/{case['id']}/extensions"

    refused = await staff.post(url, json={"days": 10, "consenting_party_ids": [case["parties"][0]["id"]]})
    assert refused.status_code == 422
    assert refused.headers["content-type"].startswith("application/problem+json")
    (error,) = refused.json()["errors"]
    assert error["code"] == "consent_missing" and "各方当事人" in error["message_zh"]

    extended = await staff.post(
        url, json={"days": 10, "consenting_party_ids": [p["id"] for p in case["parties"]]}
    )
    assert extended.status_code == 200, extended.text
    assert extended.json()["extension_days"] == 10
    assert extended.json()["deadlines"]["mediation_period"] > case["deadlines"]["mediation_period"]


async def test_goods_an_agreement_names_are_kept_shown_in_the_document_and_published(
    mediation: RunningService, roster: dict[str, Any], broker: BrokerHandle
) -> None:
    """§H.2 ``mediation.settlement_covering_goods`` starts here: the goods ride on the agreement event."""
    case = await open_and_start(mediation, roster)
    staff = mediation.client(Role.STAFF)
    goods = [
        {
            "description": "运动鞋（带某某图案）",
            "quantity": "1200 双",
            "hs_code": "6404110000",
            "customs_ref": "2026-0001",
            "port_code": "2900",
        },
        {"description": "鞋盒", "quantity": "1200 个"},
    ]
    bad = await staff.put(
        f"/v1/cases/{case['id']}/agreement",
        json={**agreement_body(case), "goods_covered": [{**goods[0], "hs_code": "鞋"}]},
    )
    drafted = await staff.put(
        f"/v1/cases/{case['id']}/agreement", json={**agreement_body(case), "goods_covered": goods}
    )
    assert bad.status_code == 422
    assert drafted.status_code == 200, drafted.text
    expected = [goods[0], {**goods[1], "hs_code": None, "customs_ref": None, "port_code": None}]
    assert drafted.json()["goods_covered"] == expected
    agreement = await sign_all(staff, case)
    assert agreement["goods_covered"] == expected
    html = await staff.get(f"/v1/cases/{case['id']}/agreement/document.html")
    assert "运动鞋（带某某图案）" in html.text and "2026-0001" in html.text

    signed: list[dict[str, Any]] = []

    async def published() -> bool:  # the whole topic so far (a second's reading), this case's event
        records = await read_topic(broker.bootstrap_servers, "mediation.case", expected=10**9, within=1.0)
        events = [CloudEvent.from_kafka(r.headers, r.value) for r in records]
        signed[:] = [
            e.data
            for e in events
            if e.type == "mediation.agreement.signed" and e.data["case_id"] == case["id"]
        ]
        return bool(signed)

    await eventually(published, within=30.0, what="mediation.agreement.signed with the goods")
    assert len(signed) == 1
    assert signed[0]["goods_covered"] == expected


async def test_agreement_document_confirmation_and_ruling(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case = await open_and_start(mediation, roster)
    staff = mediation.client(Role.STAFF)
    drafted = await staff.put(f"/v1/cases/{case['id']}/agreement", json=agreement_body(case))
    assert drafted.status_code == 200, drafted.text
    assert drafted.json()["confirmation_eligible"] is True
    agreement = await sign_all(staff, case)
    assert agreement["status"] == "EFFECTIVE"

    html = await staff.get(f"/v1/cases/{case['id']}/agreement/document.html")
    pdf = await staff.get(f"/v1/cases/{case['id']}/agreement/document.pdf")
    assert "调解协议书" in html.text and agreement["number"] in html.text
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")

    courts = await staff.get(f"/v1/cases/{case['id']}/competent-courts")
    assert [c["code"] for c in courts.json()["courts"]] == ["ZJ-HZ-SC", "ZJ-HZ-XH"]
    applicants = [
        {"party_id": p["id"], "signed_at": NOW.isoformat(), "manner": "online"} for p in case["parties"]
    ]
    ambiguous = await staff.post(
        f"/v1/cases/{case['id']}/confirmation-applications", json={"applicants": applicants}
    )
    assert ambiguous.status_code == 422 and ambiguous.json()["code"] == "court_not_competent"
    filed = await staff.post(
        f"/v1/cases/{case['id']}/confirmation-applications",
        json={
            "applicants": applicants,
            "court_code": "ZJ-HZ-SC",
            "provided_materials": {f"identity:{case['parties'][0]['id']}": "身份证明-1.pdf"},
        },
    )
    assert filed.status_code == 201, filed.text
    application = filed.json()
    statuses = {m["code"]: m["status"] for m in application["materials"]}
    assert statuses["mediation_agreement"] == "generated"
    assert statuses[f"identity:{case['parties'][0]['id']}"] == "provided"
    assert statuses[f"identity:{case['parties'][1]['id']}"] == "missing"

    court = court_client(mediation)
    base = f"/v1/confirmation-applications/{application['id']}"
    answer = {"court_code": "BJ-HD", "docket_no": "x", "accepted_at": NOW.isoformat()}
    naming_another_court = await court.post(f"{base}/acceptance", json=answer)
    assert naming_another_court.status_code == 403  # a court acts only for itself, whatever the body says
    another_court = await court_client(mediation, "BJ-HD").post(f"{base}/acceptance", json=answer)
    assert another_court.status_code == 403 and another_court.json()["code"] == "object_denied"
    clerk_for_another_court = await mediation.client(Role.CLERK).post(f"{base}/acceptance", json=answer)
    assert clerk_for_another_court.status_code == 409  # filed with ZJ-HZ-SC, not BJ-HD
    accepted = await court.post(
        f"{base}/acceptance",
        json={"court_code": "ZJ-HZ-SC", "docket_no": "(2026)浙0102民特5号", "accepted_at": NOW.isoformat()},
    )
    assert accepted.json()["status"] == "ACCEPTED"
    ruled = await court.post(
        f"{base}/ruling",
        json={
            "court_code": "ZJ-HZ-SC",
            "ruling": "valid",
            "ruling_no": "(2026)浙0102民特5号之一",
            "ruled_at": NOW.isoformat(),
        },
    )
    assert ruled.json()["status"] == "RULED_VALID"

    final = (await staff.get(f"/v1/cases/{case['id']}")).json()
    assert final["state"] == "CONFIRMED_VALID"
    assert final["legal_effect"]["effect"] == "court_confirmed"
    assert {"objection_third_party", "enforcement_period"} <= set(final["deadlines"])
    history = (await staff.get(f"/v1/cases/{case['id']}/history")).json()["items"]
    assert [h["to_state"] for h in history if h["to_state"]] == [
        "REQUESTED",
        "ACCEPTED",
        "IN_MEDIATION",
        "AGREEMENT_SIGNED",
        "CONFIRMATION_WINDOW",
        "CONFIRMATION_FILED",
        "CONFIRMED_VALID",
    ]
    assert history[-1]["actor"] == {"kind": "court", "id": "ZJ-HZ-SC"}
    # Interp. art. 372 [V]: each party's 15-CD objection window runs from its own receipt of the ruling
    first, second = (p["id"] for p in final["parties"][:2])
    assert not any(k.startswith("objection_party") for k in final["deadlines"])
    receipts = f"/v1/cases/{case['id']}/ruling-receipts"
    late = TODAY + dt.timedelta(days=20)
    assert (
        await staff.post(receipts, json={"party_id": first, "received_on": str(TODAY)})
    ).status_code == 201
    received = await court.post(receipts, json={"party_id": second, "received_on": str(late)})
    assert received.status_code == 201, received.text
    # Issue 17: the command answers with the receipt it recorded, and where it lives.
    assert received.json()["party_id"] == second and received.json()["received_on"] == str(late)
    assert received.headers["location"] == f"{receipts}/{second}"
    assert (await staff.get(received.headers["location"])).json() == received.json()
    assert (await staff.get(f"{receipts}/{uuid.uuid4()}")).json()["code"] == "ruling_receipt_not_found"
    confirmed = (await staff.get(f"/v1/cases/{case['id']}")).json()
    windows = confirmed["deadlines"]
    assert confirmed["ruling_receipts"] == {first: str(TODAY), second: str(late)}
    assert received.json()["objection_window_due"] == windows[f"objection_party.{second}"]
    assert dt.date.fromisoformat(windows[f"objection_party.{first}"]) >= TODAY + dt.timedelta(days=15)
    assert dt.date.fromisoformat(windows[f"objection_party.{second}"]) >= late + dt.timedelta(days=15)
    before_the_ruling = {"party_id": first, "received_on": str(TODAY - dt.timedelta(days=1))}
    assert (await staff.post(receipts, json=before_the_ruling)).status_code == 422
    objection = {"by_third_party": False, "objector": "乙", "grounds": "非自愿"}
    on = str(TODAY + dt.timedelta(days=25))  # after the first party's window, inside the second's
    lodged = await staff.post(
        f"/v1/cases/{case['id']}/objections", json={**objection, "party_id": second, "lodged_on": on}
    )
    assert lodged.status_code == 201 and lodged.json()["within_window"] is True, lodged.text
    # Issue 17: the command answers with what it created, and where it lives.
    assert lodged.headers["location"] == f"/v1/cases/{case['id']}/objections/{lodged.json()['id']}"
    assert (await staff.get(lodged.headers["location"])).json() == lodged.json()
    unnamed = await staff.post(f"/v1/cases/{case['id']}/objections", json={**objection, "lodged_on": on})
    assert unnamed.status_code == 422 and unnamed.json()["errors"][0]["field"] == "party_id"


async def test_an_illegal_step_is_a_409_listing_what_is_allowed(mediation: RunningService) -> None:
    court = court_client(mediation)
    case = (await court.post("/v1/court-assignments", json=court_assignment())).json()
    response = await mediation.client(Role.STAFF).post(f"/v1/cases/{case['id']}/resumption")
    assert response.status_code == 409
    problem = response.json()
    assert problem["code"] == "invalid_transition"
    assert problem["allowed"] == ["ACCEPTED", "ASSIGNMENT_DECLINED", "DECLINED_BY_OTHER_PARTY", "WITHDRAWN"]
    assert problem["detail_zh"]


async def test_roles_are_enforced(mediation: RunningService) -> None:
    court = court_client(mediation)
    case = (await court.post("/v1/court-assignments", json=court_assignment())).json()
    drafted_by_court = await court.put(f"/v1/cases/{case['id']}/agreement", json=agreement_body(case))
    assert drafted_by_court.status_code == 403
    staff_assigning = await mediation.client(Role.STAFF).post(
        "/v1/court-assignments", json=court_assignment()
    )
    assert staff_assigning.status_code == 403
    # A mediator reads only the cases assigned to them (issue 12: every mediator action is bound).
    another_mediator = mediation.client(Role.MEDIATOR, subject="not-on-the-roster")
    assert (await another_mediator.get(f"/v1/cases/{case['id']}")).status_code == 403


async def test_a_conflict_declared_when_declining_bars_the_mediator_next_time(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    staff = mediation.client(Role.STAFF)
    court = court_client(mediation)
    body = court_assignment()
    case = (await court.post("/v1/court-assignments", json=body)).json()
    assigned = (
        await staff.post(
            f"/v1/cases/{case['id']}/assignments", json={"mediator_id": roster["mediator"]["id"]}
        )
    ).json()
    declined = await mediation.client(Role.MEDIATOR, subject=roster["account"]).post(
        f"/v1/cases/{case['id']}/assignments/{assigned['id']}/declination",
        json={"reason": "曾为被告提供咨询", "conflict_with_party_id": case["parties"][1]["id"]},
    )
    assert declined.status_code == 200, declined.text

    again = await staff.post(
        f"/v1/cases/{case['id']}/assignments", json={"mediator_id": roster["mediator"]["id"]}
    )
    assert again.status_code == 409 and again.json()["code"] == "conflict_of_interest"
    candidates = (await staff.get(f"/v1/cases/{case['id']}/mediator-candidates")).json()["items"]
    mine = next(c for c in candidates if c["mediator"]["id"] == roster["mediator"]["id"])
    assert mine["exclusions"] == ["conflict_of_interest"]
