"""Credit records over HTTP on a real PostgreSQL: entries, due process, listing, repair, roles, errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx

from credit.domain.vocabulary import CHINA
from credit.testing import uscc_in
from shared.testing.services import RunningService
from shared.web.auth import Role

Body = Callable[..., dict[str, Any]]
TODAY = dt.datetime.now(CHINA).date()
LONG_AGO = TODAY - dt.timedelta(days=60)  # a notice served then: its window has long passed


async def created(client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await client.post("/v1/records", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def step(
    client: httpx.AsyncClient, record_id: str, action: str, body: dict[str, Any]
) -> dict[str, Any]:
    response = await client.post(f"/v1/records/{record_id}/{action}", json=body)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_a_staff_entry_opens_a_candidate_once_and_says_where_it_is(
    credit: RunningService, entry: Body
) -> None:
    staff = credit.client(Role.STAFF, subject="staff-7")
    body = entry()

    first = await staff.post("/v1/records", json=body)
    again = await staff.post("/v1/records", json=body)

    assert first.status_code == 201 and again.status_code == 200
    assert first.headers["location"] == f"/v1/records/{first.json()['record_id']}"
    record = first.json()
    assert again.json()["record_id"] == record["record_id"]
    assert (record["state"], record["list_type"], record["requires_notice"]) == (
        "CANDIDATE",
        "cnipa_dishonest",
        True,
    )
    assert record["record_no"].startswith(f"CR{dt.datetime.now(dt.UTC).year}-")
    assert record["allowed_steps"] == ["NOTICE_OF_PROPOSED_LISTING", "NOT_LISTED", "REVOKED"]
    assert [(h["event"], h["actor"]) for h in record["history"]] == [("CandidateRegistered", "staff-7")]
    assert record["legal_basis"][0]["instrument"].startswith("国家知识产权局知识产权信用管理规定")


async def test_an_idempotency_key_replays_the_first_entry(credit: RunningService, entry: Body) -> None:
    staff = credit.client(Role.STAFF)
    body = entry()

    first = await staff.post("/v1/records", json=body, headers={"Idempotency-Key": "entry-1"})
    replay = await staff.post("/v1/records", json=body, headers={"Idempotency-Key": "entry-1"})
    misuse = await staff.post("/v1/records", json=entry(), headers={"Idempotency-Key": "entry-1"})

    assert replay.json()["record_id"] == first.json()["record_id"]
    assert replay.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    assert misuse.status_code == 422 and misuse.json()["code"] == "idempotency_key_reused"


async def test_bad_entries_get_field_errors_in_both_languages(credit: RunningService, entry: Body) -> None:
    staff = credit.client(Role.STAFF)
    code = uscc_in("330100")
    cases = [
        ("subject.credit_code", entry(subject={"kind": "organisation", "name": "某公司"})),
        (
            "subject.credit_code",
            entry(subject={"kind": "organisation", "name": "x", "credit_code": code[:-1] + "I"}),
        ),
        (
            "subject.id_number_masked",
            entry(subject={"kind": "individual", "name": "张三", "id_number_masked": "1"}),
        ),
        ("list_type", entry(list_type="samr_serious", behaviour="false_materials")),
        (
            "underlying_decision.date",
            entry(underlying_decision={"authority": "a", "doc_no": "d", "type": "t"}),
        ),
    ]

    for field, body in cases:
        response = await staff.post("/v1/records", json=body)
        assert response.status_code == 422, (field, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        errors = response.json()["errors"]
        assert [e["field"] for e in errors] == [field], response.text
        assert errors[0]["message"] and errors[0]["message_zh"]


async def test_only_the_credit_office_enters_and_only_officers_decide(
    credit: RunningService, entry: Body
) -> None:
    record = await created(credit.client(Role.STAFF), entry())

    court_entry = await credit.client(Role.COURT).post("/v1/records", json=entry())
    staff_notice = await credit.client(Role.STAFF).post(
        f"/v1/records/{record['record_id']}/notice", json={"served_on": str(TODAY), "reasons": "r"}
    )

    assert court_entry.status_code == 403 and staff_notice.status_code == 403
    assert staff_notice.json()["title_zh"]


async def test_listing_is_refused_while_the_window_is_open_and_lists_the_allowed_steps(
    credit: RunningService, entry: Body
) -> None:
    officer = credit.client(Role.CREDIT_OFFICER)
    record = await created(officer, entry())
    rid = record["record_id"]

    early = await officer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})
    noticed = await step(officer, rid, "notice", {"served_on": str(TODAY), "reasons": "异常申请"})
    too_soon = await officer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})

    assert early.status_code == 409 and early.json()["code"] == "credit_record_invalid_transition"
    assert early.json()["allowed"] == ["NOTICE_OF_PROPOSED_LISTING", "NOT_LISTED", "REVOKED"]
    window = noticed["notice"]["window_ends_on"]
    assert [d["name"] for d in noticed["deadlines"]] == ["notice_window"]
    assert "credit.listing_notice_window" in noticed["deadlines"][0]["explanation"]
    assert too_soon.status_code == 409 and too_soon.json()["code"] == "due_process_incomplete"
    assert window in too_soon.json()["detail_en"]


async def test_the_full_path_with_the_subjects_side_kept_on_the_record(
    credit: RunningService, entry: Body
) -> None:
    officer, staff = credit.client(Role.CREDIT_OFFICER, subject="officer-1"), credit.client(Role.STAFF)
    rid = (await created(staff, entry()))["record_id"]
    doc = {"title": "列入失信名单告知书", "doc_no": "国知信告〔2026〕1号"}

    await step(officer, rid, "notice", {"served_on": str(LONG_AGO), "reasons": "r", "documents": [doc]})
    await step(
        staff, rid, "statements", {"submitted_on": str(LONG_AGO + dt.timedelta(days=1)), "summary": "申辩"}
    )
    await step(staff, rid, "hearing-requests", {"requested_on": str(LONG_AGO + dt.timedelta(days=2))})
    pending = await officer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})
    await step(
        officer, rid, "hearings", {"held_on": str(LONG_AGO + dt.timedelta(days=10)), "summary": "听证"}
    )
    listed = await step(
        officer, rid, "decision", {"outcome": "listed", "reasons": "申辩不成立", "decision_no": "N-1"}
    )
    published = await step(officer, rid, "publication", {})

    assert pending.status_code == 409 and "hearing" in pending.json()["detail_en"]
    assert listed["state"] == "LISTED" and listed["decided_on"] == str(TODAY)
    assert {d["name"] for d in listed["deadlines"] if d["status"] == "scheduled"} == {"publication", "expiry"}
    assert listed["period_end"] and listed["repair_eligible_from"] and listed["publication_due"]
    assert published["state"] == "PUBLISHED" and published["published_on"] == str(TODAY)
    assert [h["event"] for h in published["history"]] == [
        "CandidateRegistered",
        "NoticeIssued",
        "StatementFiled",
        "HearingRequested",
        "HearingHeld",
        "ListingDecided",
        "Published",
    ]
    notice = published["history"][1]
    assert (notice["actor"], notice["documents"][0]["doc_no"]) == ("officer-1", "国知信告〔2026〕1号")

    applied = await step(staff, rid, "repair-requests", {"applied_on": str(TODAY), "grounds": "已履行"})
    assert applied["warnings"] and "earliest repair date" in applied["warnings"][0]
    repaired = await step(
        officer,
        rid,
        "repair-decision",
        {"granted": True, "reasons": "已履行", "conditions": {"obligations_performed": True}},
    )
    assert repaired["state"] == "REPAIRED_EARLY" and repaired["repaired_on"] == str(TODAY)
    assert repaired["warnings"] == [
        "condition not confirmed: The consequences have been proactively eliminated"
    ]
    assert {d["status"] for d in repaired["deadlines"]} == {"cancelled"}  # every clock stopped


async def test_a_penalty_entry_is_listed_at_once_for_publication(credit: RunningService, entry: Body) -> None:
    officer = credit.client(Role.CREDIT_OFFICER)
    body = entry(
        behaviour="other_penalty",
        fine="200000",
        underlying_decision={
            "authority": "杭州市市场监督管理局",
            "doc_no": f"杭市监罚〔2026〕{TODAY.toordinal()}号",
            "date": str(TODAY - dt.timedelta(days=3)),
            "type": "penalty_decision",
        },
    )

    record = await created(officer, body)

    assert (record["state"], record["list_type"], record["requires_notice"]) == (
        "LISTED",
        "penalty_publication",
        False,
    )
    assert record["penalty_class"] == "standard" and record["period_end"] is None
    assert record["history"][-1]["actor"] == "system:credit"
    published = await step(officer, record["record_id"], "publication", {})
    assert published["period_end"] is not None


async def test_records_are_listed_by_subject_and_state(credit: RunningService, entry: Body) -> None:
    staff = credit.client(Role.STAFF)
    record = await created(staff, entry())
    subject_id = record["subject"]["id"]

    page = (await staff.get("/v1/records", params={"subject_id": subject_id, "state": "CANDIDATE"})).json()
    none = (await staff.get("/v1/records", params={"subject_id": subject_id, "state": "LISTED"})).json()

    assert [i["record_id"] for i in page["items"]] == [record["record_id"]] and page["total"] == 1
    assert none["items"] == []
    missing = await staff.get("/v1/records/00000000-0000-0000-0000-000000000000")
    assert missing.status_code == 404 and missing.json()["code"] == "credit_record_not_found"


async def test_revocation_by_an_officer_starts_the_withdrawal_clock(
    credit: RunningService, entry: Body
) -> None:
    officer = credit.client(Role.CREDIT_OFFICER)
    rid = (await created(officer, entry()))["record_id"]
    await step(officer, rid, "notice", {"served_on": str(LONG_AGO), "reasons": "r"})
    await step(officer, rid, "decision", {"outcome": "listed", "reasons": "r"})
    await step(officer, rid, "publication", {})

    revoked = await step(officer, rid, "revocation", {"revoked_on": str(TODAY), "reason": "认定被撤销"})
    archive_too_early = await officer.post(f"/v1/records/{rid}/archive", json={})
    withdrawn = await step(officer, rid, "withdrawal", {"withdrawn_on": str(TODAY), "reference": "NECIPS-1"})
    archived = await step(officer, rid, "archive", {})

    assert revoked["state"] == "REVOKED" and revoked["withdrawal_due"]
    assert [d["name"] for d in revoked["deadlines"] if d["status"] == "scheduled"] == ["withdrawal"]
    assert archive_too_early.status_code == 409
    assert withdrawn["withdrawn_on"] == str(TODAY)
    assert archived["state"] == "ARCHIVED"


async def test_the_deadline_agenda_lists_armed_statutory_deadlines(
    credit: RunningService, entry: Body
) -> None:
    officer = credit.client(Role.CREDIT_OFFICER)
    record = await created(officer, entry())
    await step(officer, record["record_id"], "notice", {"served_on": str(TODAY), "reasons": "r"})

    agenda = (await officer.get("/v1/deadlines", params={"within_days": 30, "limit": 1000})).json()

    mine = [d for d in agenda if d["aggregate_id"] == record["record_id"]]
    assert [(d["name"], d["record_no"], d["state"]) for d in mine] == [
        ("notice_window", record["record_no"], "NOTICE_OF_PROPOSED_LISTING")
    ]


async def test_the_notice_is_printed_from_the_record_for_service(start_service: Any, entry: Body) -> None:
    credit = await start_service("credit", office_code="330100", office_name="浙江省知识产权局")
    officer = credit.client(Role.CREDIT_OFFICER)
    record = await created(
        officer,
        entry(subject={"kind": "organisation", "name": "杭州丁公司", "credit_code": uscc_in("330100")}),
    )
    rid = record["record_id"]
    not_yet = await officer.get(f"/v1/records/{rid}/notice-document")
    noticed = await step(
        officer,
        rid,
        "notice",
        {
            "served_on": str(TODAY),
            "reasons": "拟认定为失信",
            "documents": [{"title": "告知书", "doc_no": "浙知信告1号"}],
        },
    )

    html = await officer.get(f"/v1/records/{rid}/notice-document", params={"format": "html"})
    pdf = await officer.get(f"/v1/records/{rid}/notice-document")

    assert not_yet.status_code == 404 and not_yet.json()["code"] == "notice_not_issued"
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    end = dt.date.fromisoformat(noticed["notice"]["window_ends_on"])
    for text in (
        "知识产权领域失信行为认定告知书",
        "浙知信告1号",
        "杭州丁公司",
        "5个工作日",
        f"{end.month}月{end.day}日",
        "浙江省知识产权局",
        "不适用信用承诺制",
    ):
        assert text in html.text, text
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
