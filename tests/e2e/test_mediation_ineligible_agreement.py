"""Over the broker: an agreement that confirms IP ownership is refused judicial confirmation with its
reason (Interp. art. 355(5)); the court learns it from ``mediation.agreement.signed``; the window lapses."""

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
from shared.contracts.common import PartyDetails, RightRef
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.testing.events import fire_due_timers
from shared.testing.refs import random_name, random_uscc
from shared.vocabulary import IpType, PartyKind
from shared.web.auth import Role

NOW = dt.datetime.now(dt.UTC)


async def test_an_ownership_agreement_is_refused_confirmation_with_its_reason(
    start_service: Any, broker: Any
) -> None:
    mediation = await start_service("mediation", run_workers=True)
    staff = mediation.client(Role.STAFF)
    parties = [
        PartyDetails(
            kind=PartyKind.ORGANISATION, name=random_name(p), credit_code=random_uscc(), region_code="330106"
        )
        for p in ("申请人", "被申请人")
    ]
    complaint = ComplaintRoutedV1(
        complaint_id=uuid.uuid4(),
        reference="TS2026-00000100",
        destination=Destination.MEDIATION,
        procedure="people",
        routing_rule="requested_procedure",
        routing_reason="asked for mediation",
        ip_type=IpType.TRADEMARK,
        rights=(RightRef(ip_type=IpType.TRADEMARK, number="第87654321号"),),
        complainant=parties[0],
        respondents=(parties[1],),
        facts="商标权属争议。",
        received_at=NOW,
        routed_at=NOW,
    )
    await publish(broker.bootstrap_servers, complaint, key=str(complaint.complaint_id))
    case = await wait_for_case(staff, f"/v1/cases?complaint_id={complaint.complaint_id}", state="REQUESTED")
    case = (await staff.get(f"/v1/cases/{case['id']}")).json()
    assert case["kind"] == "people"

    roster = await register_roster(staff)
    assigned = (
        await staff.post(
            f"/v1/cases/{case['id']}/assignments", json={"mediator_id": roster["mediator"]["id"]}
        )
    ).json()
    await staff.post(f"/v1/cases/{case['id']}/assignments/{assigned['id']}/confirmation")
    accepted = await staff.post(
        f"/v1/cases/{case['id']}/consents", json={"party_id": case["parties"][1]["id"]}
    )
    assert accepted.json()["state"] == "IN_MEDIATION", accepted.text
    drafted = await staff.put(
        f"/v1/cases/{case['id']}/agreement",
        json={
            "facts": "双方就商标归属发生争议。",
            "issues": "商标权归属。",
            "responsibilities": "无。",
            "terms": [
                {"kind": "ownership_confirmation", "text": "双方确认第87654321号商标专用权归申请人所有"}
            ],
            "performance_manner": "当场履行",
        },
    )
    assert drafted.json()["confirmation_eligible"] is False
    await sign_by_everyone(staff, case)

    applicants = [{"party_id": p["id"], "signed_at": NOW.isoformat()} for p in case["parties"]]
    refused = await staff.post(
        f"/v1/cases/{case['id']}/confirmation-applications",
        json={"applicants": applicants, "court_code": "ZJ-HZ-XH"},
    )
    assert refused.status_code == 422
    problem = refused.json()
    assert problem["code"] == "agreement_not_confirmable"
    assert "355" in problem["detail_en"] and "确权" in problem["detail_zh"]
    assert problem["errors"][0]["field"] == "agreement.terms.0"

    events = await events_about(
        broker.bootstrap_servers,
        uuid.UUID(case["id"]),
        until=lambda f: "mediation.agreement.signed" in types_of(f),
    )
    signed = next(d for t, d in events if t == "mediation.agreement.signed")
    assert signed["confirmation_eligible"] is False and "355" in signed["ineligibility_reasons"][0]
    assert "mediation.confirmation.requested" not in types_of(events)

    window = next(
        t
        for t in (await staff.get(f"/v1/cases/{case['id']}")).json()["armed_timers"]
        if t["name"] == "confirmation_window"
    )
    await fire_due_timers(mediation.container, dt.datetime.fromisoformat(window["due_at"]))
    lapsed = (await staff.get(f"/v1/cases/{case['id']}")).json()
    assert lapsed["state"] == "WINDOW_LAPSED"
    assert lapsed["legal_effect"]["effect"] == "contract_only" and "30 days" in lapsed["legal_effect"]["note"]
