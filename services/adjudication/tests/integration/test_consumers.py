"""Inbound events over the real broker: routed complaints, mediation results, court acts, other offices."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from adjudication.adapters.orm import docket_registry
from shared.calendar import SHANGHAI
from shared.contracts.adjudication import CaseDocketedV1
from shared.contracts.common import EvidenceRef, PartyDetails, PartyRef, RightRef
from shared.contracts.court import AdminSuitFiledV1, AdminSuitJudgedV1, JudgmentResult
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.contracts.mediation import MediationConcludedV1, MediationResult, Origin
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.waiting import eventually
from shared.vocabulary import IpType, PartyKind
from shared.web.auth import Role

INTAKE = "/ipcase/000000/intake"
MEDIATION = "/ipcase/000000/mediation"
COURT = "/court/110108"


def routed(office_code: str, **overrides: Any) -> ComplaintRoutedV1:
    fields: dict[str, Any] = {
        "complaint_id": uuid.uuid4(),
        "reference": f"TS2026-{uuid.uuid4().hex[:8]}",
        "destination": Destination.ADJUDICATION,
        "procedure": "simple",
        "routing_rule": "patent_infringement",
        "routing_reason": "专利侵权纠纷",
        "ip_type": IpType.UTILITY_MODEL,
        "rights": (
            RightRef(ip_type=IpType.UTILITY_MODEL, number=random_patent_number(), evaluation_report="PJ1"),
        ),
        "complainant": PartyDetails(
            kind=PartyKind.ORGANISATION,
            name=random_name("专利权人"),
            credit_code=random_uscc(),
            capacity="patentee",
        ),
        "respondents": (
            PartyDetails(
                kind=PartyKind.ORGANISATION,
                name=random_name("被请求人"),
                credit_code=random_uscc(),
                region_code=office_code,
            ),
        ),
        "facts": "被请求人在网店销售侵权产品。",
        "evidence": (
            EvidenceRef(
                evidence_id=uuid.uuid4(),
                file_name="listing.png",
                media_type="image/png",
                size_bytes=1024,
                sha256="ab" * 32,
            ),
        ),
        "received_at": dt.datetime.now(SHANGHAI) - dt.timedelta(days=1),
        "routed_at": dt.datetime.now(SHANGHAI),
    }
    return ComplaintRoutedV1(**(fields | overrides))


async def opened_case(client: Any, complaint_id: uuid.UUID) -> dict[str, Any]:
    found: list[dict[str, Any]] = []

    async def case_exists() -> bool:
        items = (await client.get("/v1/cases", params={"complaint_id": str(complaint_id)})).json()["items"]
        found[:] = items
        return bool(items)

    await eventually(case_exists, within=20, what=f"a case for complaint {complaint_id}")
    return found[0]


async def state_of(client: Any, case_id: str, expected: str) -> None:
    async def reached() -> bool:
        return bool((await client.get(f"/v1/cases/{case_id}")).json()["state"] == expected)

    await eventually(reached, within=20, what=f"case {case_id} in {expected}")


async def test_inbound_events_open_move_and_inform_cases(
    start_service: Any, publish: Any, office_code: str
) -> None:
    service = await start_service(
        "adjudication", office_code=office_code, run_workers=True, office_abbreviation=f"京{office_code[2:]}"
    )
    staff = service.client(Role.STAFF, subject="staff-1")
    complaint = routed(office_code)
    ignored = routed(office_code, destination=Destination.MEDIATION)
    trademark = routed(
        office_code, ip_type=IpType.TRADEMARK, rights=(RightRef(ip_type=IpType.TRADEMARK, number="12345678"),)
    )
    for data in (ignored, trademark, complaint):
        await publish(data, key=str(data.complaint_id), source=INTAKE)

    case = await opened_case(staff, complaint.complaint_id)
    assert (case["state"], case["procedure"], case["ip_type"]) == ("SUBMITTED", "simple", "utility_model")
    file = (await staff.get(f"/v1/cases/{case['id']}/file")).json()
    assert file["evidence"][0]["sha256"] == "ab" * 32
    assert file["rights"][0]["evaluation_report"] == "PJ1"
    for data in (ignored, trademark):
        listed = await staff.get("/v1/cases", params={"complaint_id": str(data.complaint_id)})
        assert listed.json()["items"] == []

    # In-case mediation comes back through mediation's event.
    case_id = uuid.UUID(case["id"])
    await _to_review(service, staff, case_id)
    referred = await staff.post(
        f"/v1/cases/{case_id}/mediation",
        json={"consented_on": str(_today()), "damages_mediation": True, "summary": "调解"},
    )
    assert referred.json()["state"] == "IN_MEDIATION"
    await publish(
        MediationConcludedV1(
            case_id=uuid.uuid4(),
            case_no="MD2026-000009",
            origin=Origin.ADJUDICATION_CASE,
            origin_id=str(case_id),
            result=MediationResult.FAILED,
            concluded_at=dt.datetime.now(SHANGHAI),
        ),
        key=str(case_id),
        source=MEDIATION,
    )
    await state_of(staff, str(case_id), "IN_REVIEW")

    # A court reports a suit and its judgment.
    adjudicator = service.client(Role.ADJUDICATOR, subject="judge-c")
    seated = await staff.post(
        f"/v1/cases/{case_id}/participants",
        json={"person_id": "judge-c", "name": "审理员", "role": "handler"},
    )
    assert seated.status_code == 200, seated.text
    proposed = await adjudicator.post(f"/v1/cases/{case_id}/decision", json=_decision())
    assert proposed.status_code == 200, proposed.text
    decided = await service.client(Role.OFFICE_HEAD, subject="head-c").post(
        f"/v1/cases/{case_id}/decision/approval"
    )
    assert decided.status_code == 200, decided.text
    decision_no = (await staff.get(f"/v1/cases/{case_id}/file")).json()["decision"]["decision_no"]
    served = await staff.post(
        f"/v1/cases/{case_id}/decision-services",
        json={"party_id": "respondent-1", "method": "post", "served_on": str(_today())},
    )
    assert served.json()["state"] == "LITIGATION_WINDOW"
    await publish(
        AdminSuitFiledV1(
            case_id=case_id,
            decision_no=decision_no,
            court_code="110108",
            court_case_no="（2026）京73行初9号",
            plaintiff="respondent-1",
            filed_on=_today(),
        ),
        key=str(case_id),
        source=COURT,
    )
    await state_of(staff, str(case_id), "UNDER_ADMIN_LITIGATION")
    await publish(
        AdminSuitJudgedV1(
            case_id=case_id,
            decision_no=decision_no,
            court_code="110108",
            court_case_no="（2026）京73行初9号",
            result=JudgmentResult.REVOKED,
            judgment_no="（2026）京73行初9号判决",
            effective_on=_today(),
        ),
        key=str(case_id),
        source=COURT,
    )
    await state_of(staff, str(case_id), "REVOKED")
    timeline = (await staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"]
    assert timeline[-1]["actor_kind"] == "court" and timeline[-1]["actor_id"] == "110108"


async def test_another_offices_earlier_docket_blocks_this_one(
    start_service: Any, publish: Any, office_code: str
) -> None:
    service = await start_service(
        "adjudication", office_code=office_code, run_workers=True, office_abbreviation=f"京{office_code[2:]}"
    )
    staff = service.client(Role.STAFF)
    complaint = routed(office_code, procedure="ordinary")
    await publish(complaint, key=str(complaint.complaint_id), source=INTAKE)
    case = await opened_case(staff, complaint.complaint_id)
    other = CaseDocketedV1(
        case_id=uuid.uuid4(),
        case_no="（2026）津知裁字第3号",
        registration_no="AD2026-000003",
        complaint_id=uuid.uuid4(),
        office_code="120101",
        procedure="ordinary",
        requester=PartyRef(
            kind=PartyKind.ORGANISATION,
            name=complaint.complainant.name,
            credit_code=complaint.complainant.credit_code,
        ),
        respondents=tuple(
            PartyRef(kind=r.kind, name=r.name, credit_code=r.credit_code) for r in complaint.respondents
        ),
        rights=complaint.rights,
        docketed_at=dt.datetime.now(SHANGHAI) - dt.timedelta(hours=5),
    )
    await publish(other, key=str(other.case_id), source="/ipcase/120101/adjudication")

    async def registered() -> bool:
        async with service.container.platform.sessions() as session:
            found: str | None = await session.scalar(
                select(docket_registry.c.docket_no).where(docket_registry.c.case_ref == str(other.case_id))
            )
        return found == "（2026）津知裁字第3号"

    # Docketing before the registry knows the other office would simply succeed: wait for it first.
    await eventually(registered, within=20, what="the other office's docket to reach the registry")
    response = await staff.post(f"/v1/cases/{case['id']}/docket", json=_docket())
    assert response.status_code == 409
    assert response.json()["code"] == "acceptance_blocked" and "120101" in response.json()["detail_en"]


def _today() -> dt.date:
    return dt.datetime.now(SHANGHAI).date()


def _docket() -> dict[str, Any]:
    return {
        "jurisdiction": {"basis": "respondent_domicile"},
        "checklist": {
            "requester_entitled": True,
            "respondent_identified": True,
            "claims_specific": True,
            "patent_valid": True,
        },
    }


async def _to_review(service: Any, staff: Any, case_id: uuid.UUID) -> None:
    for step, body in (
        ("docket", _docket()),
        (
            "request-copy-services",
            {"party_id": "respondent-1", "method": "electronic", "served_on": str(_today())},
        ),
        ("answers", {"party_id": "respondent-1", "received_on": str(_today()), "summary": "答辩"}),
    ):
        response = await staff.post(f"/v1/cases/{case_id}/{step}", json=body)
        assert response.status_code == 200, response.text
        if step == "docket":  # acceptance is the office head's to approve
            approved = await service.client(Role.OFFICE_HEAD, subject="head-c").post(
                f"/v1/cases/{case_id}/docket/approval"
            )
            assert approved.status_code == 200 and approved.json()["state"] == "DOCKETED", approved.text
    assert response.json()["state"] == "IN_REVIEW"


def _decision() -> dict[str, Any]:
    return {
        "outcome": "INFRINGEMENT_ESTABLISHED",
        "requester_statement": "称",
        "respondent_statement": "辩",
        "findings": "查明",
        "reasons": "认为",
        "stop_order": {"acts": ["sell"], "products": ["X1"]},
    }
