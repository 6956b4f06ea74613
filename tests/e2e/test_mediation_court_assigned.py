"""Over the broker: court-assigned cases run from the inbound assignment to the result reported back.

The court is played by publishing ``court.mediation.assigned``; its results are read from
``mediation.case`` (``mediation.assigned_case.result_reported``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from mediation.testing import (
    events_about,
    publish,
    register_roster,
    sign_by_everyone,
    types_of,
    wait_for_case,
)
from shared.contracts.common import PartyDetails
from shared.contracts.court import AssignmentKind, MediationAssignedV1
from shared.testing.events import fire_due_timers
from shared.testing.refs import random_name, random_uscc
from shared.vocabulary import IpType, PartyKind
from shared.web.auth import Role

NOW = dt.datetime.now(dt.UTC)
RESULT = "mediation.assigned_case.result_reported"


def assignment(kind: AssignmentKind, *, simple: bool = False) -> MediationAssignedV1:
    def organisation(prefix: str) -> PartyDetails:
        return PartyDetails(
            kind=PartyKind.ORGANISATION,
            name=random_name(prefix),
            credit_code=random_uscc(),
            region_code="330106",
        )

    return MediationAssignedV1(
        assignment_id=f"ZJ-HZ-XH-{uuid.uuid4().hex[:8]}",
        court_code="ZJ-HZ-XH",
        court_name="杭州市西湖区人民法院",
        court_case_no="(2026)浙0106民初100号",
        kind=kind,
        simple_procedure=simple,
        ip_type=IpType.COPYRIGHT,
        right_number="国作登字-2026-A-00000001",
        parties=(organisation("著作权人"), organisation("被告")),
        dispute_summary="被告未经许可在其网站传播原告享有著作权的作品。",
        assigned_at=NOW,
    )


async def receive(broker: Any, staff: Any, data: MediationAssignedV1) -> dict[str, Any]:
    await publish(broker.bootstrap_servers, data, key=data.assignment_id)
    found = await wait_for_case(staff, f"/v1/cases?origin_id={data.assignment_id}", state="REQUESTED")
    return dict((await staff.get(f"/v1/cases/{found['id']}")).json())


async def start(mediation: Any, staff: Any, case: dict[str, Any]) -> Any:
    roster = await register_roster(staff)
    assigned = await staff.post(
        f"/v1/cases/{case['id']}/assignments", json={"mediator_id": roster["mediator"]["id"]}
    )
    mediator = mediation.client(Role.MEDIATOR, subject=roster["account"])
    started = await mediator.post(f"/v1/cases/{case['id']}/assignments/{assigned.json()['id']}/confirmation")
    assert started.json()["state"] == "IN_MEDIATION", started.text
    return mediator


async def test_an_entrusted_case_reaches_agreement_and_goes_back_to_the_trial_court(
    start_service: Any, broker: Any
) -> None:
    mediation = await start_service("mediation", run_workers=True)
    staff = mediation.client(Role.STAFF)
    case = await receive(broker, staff, assignment(AssignmentKind.POST_FILING, simple=True))
    assert case["kind"] == "court_entrusted"
    mediator = await start(mediation, staff, case)
    running = (await staff.get(f"/v1/cases/{case['id']}")).json()
    assert "7 calendar days" in next(
        t["explanation"] for t in running["armed_timers"] if t["name"] == "mediation_period"
    )

    body = {
        "facts": "被告在网站传播原告作品。",
        "issues": "赔偿。",
        "responsibilities": "被告赔偿。",
        "terms": [
            {"kind": "payment", "text": "被告一次性赔偿1万元"},
            {"kind": "apology", "text": "删除作品并致歉"},
        ],
        "amount": "10000.00",
        "instalments": [
            {
                "number": 1,
                "amount": "10000.00",
                "due_on": str(NOW.date() + dt.timedelta(days=10)),
                "payer_id": case["parties"][1]["id"],
                "payee_id": case["parties"][0]["id"],
            }
        ],
        "performance_manner": "银行转账",
    }
    drafted = await mediator.put(f"/v1/cases/{case['id']}/agreement", json=body)
    assert drafted.json()["confirmation_eligible"] is False  # the trial court issues a 调解书 instead
    await sign_by_everyone(mediator, case)
    final = (await staff.get(f"/v1/cases/{case['id']}")).json()
    assert final["state"] == "RETURNED_TO_COURT"
    assert final["legal_effect"]["effect"] == "with_trial_court"

    events = await events_about(
        broker.bootstrap_servers, uuid.UUID(case["id"]), until=lambda f: RESULT in types_of(f)
    )
    result = next(d for t, d in events if t == RESULT)
    assert result["assignment_id"] == case["origin_id"] and result["court_code"] == "ZJ-HZ-XH"
    assert result["result"] == "agreement" and result["agreed_amount"]["amount"] == "10000.00"
    assert result["agreement_doc"] == f"/v1/cases/{case['id']}/agreement/document.pdf"
    signed = next(d for t, d in events if t == "mediation.agreement.signed")
    assert signed["confirmation_deadline"] is None and signed["court_assignment_id"] == case["origin_id"]


async def test_a_pre_filing_case_whose_period_runs_out_is_reported_expired(
    start_service: Any, broker: Any
) -> None:
    mediation = await start_service("mediation", run_workers=True)
    staff = mediation.client(Role.STAFF)
    case = await receive(broker, staff, assignment(AssignmentKind.PRE_FILING))
    await start(mediation, staff, case)
    running = (await staff.get(f"/v1/cases/{case['id']}")).json()
    period = next(t for t in running["armed_timers"] if t["name"] == "mediation_period")

    await fire_due_timers(mediation.container, dt.datetime.fromisoformat(period["due_at"]))

    assert (await staff.get(f"/v1/cases/{case['id']}")).json()["state"] == "EXPIRED"
    events = await events_about(
        broker.bootstrap_servers, uuid.UUID(case["id"]), until=lambda f: RESULT in types_of(f)
    )
    result = next(d for t, d in events if t == RESULT)
    assert result["result"] == "expired" and result["agreement_id"] is None
    concluded = next(d for t, d in events if t == "mediation.case.concluded")
    assert (concluded["origin"], concluded["origin_id"], concluded["result"]) == (
        "court_assignment",
        case["origin_id"],
        "expired",
    )


async def test_an_assignment_nobody_confirms_in_3_working_days_goes_back_declined(
    start_service: Any, broker: Any
) -> None:
    mediation = await start_service("mediation", run_workers=True)
    staff = mediation.client(Role.STAFF)
    case = await receive(broker, staff, assignment(AssignmentKind.PRE_FILING))
    due = next(t for t in case["armed_timers"] if t["name"] == "court_assignment_confirm")

    await fire_due_timers(mediation.container, dt.datetime.fromisoformat(due["due_at"]))

    assert (await staff.get(f"/v1/cases/{case['id']}")).json()["state"] == "ASSIGNMENT_DECLINED"
    events = await events_about(
        broker.bootstrap_servers, uuid.UUID(case["id"]), until=lambda f: RESULT in types_of(f)
    )
    assert next(d for t, d in events if t == RESULT)["result"] == "declined"
