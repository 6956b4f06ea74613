"""Over the broker, every ipcase service real: a complaint filed at intake and routed to mediation →
agreement → the court confirms it → an instalment is missed → credit opens a record on
``performance_defaulted`` and the court gets the enforcement application the creditor files.

The court is played by publishing its contracts, as it would.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from typing import Any

from intake.testing import complaint_body
from mediation.testing import (
    events_about,
    publish,
    register_roster,
    sign_by_everyone,
    types_of,
    wait_for_case,
)
from shared.calendar import SHANGHAI
from shared.calendar.local_time import end_of_day
from shared.contracts.court import ConfirmationAcceptedV1, ConfirmationRuledV1, ConfirmationRuling
from shared.testing.events import fire_due_timers
from shared.testing.waiting import eventually
from shared.web.auth import Role

NOW = dt.datetime.now(dt.UTC)
TODAY = NOW.astimezone(SHANGHAI).date()


def mediation_complaint() -> dict[str, Any]:
    """An invention-patent complaint both parties want mediated, as staff file it at intake."""
    body = complaint_body(requested_procedure="mediation", both_parties_willing_to_mediate=True)
    body["complainant"].update(region_code="330106", address="杭州市西湖区", phone="0571-3")
    body["respondents"][0].update(region_code="330108", address="杭州市滨江区", phone="0571-4")
    return body


async def test_a_missed_instalment_of_a_confirmed_agreement_reaches_credit_and_the_court(
    start_service: Any, broker: Any
) -> None:
    # The office enabled candidates for a confirmed agreement's default (off by default: §C.1 [U]).
    intake, mediation, credit = await asyncio.gather(
        start_service("intake", run_workers=True),
        start_service("mediation", run_workers=True),
        start_service("credit", run_workers=True, mediation_default_candidates=True),
    )
    staff = mediation.client(Role.STAFF)
    body = mediation_complaint()
    respondent_code = body["respondents"][0]["credit_code"]
    complaint = (await intake.client(Role.STAFF).post("/v1/complaints", json=body)).json()
    assert complaint["triage"]["track"] == "mediation", complaint["triage"]
    case = await wait_for_case(staff, f"/v1/cases?complaint_id={complaint['id']}", state="ACCEPTED")
    case = (await staff.get(f"/v1/cases/{case['id']}")).json()
    assert case["kind"] == "administrative" and case["origin"] == "complaint"

    roster = await register_roster(staff)
    assignment = (await staff.post(f"/v1/cases/{case['id']}/assignments", json={})).json()
    assert assignment["mediator_id"] == roster["mediator"]["id"] or assignment["status"] == "PENDING"
    mediator = mediation.client(Role.MEDIATOR, subject=await assignment_account(staff, assignment))
    started = await mediator.post(f"/v1/cases/{case['id']}/assignments/{assignment['id']}/confirmation")
    assert started.status_code == 200 and started.json()["state"] == "IN_MEDIATION", started.text

    applicant, respondent = case["parties"][0]["id"], case["parties"][1]["id"]
    due = TODAY + dt.timedelta(days=40)
    drafted = await mediator.put(
        f"/v1/cases/{case['id']}/agreement",
        json={
            "facts": "被请求人制造、销售侵权产品。",
            "issues": "赔偿数额。",
            "responsibilities": "被请求人赔偿。",
            "terms": [
                {"kind": "payment", "text": "被请求人分两期赔偿8万元"},
                {"kind": "stop_infringement", "text": "停止制造、销售"},
            ],
            "amount": "80000.00",
            "instalments": [
                {
                    "number": 1,
                    "amount": "50000.00",
                    "due_on": str(due),
                    "payer_id": respondent,
                    "payee_id": applicant,
                },
                {
                    "number": 2,
                    "amount": "30000.00",
                    "due_on": str(due + dt.timedelta(days=30)),
                    "payer_id": respondent,
                    "payee_id": applicant,
                },
            ],
            "performance_manner": "银行转账",
        },
    )
    assert drafted.status_code == 200, drafted.text
    await sign_by_everyone(mediator, case)

    applicants = [{"party_id": p["id"], "signed_at": NOW.isoformat()} for p in case["parties"]]
    courts = (await staff.get(f"/v1/cases/{case['id']}/competent-courts")).json()
    assert courts["rule"] == "intermediate_court" and [c["code"] for c in courts["courts"]] == ["ZJ-HZ-IC"]
    application = (
        await staff.post(f"/v1/cases/{case['id']}/confirmation-applications", json={"applicants": applicants})
    ).json()
    assert application["court_code"] == "ZJ-HZ-IC", application

    key = application["id"]
    await publish(
        broker.bootstrap_servers,
        ConfirmationAcceptedV1(
            application_id=uuid.UUID(key),
            court_code="ZJ-HZ-IC",
            docket_no="(2026)浙01民特9号",
            accepted_at=NOW,
        ),
        key=key,
    )
    await publish(
        broker.bootstrap_servers,
        ConfirmationRuledV1(
            application_id=uuid.UUID(key),
            court_code="ZJ-HZ-IC",
            ruling=ConfirmationRuling.VALID,
            ruling_no="(2026)浙01民特9号",
            ruled_at=NOW,
        ),
        key=key,
    )
    confirmed = await wait_for_case(staff, f"/v1/cases/{case['id']}", state="CONFIRMED_VALID")

    # The due day may roll forward off a holiday (Civil Code art. 203): fire when the timer says.
    first = next(
        t
        for t in confirmed["armed_timers"]
        if t["name"].endswith(".1") and t["kind"].endswith("instalment_due")
    )
    assert dt.datetime.fromisoformat(first["due_at"]) >= end_of_day(due)
    assert await fire_due_timers(mediation.container, dt.datetime.fromisoformat(first["due_at"])) >= 1
    events = await events_about(
        broker.bootstrap_servers,
        uuid.UUID(case["id"]),
        until=lambda found: "mediation.agreement.performance_defaulted" in types_of(found),
    )
    defaulted = next(d for t, d in events if t == "mediation.agreement.performance_defaulted")
    assert defaulted["confirmed_by_court"] is True
    assert defaulted["court_ruling_no"] == "(2026)浙01民特9号"
    assert defaulted["subject"]["credit_code"] == respondent_code
    assert defaulted["obligation"] == "instalment 1 of 2" and defaulted["amount"]["amount"] == "50000.00"

    applied = await staff.post(
        f"/v1/cases/{case['id']}/enforcement-applications", json={"applicant_id": applicant}
    )
    assert applied.status_code == 201, applied.text
    # Issue 17: the command answers with the application, and where it lives; the case moved on.
    assert applied.json()["applicant_id"] == applicant and applied.json()["respondent_id"] == respondent
    assert applied.headers["location"] == (
        f"/v1/cases/{case['id']}/enforcement-applications/{applied.json()['id']}"
    )
    assert (await staff.get(applied.headers["location"])).json() == applied.json()
    assert (await staff.get(f"/v1/cases/{case['id']}")).json()["state"] == "ENFORCEMENT_APPLIED"
    events = await events_about(
        broker.bootstrap_servers,
        uuid.UUID(case["id"]),
        until=lambda found: "mediation.enforcement.applied" in types_of(found),
    )
    enforcement = next(d for t, d in events if t == "mediation.enforcement.applied")
    assert (
        enforcement["court_code"] == "ZJ-HZ-IC"
        and enforcement["confirmation_ruling_no"] == "(2026)浙01民特9号"
    )
    assert (
        enforcement["applicant"]["party_id"] == applicant
        and enforcement["respondent"]["party_id"] == respondent
    )
    assert enforcement["outstanding_amount"]["amount"] == "50000.00"
    assert types_of(events)[:2] == ["mediation.case.opened", "mediation.case.concluded"]
    assert "mediation.agreement.signed" in types_of(
        events
    ) and "mediation.confirmation.requested" in types_of(events)

    # Credit heard of the default of a court-confirmed agreement and opened a record on the respondent.
    officer = credit.client(Role.CREDIT_OFFICER)

    async def recorded() -> bool:
        response = await officer.get(f"/v1/subjects/{respondent_code}/credit")
        return response.status_code == 200 and bool(response.json()["history"])

    await eventually(recorded, what="credit to open a record on the defaulting respondent")
    (record,) = (await officer.get(f"/v1/subjects/{respondent_code}/credit")).json()["history"]
    assert record["state"] == "CANDIDATE" and record["underlying_decision"]["doc_no"] == "(2026)浙01民特9号"


async def assignment_account(staff: Any, assignment: dict[str, Any]) -> str:
    """The account of the mediator the case was given to (an earlier test's mediator may rank first):
    only the assigned mediator may answer an assignment."""
    mediator = await staff.get(f"/v1/mediators/{assignment['mediator_id']}")
    assert mediator.status_code == 200, mediator.text
    return str(mediator.json()["account"])
