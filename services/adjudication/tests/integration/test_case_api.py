"""The case API over HTTP against real PostgreSQL: steps, refusals as problem+json, reads and documents."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import sqlalchemy as sa

from adjudication.adapters.orm import case_record
from shared.calendar import SHANGHAI
from shared.identity.principals import PrincipalKind
from shared.testing.refs import random_patent_number
from shared.web.auth import Role


def days_ago(n: int) -> dt.date:
    return dt.datetime.now(SHANGHAI).date() - dt.timedelta(days=n)


async def test_docketing_assigns_the_official_number_and_starts_the_clocks(flow: Any) -> None:
    case_id = await flow.open(received_days_ago=3)

    docketed = await flow.docket(case_id)

    year = dt.datetime.now(SHANGHAI).year
    assert docketed["state"] == "DOCKETED"
    assert docketed["docket_no"] == f"（{year}）京{flow.office_code[2:]}知裁字第1号"
    assert docketed["case_no"].startswith("AD")
    assert "serve_request_copy → SERVED_ON_RESPONDENT" in docketed["allowed_transitions"]
    deadlines = {d["key"]: d for d in (await flow.staff.get(f"/v1/cases/{case_id}/deadlines")).json()}
    assert deadlines["docket"]["status"] == "met"
    assert deadlines["close"]["status"] == "running"
    assert "adjudication.close" in deadlines["close"]["explanation"]
    assert deadlines["serve_request_copy"]["confidence"] == "U"


async def test_an_illegal_step_is_a_409_problem_listing_the_allowed_ones(flow: Any) -> None:
    case_id = await flow.open()
    await flow.seat(case_id)

    response = await flow.adjudicator.post(f"/v1/cases/{case_id}/decision", json=_decision())

    assert response.status_code == 409
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "invalid_transition"
    assert set(problem["allowed"]) == {
        "request_correction → CORRECTION_REQUESTED",
        "docket → DOCKETED",
        "refuse → NOT_ACCEPTED",
        "withdraw → WITHDRAWN",
    }
    assert "SUBMITTED" in problem["detail_en"] and problem["detail_zh"]


async def test_a_broken_rule_is_a_422_with_bilingual_field_errors(flow: Any) -> None:
    case_id = await flow.open()
    body = {
        "jurisdiction": {"basis": "place_of_infringement", "region_code": "440305"},
        "checklist": {
            "requester_entitled": True,
            "respondent_identified": True,
            "claims_specific": False,
            "patent_valid": True,
        },
    }

    response = await flow.staff.post(f"/v1/cases/{case_id}/docket", json=body)

    assert response.status_code == 422
    problem = response.json()
    errors = {e["field"]: e for e in problem["errors"]}
    assert set(errors) == {"checklist.claims_specific", "jurisdiction.region_code"}
    assert errors["jurisdiction.region_code"]["pointer"] == "#/jurisdiction/region_code"
    assert all(e["message_zh"] for e in problem["errors"])
    assert (await flow.staff.get(f"/v1/cases/{case_id}")).json()["state"] == "SUBMITTED"


async def test_a_decision_cannot_award_damages(flow: Any) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)

    response = await flow.adjudicator.post(
        f"/v1/cases/{case_id}/decision", json=_decision() | {"damages_awarded": "100000.00"}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "damages_awarded"


async def test_only_adjudicators_decide_and_courts_only_read_their_own_cases(flow: Any) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)

    as_staff = await flow.staff.post(f"/v1/cases/{case_id}/decision", json=_decision())
    court = flow.service.client(Role.COURT, kind=PrincipalKind.COURT, partner="110108")
    as_court = await court.post(f"/v1/cases/{case_id}/withdrawal", json={})
    read = await court.get(f"/v1/cases/{case_id}")  # no suit filed with it, no enforcement applied to it

    assert (as_staff.status_code, as_court.status_code, read.status_code) == (403, 403, 403)
    assert [r.json()["code"] for r in (as_staff, as_court, read)] == [
        "action_denied",
        "action_denied",
        "object_denied",
    ]


async def test_a_decided_case_serves_its_decision_document_as_html_and_pdf(flow: Any) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)
    decided = await flow.decide(case_id, decided=40)

    html = await flow.staff.get(f"/v1/cases/{case_id}/decision.html")
    pdf = await flow.staff.get(f"/v1/cases/{case_id}/decision.pdf")

    assert decided["state"] == "DECIDED"
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert "专利侵权纠纷行政裁决书" in html.text and "十五日内" in html.text
    assert "北京市测试区知识产权局" in html.text
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    for document in (html, pdf):  # served as downloads: nothing sniffed, nothing run, an RFC 6266 name
        assert document.headers["x-content-type-options"] == "nosniff"
        assert document.headers["content-security-policy"] == "default-src 'none'; sandbox"
        assert "filename*=UTF-8''%E8%A3%81%E5%86%B3%E4%B9%A6" in document.headers["content-disposition"]


async def test_the_decision_document_of_an_undecided_case_does_not_exist(flow: Any) -> None:
    case_id = await flow.open()
    response = await flow.staff.get(f"/v1/cases/{case_id}/decision.pdf")
    assert response.status_code == 404
    assert response.json()["code"] == "record_not_found"


async def test_the_timeline_shows_every_event_with_actor_and_legal_basis(flow: Any) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)

    timeline = (await flow.staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"]

    events = [(e["event"], e["to_state"]) for e in timeline]
    assert events[:5] == [
        ("RequestFiled", None),
        ("ApprovalRequested", None),  # staff-1 proposed acceptance
        ("CaseDocketed", "DOCKETED"),  # head-1 approved it
        ("RequestCopyServed", "SERVED_ON_RESPONDENT"),
        ("AnswerPeriodOpened", "ANSWER_PERIOD"),
    ]
    assert events[-1] == ("ReviewStarted", "IN_REVIEW")
    proposed, docketed = timeline[1], timeline[2]
    assert (proposed["actor_kind"], proposed["actor_id"], proposed["details"]["approval"]) == (
        "handler",
        "staff-1",
        "docket",
    )
    assert (docketed["actor_kind"], docketed["actor_id"]) == ("handler", "staff-1")
    assert docketed["details"]["approved_by"] == "head-1"
    assert any(basis.startswith("专利法实施细则 art. 95-97") for basis in docketed["legal_basis"])
    assert timeline[4]["actor_kind"] == "system"


async def test_advisories_come_back_with_the_step_and_stay_on_the_timeline(flow: Any) -> None:
    case_id = await flow.open(received_days_ago=40)
    late = await flow.docket(case_id, days_ago(2))  # far beyond 5 working days after receipt

    assert [a["code"] for a in late["advisories"]] == ["docketed_late"]
    again = (await flow.staff.get(f"/v1/cases/{case_id}")).json()
    assert again["advisories"] == []
    timeline = (await flow.staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"]
    assert timeline[-1]["advisories"][0]["code"] == "docketed_late"


async def test_search_finds_cases_by_party_docket_number_and_state(flow: Any) -> None:
    case_id = await flow.open()
    docketed = await flow.docket(case_id, days_ago(110))
    respondent = docketed["respondents"][0]

    by_name = await flow.staff.get("/v1/cases", params={"q": respondent["name"]})
    by_code = await flow.staff.get("/v1/cases", params={"q": respondent["credit_code"].lower()})
    by_docket = await flow.staff.get("/v1/cases", params={"q": docketed["docket_no"], "state": ["DOCKETED"]})
    wrong_state = await flow.staff.get("/v1/cases", params={"q": docketed["docket_no"], "state": ["CLOSED"]})

    for response in (by_name, by_code, by_docket):
        assert [c["id"] for c in response.json()["items"]] == [str(case_id)]
    assert wrong_state.json()["items"] == []


async def test_the_work_queue_lists_a_persons_cases_most_urgent_first(flow: Any) -> None:
    later, sooner = await flow.open(received_days_ago=12), await flow.open(received_days_ago=12)
    await flow.docket(later)
    await flow.docket(sooner, days_ago(10))  # its 5-WD service deadline has passed already
    for case_id in (later, sooner):
        await flow.post(
            case_id,
            "participants",
            {"person_id": "judge-queue", "name": "李审理员", "role": "presiding"},
            as_panel=True,
        )

    queue = (await flow.staff.get("/v1/work-queue", params={"person_id": "judge-queue"})).json()
    someone_elses = await flow.adjudicator.get("/v1/work-queue", params={"person_id": "judge-queue"})
    assert someone_elses.status_code == 403  # an adjudicator reads only their own queue

    assert [i["case_id"] for i in queue["items"]] == [str(sooner), str(later)]
    first, second = queue["items"]
    assert first["roles"] == ["presiding"]
    assert first["open_deadlines"][0]["due"] == first["next_due"]
    assert (first["overdue"], second["overdue"]) == (True, False)


async def test_a_copy_of_evidence_is_verified_against_its_hash(flow: Any) -> None:
    case_id = await flow.open()
    await flow.docket(case_id, days_ago(100))
    content = "公证书（2026）京方圆内经证字第1号".encode()
    body = {
        "party_id": "requester",
        "items": [
            {
                "file_name": "notary.pdf",
                "media_type": "application/pdf",
                "size_bytes": len(content),
                "sha256": hashlib.sha256(content).hexdigest().upper(),
            }
        ],
    }
    await flow.post(case_id, "evidence", body)
    evidence_id = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["evidence"][0]["id"]

    same = await flow.staff.post(
        f"/v1/cases/{case_id}/evidence/{evidence_id}/verification",
        files={"document": ("copy.pdf", content, "application/pdf")},
    )
    other = await flow.staff.post(
        f"/v1/cases/{case_id}/evidence/{evidence_id}/verification",
        files={"document": ("copy.pdf", content + b"!", "application/pdf")},
    )

    assert (same.json()["matches"], other.json()["matches"]) == (True, False)


def _decision() -> dict[str, Any]:
    return {
        "outcome": "INFRINGEMENT_ESTABLISHED",
        "requester_statement": "称",
        "respondent_statement": "辩",
        "findings": "查明",
        "reasons": "认为",
        "stop_order": {"acts": ["sell"], "products": ["X1"]},
    }


async def test_the_timeline_is_in_time_order_whatever_the_order_of_recording(flow: Any) -> None:
    """Issue 17: an entry recorded late (a consumed event, a timer catching up) showed after later ones.
    The timeline sorts by when things happened; entries of the same instant keep their recording order."""
    case_id = await flow.open()
    await flow.docket(case_id)
    sessions = flow.service.container.views._sessions
    async with sessions() as session, session.begin():
        first = (
            await session.execute(
                sa.select(sa.func.min(case_record.c.occurred_at)).where(case_record.c.aggregate_id == case_id)
            )
        ).scalar_one()
        early = first - dt.timedelta(days=2)
        for action in ("LateRecordedA", "LateRecordedB"):  # recorded last, happened first, same instant
            await session.execute(
                case_record.insert().values(
                    aggregate_type="adjudication_case",
                    aggregate_id=case_id,
                    action=action,
                    actor_kind="system",
                    actor_id="test",
                    occurred_at=early,
                )
            )

    entries = (await flow.staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"]

    assert [e["event"] for e in entries[:2]] == ["LateRecordedA", "LateRecordedB"]
    moments = [dt.datetime.fromisoformat(e["occurred_at"]) for e in entries]
    assert moments == sorted(moments)
    assert [e["sequence"] for e in entries] == list(range(1, len(entries) + 1))


async def test_a_suspension_request_answers_with_the_request_it_created(flow: Any) -> None:
    """Issue 17: ``POST …/suspension-requests`` answered with the case; the request's id had to be dug
    out of the file. It answers 201 with the request, and ``Location`` reads it back."""
    case_id = await flow.open(received_days_ago=20)
    await flow.docket(case_id, days_ago(15))
    body = {
        "reason": "ownership",
        "requested_by": None,
        "filed_on": str(days_ago(1)),
        "note": "权属纠纷已起诉",
    }

    created = await flow.staff.post(f"/v1/cases/{case_id}/suspension-requests", json=body)

    assert created.status_code == 201, created.text
    request = created.json()
    assert request["case_id"] == str(case_id) and request["id"] == request["request"]["id"]
    assert request["request"]["reason"] == "ownership" and request["request"]["decision"] == "pending"
    location = created.headers["location"]
    assert location == f"/v1/cases/{case_id}/suspension-requests/{request['id']}"
    read = await flow.staff.get(location)
    assert read.status_code == 200 and read.json()["id"] == request["id"]
    assert (await flow.staff.get(f"/v1/cases/{case_id}/suspension-requests/nope")).status_code == 404


async def test_the_case_list_has_a_total_and_a_stable_sort(flow: Any) -> None:
    """Issue 17: lists had no ``total`` and no sort parameter. ``sort`` is one of a closed set; ``id``
    breaks ties, so pages neither repeat nor skip a case."""
    patent = random_patent_number()  # the database outlives the test session: these four cases only
    opened = [await flow.open(received_days_ago=n, patent_number=patent) for n in (30, 10, 20, 20)]

    async def page(sort: str, **params: Any) -> Any:
        response = await flow.staff.get("/v1/cases", params={"sort": sort, "q": patent, **params})
        assert response.status_code == 200, response.text
        return response.json()

    oldest_first = await page("received_at")
    assert oldest_first["total"] == 4 and oldest_first["sort"] == "received_at"
    received = [item["received_at"] for item in oldest_first["items"]]
    assert received == sorted(received)
    assert oldest_first["items"][0]["id"] == str(opened[0])
    newest_first = await page("-received_at")
    assert newest_first["items"][0]["id"] == str(opened[1])
    paged = [
        item["id"]
        for offset in range(4)
        for item in (await page("received_at", limit=1, offset=offset))["items"]
    ]
    assert paged == [item["id"] for item in oldest_first["items"]] and len(set(paged)) == 4
    assert (await page("-received_at", limit=1))["total"] == 4
    assert (await flow.staff.get("/v1/cases", params={"sort": "case_no"})).status_code == 422


async def test_the_case_offers_decide_only_once_a_panel_is_assigned(flow: Any) -> None:
    """Issue 17: ``allowed_transitions`` listed ``decide`` for a case with no panel, which the step then
    refused. It lists what would succeed now, in the case read and in the list."""
    case_id = await flow.open()
    await flow.to_review(case_id)

    def offered(read: Any) -> set[str]:
        return {label.split(" → ")[0] for label in read["allowed_transitions"]}

    case = (await flow.staff.get(f"/v1/cases/{case_id}")).json()
    assert case["state"] == "IN_REVIEW" and "decide" not in offered(case) and "suspend" in offered(case)
    listed = (await flow.staff.get("/v1/cases", params={"complaint_id": case["complaint_id"]})).json()
    assert "decide" not in offered(listed["items"][0])
    await flow.seat(case_id)
    assert "decide" in offered((await flow.staff.get(f"/v1/cases/{case_id}")).json())
