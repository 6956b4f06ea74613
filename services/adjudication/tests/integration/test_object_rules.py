"""The object rules over the real API: another office's case, an adjudicator off the panel, a court
acting for another court, a clerk without the court's document, admin deciding, the office head's
approval by the proposer — each a 403; and what each may do instead."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from adjudication.testing.bodies import decision_body, docket_body
from shared.calendar import SHANGHAI
from shared.identity.principals import PrincipalKind
from shared.testing.refs import random_uscc
from shared.web.auth import Role


def today() -> dt.date:
    return dt.datetime.now(SHANGHAI).date()


def denied(response: httpx.Response, code: str = "object_denied") -> bool:
    return (
        response.status_code == 403 and response.json()["code"] == code and bool(response.json()["detail_zh"])
    )


def court(flow: Any, code: str) -> httpx.AsyncClient:
    client: httpx.AsyncClient = flow.service.client(
        Role.COURT, subject=f"court-{code}", kind=PrincipalKind.COURT, partner=code
    )
    return client


async def served_case(flow: Any) -> uuid.UUID:
    """A case decided (proposed by judge-1, approved by head-1) and served on every party today."""
    case_id: uuid.UUID = await flow.open()
    await flow.to_review(case_id)
    await flow.decide(case_id, decided=0)
    await flow.serve_decision(case_id, served=0)
    return case_id


async def test_another_offices_people_neither_read_nor_move_its_cases_and_lists_leave_them_out(
    flow: Any,
) -> None:
    case_id = await flow.open()
    complaint_id = (await flow.staff.get(f"/v1/cases/{case_id}")).json()["complaint_id"]
    shanghai = flow.service.client(Role.STAFF, subject="staff-sh", office="310104")
    province = flow.service.client(Role.STAFF, subject="staff-bj", office="110000")  # rolls up

    read = await shanghai.get(f"/v1/cases/{case_id}")
    step = await shanghai.post(f"/v1/cases/{case_id}/docket", json=docket_body())
    listed = await shanghai.get("/v1/cases", params={"complaint_id": complaint_id})

    assert denied(read) and denied(step), (read.text, step.text)
    assert listed.status_code == 200 and listed.json()["items"] == []
    assert (await province.get(f"/v1/cases/{case_id}")).status_code == 200
    assert [
        c["id"]
        for c in (await province.get("/v1/cases", params={"complaint_id": complaint_id})).json()["items"]
    ] == [str(case_id)]
    assert (await province.post(f"/v1/cases/{case_id}/docket", json=docket_body())).status_code == 200


async def test_only_the_cases_panel_decides_hears_and_reads_it(flow: Any) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)
    stranger = flow.service.client(Role.ADJUDICATOR, subject="judge-stranger")
    staff_and_judge = flow.service.client(Role.STAFF, Role.ADJUDICATOR, subject="staff-judge")

    proposed = await stranger.post(f"/v1/cases/{case_id}/decision", json=decision_body(today()))
    read = await stranger.get(f"/v1/cases/{case_id}")
    dismissed = await stranger.post(f"/v1/cases/{case_id}/dismissal", json={"reasons": ["不属于受理范围"]})
    by_staff_judge = await staff_and_judge.post(f"/v1/cases/{case_id}/decision", json=decision_body(today()))
    queue = await stranger.get("/v1/work-queue")

    assert all(denied(r) for r in (proposed, read, dismissed, by_staff_judge)), [
        r.text for r in (proposed, read, dismissed, by_staff_judge)
    ]
    assert queue.status_code == 200 and queue.json()["items"] == []
    judge = f"judge-{uuid.uuid4().hex[:6]}"  # a person of their own: the database is shared
    await flow.seat(case_id, judge)
    handler = flow.service.client(Role.ADJUDICATOR, subject=judge)
    assert (await handler.get(f"/v1/cases/{case_id}")).status_code == 200
    assert (
        await handler.post(f"/v1/cases/{case_id}/decision", json=decision_body(today()))
    ).status_code == 200
    assert [i["case_id"] for i in (await handler.get("/v1/work-queue")).json()["items"]] == [str(case_id)]


async def test_the_office_heads_approval_is_a_second_persons_act_recorded_in_the_decision(
    flow: Any,
) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)
    nothing_yet = await flow.head.post(f"/v1/cases/{case_id}/decision/approval")
    assert nothing_yet.status_code == 409 and nothing_yet.json()["code"] == "nothing_to_approve"
    both = flow.service.client(Role.ADJUDICATOR, Role.OFFICE_HEAD, subject="judge-head")
    await flow.seat(case_id, "judge-head")
    proposed = await both.post(f"/v1/cases/{case_id}/decision", json=decision_body(today()))
    assert proposed.status_code == 200 and proposed.json()["state"] == "IN_REVIEW", proposed.text
    pending = (await flow.head.get(f"/v1/cases/{case_id}/file")).json()["proposals"]["decision"]
    assert (
        pending["proposed_by"] == "judge-head"
        and pending["fields"]["draft"]["outcome"] == "INFRINGEMENT_ESTABLISHED"
    )

    by_proposer = await both.post(f"/v1/cases/{case_id}/decision/approval")
    by_other_office = await flow.service.client(Role.OFFICE_HEAD, subject="head-sh", office="310000").post(
        f"/v1/cases/{case_id}/decision/approval"
    )
    by_admin = await flow.service.client(Role.ADMIN, subject="admin-1").post(
        f"/v1/cases/{case_id}/decision/approval"
    )
    admin_decides = await flow.service.client(Role.ADMIN, subject="admin-1").post(
        f"/v1/cases/{case_id}/decision", json=decision_body(today())
    )

    assert denied(by_proposer) and "proposed" in by_proposer.json()["detail_en"], by_proposer.text
    assert denied(by_other_office), by_other_office.text
    assert denied(by_admin, "action_denied") and denied(admin_decides, "action_denied")
    assert (await flow.staff.get(f"/v1/cases/{case_id}")).json()["state"] == "IN_REVIEW"

    approved = await flow.head.post(f"/v1/cases/{case_id}/decision/approval")
    assert approved.status_code == 200 and approved.json()["state"] == "DECIDED", approved.text
    decision = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["decision"]
    assert (decision["approved_by"], decision["proposed_by"]) == ("head-1", "judge-head")
    timeline = (await flow.staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"]
    assert timeline[-1]["details"]["approved_by"] == "head-1"
    assert (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["proposals"] == {}
    again = await flow.head.post(f"/v1/cases/{case_id}/decision/approval")
    assert again.status_code == 409


async def test_acceptance_is_approved_by_an_office_head_who_did_not_propose_it(flow: Any) -> None:
    case_id = await flow.open(received_days_ago=2)
    staff_and_head = flow.service.client(Role.STAFF, Role.OFFICE_HEAD, subject="staff-head")
    proposed = await staff_and_head.post(f"/v1/cases/{case_id}/docket", json=docket_body())
    assert proposed.status_code == 200 and proposed.json()["state"] == "SUBMITTED", proposed.text
    assert proposed.json()["docket_no"] is None  # no number until it is approved

    assert denied(await staff_and_head.post(f"/v1/cases/{case_id}/docket/approval"))
    assert denied(await flow.staff.post(f"/v1/cases/{case_id}/docket/approval"), "action_denied")
    approved = await flow.head.post(f"/v1/cases/{case_id}/docket/approval")
    assert approved.status_code == 200 and approved.json()["state"] == "DOCKETED", approved.text
    docket = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["docket"]
    assert docket["approved_by"] == "head-1" and docket["docket_no"] == approved.json()["docket_no"]


async def test_the_time_limit_extension_needs_another_persons_approval_too(flow: Any) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)
    both = flow.service.client(Role.ADJUDICATOR, Role.OFFICE_HEAD, subject="judge-head")
    await flow.seat(case_id, "judge-head")
    proposed = await both.post(
        f"/v1/cases/{case_id}/time-limit-extension", json={"reason": "案情复杂，需技术鉴定"}
    )
    assert proposed.status_code == 200, proposed.text

    assert denied(await both.post(f"/v1/cases/{case_id}/time-limit-extension/approval"))
    approved = await flow.head.post(f"/v1/cases/{case_id}/time-limit-extension/approval")
    assert approved.status_code == 200, approved.text
    clock = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["clock"]
    assert clock["extension"]["approved_by"] == "head-1"


async def test_court_outcomes_come_from_that_court_or_a_clerk_citing_its_document(flow: Any) -> None:
    case_id = await served_case(flow)
    haidian, chaoyang = court(flow, "110108"), court(flow, "110105")
    clerk = flow.service.client(Role.CLERK, subject="clerk-1")
    suit = {"court_case_no": "（2026）京0108行初1号", "plaintiff": "respondent-1", "filed_on": str(today())}

    as_another_court = await chaoyang.post(
        f"/v1/cases/{case_id}/admin-suit", json=suit | {"court_code": "110108"}
    )
    by_staff = await flow.staff.post(f"/v1/cases/{case_id}/admin-suit", json=suit | {"court_code": "110108"})
    by_clerk_without_document = await clerk.post(
        f"/v1/cases/{case_id}/admin-suit", json=suit | {"court_code": "110108"}
    )
    assert denied(as_another_court) and denied(by_clerk_without_document)
    assert denied(by_staff, "action_denied")

    filed = await haidian.post(f"/v1/cases/{case_id}/admin-suit", json=suit)
    assert filed.status_code == 200 and filed.json()["state"] == "UNDER_ADMIN_LITIGATION", filed.text
    assert (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["suit"]["court_code"] == "110108"

    judgment = {
        "court_case_no": "（2026）京0108行初1号",
        "result": "upheld",
        "judgment_no": "（2026）京0108行初1号判决",
        "effective_on": str(today()),
    }
    by_other_court = await chaoyang.post(f"/v1/cases/{case_id}/admin-suit/judgment", json=judgment)
    assert denied(by_other_court), by_other_court.text
    assert denied(await chaoyang.get(f"/v1/cases/{case_id}"))
    assert (await haidian.get(f"/v1/cases/{case_id}")).status_code == 200
    before_filing = await haidian.post(
        f"/v1/cases/{case_id}/admin-suit/judgment",
        json=judgment | {"effective_on": str(today() - dt.timedelta(days=1))},
    )
    assert before_filing.status_code == 422 and before_filing.json()["errors"][0]["field"] == "effective_on"
    recorded = await clerk.post(
        f"/v1/cases/{case_id}/admin-suit/judgment",
        json=judgment | {"court_code": "110108", "document_ref": "（2026）京0108行初1号判决书"},
    )
    assert recorded.status_code == 200 and recorded.json()["state"] == "EFFECTIVE", recorded.text
    entry = (await flow.staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"][-1]
    assert (entry["actor_kind"], entry["actor_id"], entry["recorded_by"]) == ("court", "110108", "clerk-1")


async def test_a_penalty_case_is_office_scoped_and_decided_by_its_handler_approved_by_another(
    flow: Any,
) -> None:
    filed = await flow.staff.post("/v1/penalty-cases", json=penalty_filing())
    assert filed.status_code == 201, filed.text
    case_id = filed.json()["id"]
    await flow.staff.post(f"/v1/penalty-cases/{case_id}/notice", json=penalty_notice())
    await flow.staff.post(f"/v1/penalty-cases/{case_id}/hearing-waiver")
    shanghai = flow.service.client(Role.STAFF, subject="staff-sh", office="310104")
    colleague = flow.service.client(Role.STAFF, subject="staff-2")
    handler_and_head = flow.service.client(Role.STAFF, Role.OFFICE_HEAD, subject="staff-1")

    assert denied(await shanghai.get(f"/v1/penalty-cases/{case_id}"))
    assert (await shanghai.get("/v1/penalty-cases")).json()["items"] == []
    assert denied(await colleague.post(f"/v1/penalty-cases/{case_id}/decision", json=penalty_decision()))
    proposed = await flow.staff.post(f"/v1/penalty-cases/{case_id}/decision", json=penalty_decision())
    assert proposed.status_code == 200, proposed.text
    assert denied(await handler_and_head.post(f"/v1/penalty-cases/{case_id}/decision/approval"))
    approved = await flow.head.post(f"/v1/penalty-cases/{case_id}/decision/approval")
    assert approved.status_code == 200 and approved.json()["state"] == "DECIDED", approved.text


def penalty_filing(**subject: Any) -> dict[str, Any]:
    return {
        "subject": {"kind": "organisation", "name": "某某电器有限公司", "credit_code": random_uscc()}
        | subject,
        "acts": ["using_others_number"],
        "patent_number": "ZL201910000000.4",
        "source": "ex_officio",
        "discovered_on": str(today()),
        "facts": "产品包装标注他人专利号",
    }


def penalty_notice() -> dict[str, Any]:
    return {
        "fine": "60000",  # a large fine (行政处罚法 art. 63): the hearing can be waived
        "illegal_gains": None,
        "confiscate_gains": False,
        "correction_order": "责令改正",
        "served_on": str(today()),
    }


def penalty_decision() -> dict[str, Any]:
    return {
        "fine": "60000",
        "illegal_gains": None,
        "gains_confiscated": None,
        "correction_order": "责令改正",
        "reasons": "未经许可标注他人专利号",
    }
