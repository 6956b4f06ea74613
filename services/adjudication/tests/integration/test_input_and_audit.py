"""No 5xx from any input (issue 13), and the audit trail of steps, approvals, reads, refusals and rooms
(issue 12), over the real API and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from adjudication.testing.bodies import decision_body
from shared.calendar import SHANGHAI
from shared.web.auth import Role


def today() -> dt.date:
    return dt.datetime.now(SHANGHAI).date()


def at(days_ahead: int, hour: int) -> str:
    return dt.datetime.combine(
        today() + dt.timedelta(days=days_ahead), dt.time(hour), tzinfo=SHANGHAI
    ).isoformat()


async def test_a_duplicate_hearing_room_is_a_409_naming_the_field(flow: Any) -> None:
    """The issue: 201, then 500 for the same name. Admins operate the registry, staff keep it."""
    body = {"name": f"第一审理庭-{uuid.uuid4().hex[:6]}", "mode": "physical", "location": "三楼 301"}
    admin = flow.service.client(Role.ADMIN, subject="admin-1")
    assert (await admin.post("/v1/hearing-rooms", json=body)).status_code == 201
    again = await flow.staff.post("/v1/hearing-rooms", json=body)
    assert again.status_code == 409, again.text
    assert again.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in again.json()["errors"]] == ["name"] and again.json()["detail_zh"]


async def test_control_characters_are_a_422_naming_the_field_and_search_terms_match_literally(
    flow: Any,
) -> None:
    room = await flow.staff.post(
        "/v1/hearing-rooms", json={"name": "庭\u0000", "mode": "physical", "location": "x"}
    )
    assert room.status_code == 422 and room.json()["errors"][0]["field"] == "name", room.text
    searched = await flow.staff.get("/v1/cases", params={"q": "\u0000"})
    assert searched.status_code == 422 and searched.json()["errors"][0]["field"] == "query.q", searched.text

    case_id = await flow.open()
    for term in ("%", "_", "\\", "50%_off\\"):
        found = await flow.staff.get("/v1/cases", params={"q": term, "limit": 200})
        assert found.status_code == 200, (term, found.text)
        assert str(case_id) not in {c["id"] for c in found.json()["items"]}, term  # no wildcard


@pytest.mark.parametrize(
    ("number", "accepted"),
    [
        ("ZL202310000001.X", None),  # the README's old example: the check character is 5
        ("ZL20231000001.5", None),  # 11 digits
        ("ZL202340000001.5", None),  # type digit 4
        ("zl 2023 1 0000001.5", "ZL202310000001.5"),
    ],
)
async def test_a_patent_number_is_checked_with_its_check_character(
    flow: Any, number: str, accepted: str | None
) -> None:
    body = {
        "subject": {"kind": "organisation", "name": "某某电器有限公司"},
        "acts": ["using_others_number"],
        "patent_number": number,
        "source": "ex_officio",
        "discovered_on": str(today()),
        "facts": "产品包装标注他人专利号",
    }
    response = await flow.staff.post("/v1/penalty-cases", json=body)
    if accepted is None:
        assert response.status_code == 422, response.text
        assert [(e["field"], e["code"]) for e in response.json()["errors"]] == [
            ("patent_number", "patent_number_invalid")
        ]
    else:
        assert response.status_code == 201, response.text
        assert response.json()["patent_number"] == accepted


async def test_a_hearing_record_and_a_decision_cannot_precede_the_hearing(flow: Any) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)
    await flow.seat(case_id)
    file = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()
    handler = next(p["id"] for p in file["participants"] if p["person_id"] == "judge-1")
    created = await flow.staff.post(
        "/v1/hearing-rooms",
        json={"name": f"庭-{uuid.uuid4().hex[:6]}", "mode": "physical", "location": "三楼"},
    )
    plan = {
        "room_id": created.json()["id"],
        "starts_at": at(14, 9),
        "ends_at": at(14, 12),
        "participant_ids": [handler],
    }
    scheduled = await flow.post(case_id, "hearings", plan, as_panel=True)
    hearing_id = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["hearings"][0]["id"]
    record = {
        "attendance": {"requester": "present", "respondent-1": "present"},
        "summary": "双方到庭",
        "signed_on": str(today()),
        "signed_by": ["李组长"],
    }

    early = await flow.adjudicator.post(f"/v1/cases/{case_id}/hearings/{hearing_id}/record", json=record)
    assert scheduled["state"] == "HEARING_SCHEDULED"
    assert early.status_code == 422, early.text
    assert [(e["field"], e["code"]) for e in early.json()["errors"]] == [("signed_on", "before_its_object")]
    assert early.json()["errors"][0]["message_zh"].startswith("signed_on")

    held_on = today() + dt.timedelta(days=14)
    held = await flow.adjudicator.post(
        f"/v1/cases/{case_id}/hearings/{hearing_id}/record", json=record | {"signed_on": str(held_on)}
    )
    assert held.status_code == 200, held.text
    decided = await flow.adjudicator.post(f"/v1/cases/{case_id}/decision", json=decision_body(today()))
    assert decided.status_code == 422, decided.text
    assert [(e["field"], e["code"]) for e in decided.json()["errors"]] == [
        ("decided_on", "before_its_object")
    ]


async def test_a_penalty_decision_cannot_be_served_or_published_before_it_was_taken(flow: Any) -> None:
    filed = await flow.staff.post(
        "/v1/penalty-cases",
        json={
            "subject": {"kind": "organisation", "name": "某某电器有限公司"},
            "acts": ["using_others_number"],
            "source": "ex_officio",
            "discovered_on": str(today()),
            "facts": "产品包装标注他人专利号",
        },
    )
    assert filed.status_code == 201, filed.text
    case = f"/v1/penalty-cases/{filed.json()['id']}"
    notice = {
        "fine": "60000",  # a large fine (行政处罚法 art. 63): the hearing can be waived
        "confiscate_gains": False,
        "correction_order": "责令改正",
        "served_on": str(today()),
    }
    assert (await flow.staff.post(f"{case}/notice", json=notice)).status_code == 200
    assert (await flow.staff.post(f"{case}/hearing-waiver")).status_code == 200
    decision = {"fine": "60000", "correction_order": "责令改正", "reasons": "标注他人专利号"}
    assert (await flow.staff.post(f"{case}/decision", json=decision)).status_code == 200
    assert (await flow.head.post(f"{case}/decision/approval")).status_code == 200

    yesterday = str(today() - dt.timedelta(days=1))
    served = await flow.staff.post(f"{case}/decision-service", json={"served_on": yesterday})
    assert served.status_code == 422 and served.json()["errors"][0]["field"] == "served_on", served.text


async def test_steps_approvals_reads_refusals_and_rooms_are_on_the_audit_trail(flow: Any) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)
    await flow.decide(case_id, decided=0)
    assert (await flow.staff.get(f"/v1/cases/{case_id}/file")).status_code == 200
    curious = flow.service.client(Role.ADJUDICATOR, subject="judge-curious")
    assert (await curious.get(f"/v1/cases/{case_id}")).status_code == 403
    room = await flow.service.client(Role.ADMIN, subject="admin-rooms").post(
        "/v1/hearing-rooms",
        json={"name": f"庭-{uuid.uuid4().hex[:6]}", "mode": "remote", "location": "腾讯会议"},
    )
    assert room.status_code == 201

    auditor = flow.service.client(Role.AUDITOR, subject="auditor-1")
    trail = (await auditor.get("/v1/audit-trail", params={"object_id": str(case_id), "limit": 500})).json()[
        "items"
    ]
    entries = {(e["action"], e["outcome"], e["actor"]) for e in trail}
    assert ("adjudication.case.docket", "succeeded", "staff-1") in entries
    assert ("adjudication.decision.propose", "succeeded", "judge-1") in entries
    assert ("adjudication.decision.approve", "succeeded", "head-1") in entries
    assert ("adjudication.case.file", "read", "staff-1") in entries
    approved = next(e for e in trail if e["action"] == "adjudication.decision.approve")
    assert approved["roles"] == ["office_head"]

    refused = (await auditor.get("/v1/audit-trail", params={"actor": "judge-curious"})).json()["items"]
    assert [(e["action"], e["outcome"]) for e in refused] == [("adjudication.case.read", "denied")]
    assert refused[0]["details"]["code"] == "object_denied"
    added = (await auditor.get("/v1/audit-trail", params={"object_id": room.json()["id"]})).json()["items"]
    assert [(e["action"], e["object_type"], e["actor"]) for e in added] == [
        ("adjudication.room.add", "hearing_room", "admin-rooms")
    ]
    assert (await flow.staff.get("/v1/audit-trail")).status_code == 403


async def test_evidence_keeps_a_safe_name_and_only_a_type_evidence_may_be(flow: Any) -> None:
    """The issue: an HTML file declared as image/png named ../../../../etc/passwd.png was accepted."""
    case_id = await flow.open()
    await flow.docket(case_id, today() - dt.timedelta(days=5))
    item = {
        "file_name": "../../../../etc/passwd.png",
        "media_type": "image/png",
        "size_bytes": 10,
        "sha256": "ab" * 32,
    }

    kept = await flow.staff.post(
        f"/v1/cases/{case_id}/evidence", json={"party_id": "requester", "items": [item]}
    )
    html = await flow.staff.post(
        f"/v1/cases/{case_id}/evidence",
        json={"party_id": "requester", "items": [item | {"media_type": "text/html"}]},
    )

    assert kept.status_code == 200, kept.text
    assert (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["evidence"][-1][
        "file_name"
    ] == "passwd.png"
    assert html.status_code == 422, html.text
    assert [(e["field"], e["code"]) for e in html.json()["errors"]] == [
        ("items.0.media_type", "media_type_not_allowed")
    ]


async def test_a_receipt_cannot_precede_its_sending(flow: Any) -> None:
    case_id = await flow.open()
    await flow.docket(case_id, today() - dt.timedelta(days=10))
    body = {
        "party_id": "respondent-1",
        "method": "post",
        "dispatched_on": str(today() - dt.timedelta(days=3)),
        "served_on": str(today() - dt.timedelta(days=5)),
    }
    refused = await flow.staff.post(f"/v1/cases/{case_id}/request-copy-services", json=body)
    assert refused.status_code == 422, refused.text
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("served_on", "before_its_object")]
    assert "寄出日期" in refused.json()["errors"][0]["message_zh"]
    served = await flow.staff.post(
        f"/v1/cases/{case_id}/request-copy-services",
        json=body | {"served_on": str(today() - dt.timedelta(days=1))},
    )
    assert served.status_code == 200, served.text
