"""The object rules over the real API: each refusal is a 403 the issue asked for (issue 12).

Another office's record (read, listed, moved), a court or customs office reading a record's file,
admin deciding, and four eyes: a serious-list listing and its early removal take effect only when
an office head of a covering office — never the proposer — approves them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import httpx

from credit.domain.actors import system
from credit.domain.commands import RegisterDishonestyInput
from credit.domain.subject import SubjectClaim
from credit.domain.vocabulary import CHINA, BehaviourCode, DecisionRef
from credit.testing import uscc_in
from shared.identity.principals import PrincipalKind
from shared.testing.services import RunningService
from shared.vocabulary import PartyKind
from shared.web.auth import Role

Body = Callable[..., dict[str, Any]]
TODAY = dt.datetime.now(CHINA).date()
LONG_AGO = TODAY - dt.timedelta(days=60)  # a notice served then: its window has long passed


def denied(response: httpx.Response, code: str = "object_denied") -> bool:
    return bool(response.status_code == 403 and response.json()["code"] == code)


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


def officer(credit: RunningService, office: str, subject: str = "officer-hz") -> httpx.AsyncClient:
    return credit.client(Role.CREDIT_OFFICER, subject=subject, office=office)


def head(credit: RunningService, office: str, subject: str = "head-zj") -> httpx.AsyncClient:
    return credit.client(Role.OFFICE_HEAD, subject=subject, office=office)


async def test_a_record_belongs_to_the_office_that_entered_it_and_other_offices_neither_see_nor_move_it(
    credit_api: RunningService, entry: Body
) -> None:
    staff = credit_api.client(Role.STAFF, subject="staff-xihu", office="330106")  # Xihu district
    record = await created(staff, entry())
    assert record["office_code"] == "330106"
    rid, url = record["record_id"], f"/v1/records/{record['record_id']}"
    listed = f"/v1/records?subject_id={record['subject']['id']}"

    for office in ("330106", "330100", "330000", "000000"):  # the district, its city, province, nation
        reader = officer(credit_api, office)
        assert (await reader.get(url)).status_code == 200, office
        assert [r["record_id"] for r in (await reader.get(listed)).json()["items"]] == [rid], office

    for office in ("330102", "330200", "320000"):  # a neighbouring district, Ningbo, Jiangsu
        outsider = officer(credit_api, office, subject=f"officer-{office}")
        assert denied(await outsider.get(url)), office
        assert denied(await outsider.get(f"{url}/notice-document")), office
        page = (await outsider.get(listed)).json()  # the list also carries sort and as_of (issue 17)
        assert (page["items"], page["total"], page["limit"], page["offset"]) == ([], 0, 50, 0), office
        notice = await outsider.post(f"{url}/notice", json={"served_on": str(TODAY), "reasons": "r"})
        assert denied(notice), office
        statement = await credit_api.client(Role.STAFF, subject="staff-x", office=office).post(
            f"{url}/statements", json={"submitted_on": str(TODAY), "summary": "s"}
        )
        assert denied(statement), office
    assert (await officer(credit_api, "330106").get(url)).json()["state"] == "CANDIDATE"  # nothing moved


async def test_a_court_or_customs_office_reads_no_records_file(
    credit_api: RunningService, entry: Body
) -> None:
    record = await created(officer(credit_api, "330100"), entry())
    rid = record["record_id"]
    court = credit_api.client(Role.COURT, subject="court-1", kind=PrincipalKind.COURT, partner="ZJ-HZ-IPC")
    customs = credit_api.client(
        Role.CUSTOMS, subject="customs-1", kind=PrincipalKind.CUSTOMS, partner="HZ-CUSTOMS"
    )
    for machine in (court, customs):  # a court or a customs office reads no record's file, nor lists them
        assert denied(await machine.get(f"/v1/records/{rid}"), "action_denied")
        assert denied(await machine.get("/v1/records"), "action_denied")
        assert denied(await machine.get(f"/v1/records/{rid}/notice-document"), "action_denied")


async def test_admin_decides_nothing(credit_api: RunningService, entry: Body) -> None:
    record = await created(officer(credit_api, "330100"), entry())
    admin = credit_api.client(Role.ADMIN, subject="admin-1", office="000000")
    url = f"/v1/records/{record['record_id']}"
    for action, body in (
        ("notice", {"served_on": str(TODAY), "reasons": "r"}),
        ("decision", {"outcome": "listed", "reasons": "r"}),
        ("approval", {"outcome": "approved", "reasons": "r"}),
        ("repair-decision", {"granted": True, "reasons": "r", "conditions": {}}),
        ("revocation", {"revoked_on": str(TODAY), "reason": "r"}),
    ):
        assert denied(await admin.post(f"{url}/{action}", json=body), "action_denied"), action
    assert denied(await admin.get(url), "action_denied")


def penalty_decision() -> dict[str, str]:
    """The SAMR serious list rests on an administrative penalty decision (§C.2)."""
    doc_no = f"杭市监罚〔2026〕{uuid.uuid4().int % 10**6}号"
    return {
        "authority": "杭州市市场监督管理局",
        "doc_no": doc_no,
        "date": "2026-01-05",
        "type": "penalty_decision",
    }


async def serious_candidate(credit: RunningService, entry: Body, proposer: httpx.AsyncClient) -> str:
    subject = {"kind": "organisation", "name": "杭州严重失信测试有限公司", "credit_code": uscc_in("330100")}
    body = entry(subject=subject, list_type="samr_serious", underlying_decision=penalty_decision())
    record = await created(proposer, body)
    rid: str = record["record_id"]
    await step(proposer, rid, "notice", {"served_on": str(LONG_AGO), "reasons": "r"})
    return rid


async def test_a_serious_listing_needs_a_second_person_an_office_head_of_a_covering_office(
    credit_api: RunningService, entry: Body
) -> None:
    proposer = officer(credit_api, "330100", subject="officer-hz")
    rid = await serious_candidate(credit_api, entry, proposer)

    proposed = await step(
        proposer, rid, "decision", {"outcome": "listed", "reasons": "严重失信", "decision_no": "D-1"}
    )
    assert proposed["state"] == "NOTICE_OF_PROPOSED_LISTING"  # nothing decided yet
    assert proposed["proposal"]["decision"] == "listing"
    assert proposed["proposal"]["proposed_by"] == "officer-hz"
    assert proposed["history"][-1]["event"] == "DecisionProposed"
    again = await proposer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})
    assert again.status_code == 409 and again.json()["code"] == "approval_pending"

    # the proposer, even holding the head's role, cannot approve their own proposal
    both = credit_api.client(Role.CREDIT_OFFICER, Role.OFFICE_HEAD, subject="officer-hz", office="330100")
    approval = {"outcome": "approved", "reasons": "同意"}
    assert denied(await both.post(f"/v1/records/{rid}/approval", json=approval))
    # a head of another city does not cover a Hangzhou record; a credit officer is no head
    assert denied(
        await head(credit_api, "330200", "head-nb").post(f"/v1/records/{rid}/approval", json=approval)
    )
    other_officer = officer(credit_api, "330100", subject="officer-2")
    assert denied(await other_officer.post(f"/v1/records/{rid}/approval", json=approval), "action_denied")

    approved = await step(head(credit_api, "330000"), rid, "approval", approval)  # the provincial head
    assert approved["state"] == "LISTED" and approved["proposal"] is None
    assert approved["decision_no"] == "D-1" and approved["decided_on"] == str(TODAY)
    events = [(h["event"], h["actor"]) for h in approved["history"][-3:]]
    assert events == [
        ("DecisionProposed", "officer-hz"),
        ("DecisionApproved", "head-zj"),
        ("ListingDecided", "head-zj"),
    ]
    assert "proposed by officer-hz" in approved["history"][-1]["note"]

    nothing = await head(credit_api, "330000").post(f"/v1/records/{rid}/approval", json=approval)
    assert nothing.status_code == 409 and nothing.json()["code"] == "approval_pending"
    # another office learns nothing about the record: 403 whether or not a proposal waits
    assert denied(
        await head(credit_api, "330200", "head-nb").post(f"/v1/records/{rid}/approval", json=approval)
    )


async def test_a_refused_proposal_leaves_the_record_as_it_was(
    credit_api: RunningService, entry: Body
) -> None:
    proposer = officer(credit_api, "330100", subject="officer-hz")
    rid = await serious_candidate(credit_api, entry, proposer)
    await step(proposer, rid, "decision", {"outcome": "listed", "reasons": "r"})
    refused = await step(
        head(credit_api, "330100", "head-hz"), rid, "approval", {"outcome": "refused", "reasons": "证据不足"}
    )
    assert refused["state"] == "NOTICE_OF_PROPOSED_LISTING" and refused["proposal"] is None
    assert refused["history"][-1]["event"] == "DecisionRefused"
    declined = await step(
        proposer, rid, "decision", {"outcome": "not_listed", "reasons": "r"}
    )  # needs no approval
    assert declined["state"] == "NOT_LISTED"


async def test_an_invalid_proposal_is_refused_when_proposed_not_when_approved(
    credit_api: RunningService, entry: Body
) -> None:
    proposer = officer(credit_api, "330100", subject="officer-hz")
    subject = {"kind": "organisation", "name": "杭州窗口未满有限公司", "credit_code": uscc_in("330100")}
    body = entry(subject=subject, list_type="samr_serious", underlying_decision=penalty_decision())
    rid = (await created(proposer, body))["record_id"]
    await step(proposer, rid, "notice", {"served_on": str(TODAY), "reasons": "r"})  # the window is open
    offered = (await proposer.get(f"/v1/records/{rid}")).json()["allowed_steps"]
    assert "LISTED" not in offered and "NOT_LISTED" in offered  # issue 17: only what would succeed now
    early = await proposer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})
    assert early.status_code == 409, early.text
    assert (await proposer.get(f"/v1/records/{rid}")).json()["proposal"] is None


async def test_an_early_removal_from_the_serious_list_needs_the_heads_approval(
    credit_api: RunningService, entry: Body
) -> None:
    proposer = officer(credit_api, "330100", subject="officer-hz")
    rid = await serious_candidate(credit_api, entry, proposer)
    await step(proposer, rid, "decision", {"outcome": "listed", "reasons": "r"})
    await step(
        head(credit_api, "330100", "head-hz"), rid, "approval", {"outcome": "approved", "reasons": "同意"}
    )
    await step(proposer, rid, "publication", {})
    await step(proposer, rid, "repair-requests", {"applied_on": str(TODAY), "grounds": "已纠正"})

    repair = {"granted": True, "reasons": "已纠正", "conditions": {"penalty_performed": True}}
    proposed = await step(proposer, rid, "repair-decision", repair)
    assert proposed["state"] == "REPAIR_REQUESTED" and proposed["proposal"]["decision"] == "repair"
    assert denied(
        await credit_api.client(Role.OFFICE_HEAD, subject="officer-hz", office="330100").post(
            f"/v1/records/{rid}/approval", json={"outcome": "approved", "reasons": "r"}
        )
    )
    repaired = await step(
        head(credit_api, "330100", "head-hz"), rid, "approval", {"outcome": "approved", "reasons": "同意"}
    )
    assert repaired["state"] == "REPAIRED_EARLY" and repaired["repaired_on"] == str(TODAY)


async def test_a_parked_input_belongs_to_the_deployments_office(credit_api: RunningService) -> None:
    """Inputs consumed from other services (and parked) belong to the office the service runs for
    (here Hangzhou, 330100): another city's officer neither sees nor settles them."""
    parked = await credit_api.container.bus.handle(
        RegisterDishonestyInput(
            subject=SubjectClaim(PartyKind.ORGANISATION, "无代码的某某商行"),
            behaviour=BehaviourCode.FALSE_MATERIALS,
            underlying_decision=DecisionRef("/ipcase/330100/intake", f"C-{uuid.uuid4()}", TODAY, "x"),
            finding="false materials",
            source="intake.false_materials_found",
            source_ref=f"complaint-{uuid.uuid4()}",
            actor=system("/ipcase/330100/intake"),
        )
    )
    url = f"/v1/unmatched-inputs/{parked.parked_as}"
    ningbo = officer(credit_api, "330200", subject="officer-nb")
    assert str(parked.parked_as) not in (await ningbo.get("/v1/unmatched-inputs", params={"limit": 500})).text
    assert denied(await ningbo.post(f"{url}/dismissal", json={"reason": "not ours"}))
    subject = {"kind": "organisation", "name": "某某商行", "credit_code": uscc_in("330100")}
    assert denied(await ningbo.post(f"{url}/resolution", json={"subject": subject}))

    province = officer(credit_api, "330000", subject="officer-zj")
    assert str(parked.parked_as) in (await province.get("/v1/unmatched-inputs", params={"limit": 500})).text
    dismissed = await province.post(f"{url}/dismissal", json={"reason": "与本辖区无关"})
    assert dismissed.status_code == 200 and dismissed.json()["status"] == "dismissed"


async def test_a_commitment_belongs_to_the_office_that_took_it(credit_api: RunningService) -> None:
    staff = credit_api.client(Role.STAFF, subject="staff-xihu", office="330106")
    subject = {"kind": "organisation", "name": "杭州承诺测试有限公司", "credit_code": uscc_in("330100")}
    body = {
        "subject": subject,
        "scope": "专利费用减缴申请",
        "text": "承诺材料真实",
        "made_on": str(TODAY),
        "verification_due": str(TODAY + dt.timedelta(days=30)),
    }
    made = await staff.post("/v1/commitments", json=body)
    assert made.status_code == 201, made.text
    commitment = made.json()
    assert commitment["office_code"] == "330106"
    url = f"/v1/commitments/{commitment['id']}"

    assert (await officer(credit_api, "330100").get(url)).status_code == 200  # the city covers Xihu
    ningbo = officer(credit_api, "330200", subject="officer-nb")
    assert denied(await ningbo.get(url))
    listed = (await ningbo.get("/v1/commitments", params={"limit": 500})).json()["items"]
    assert commitment["id"] not in {c["id"] for c in listed}
    verification = {"outcome": True, "verified_on": str(TODAY), "findings": "属实"}
    assert denied(await ningbo.post(f"{url}/verification", json=verification))
    verified = await officer(credit_api, "330100").post(f"{url}/verification", json=verification)
    assert verified.status_code == 200 and verified.json()["status"] == "fulfilled", verified.text
