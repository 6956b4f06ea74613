"""What each reader sees, and ID numbers at every entry point, over the real API, broker and database.

A court reads only the cases that concern it and only what §H.1 gives it: never a party's phone,
e-mail, home address or ID number, on every read (and every answer) it can get. A full resident ID
number is checked and masked wherever it enters — a penalty subject over the API, a plaintiff a
court or clerk names, a consumed complaint, a consumed court event — and is never stored whole.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from typing import Any

import httpx
from sqlalchemy import Text, select

from adjudication.access import ACCESS
from adjudication.adapters.orm import cases as cases_table
from adjudication.adapters.orm import penalty_cases as penalty_table
from adjudication.domain.values.parties import PartyRecord, PartyRole
from shared.calendar import SHANGHAI
from shared.contracts.common import PartyDetails, RightRef
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.identifiers import mask_id_number, resident_id_check_character
from shared.identity.principals import PrincipalKind, Role
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.vocabulary import IpType, PartyKind

FIRST17 = "11010519491231002"
FULL_ID = FIRST17 + resident_id_check_character(FIRST17)
WRONG_CHECK = FIRST17 + ("0" if FULL_ID[-1] != "0" else "1")
PERSONAL = {"phone": "13800138000", "email": "zhangsan@example.com", "address": "北京市海淀区中关村大街1号"}
WITHHELD_KEYS = {"phone", "email", "address", "id_number_masked", "complaint_reference", "correlation_id"}


def today() -> dt.date:
    return dt.datetime.now(SHANGHAI).date()


def keys_and_values(document: Any) -> tuple[set[str], str]:
    keys: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            keys.update(node)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return keys, json.dumps(document, ensure_ascii=False)


def assert_nothing_withheld(document: Any) -> None:
    keys, text = keys_and_values(document)
    present = {k for k in keys & WITHHELD_KEYS if _values(document, k) - {None}}
    assert not present, present
    for value in (*PERSONAL.values(), FULL_ID, mask_id_number(FULL_ID)):
        assert value not in text, value


def _values(document: Any, key: str) -> set[Any]:
    found: set[Any] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if key in node and not isinstance(node[key], (dict, list)):
                found.add(node[key])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    return found


def individual() -> PartyRecord:
    return PartyRecord(
        party_id="requester",
        role=PartyRole.REQUESTER,
        kind=PartyKind.INDIVIDUAL,
        name="张三",
        id_number_masked=mask_id_number(FULL_ID),
        **PERSONAL,
    )


def test_a_court_reads_nothing_but_case_summaries() -> None:
    """Every read a court token can call is tested below: the table gives it these and no others."""
    readable = [a for a in ACCESS.actions if Role.COURT in ACCESS.roles_for(a) and not a.startswith("court.")]
    assert readable == ["case.list", "case.read"]


async def test_a_court_reads_only_its_own_cases_and_only_the_h1_fields(flow: Any) -> None:
    code = f"11{random.randint(1000, 9999)}"
    court = flow.service.client(Role.COURT, subject=f"court-{code}", kind=PrincipalKind.COURT, partner=code)
    case_id = await flow.open(requester=individual())
    other_id = await flow.open()
    await flow.to_review(case_id)
    await flow.decide(case_id, decided=0)
    await flow.serve_decision(case_id, served=0)

    filed = await court.post(
        f"/v1/cases/{case_id}/admin-suit",
        json={
            "court_case_no": f"（2026）京{code}行初1号",
            "plaintiff": "requester",
            "filed_on": str(today()),
        },
    )
    assert filed.status_code == 200, filed.text
    read = await court.get(f"/v1/cases/{case_id}")
    listed = await court.get("/v1/cases", params={"limit": 200})
    searched = await court.get("/v1/cases", params={"q": "张三"})

    for response in (filed, read, listed, searched):
        assert response.status_code == 200, response.text
        assert_nothing_withheld(response.json())
    assert read.json()["requester"] == {"kind": "individual", "name": "张三", "credit_code": None}
    assert read.json()["outcome"] == "INFRINGEMENT_ESTABLISHED" and read.json()["decided_on"] == str(today())
    assert [c["id"] for c in listed.json()["items"]] == [str(case_id)]
    assert (await court.get(f"/v1/cases/{other_id}")).status_code == 403
    for path in ("file", "timeline", "deadlines", "decision.html", "decision.pdf"):
        response = await court.get(f"/v1/cases/{case_id}/{path}")
        assert response.status_code == 403 and response.json()["code"] == "action_denied", path

    # The office's case handler sees the parties whole (the ID number as stored: masked).
    requester = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["requester"]
    assert requester["phone"] == PERSONAL["phone"] and requester["id_number_masked"] == mask_id_number(
        FULL_ID
    )


async def test_a_penalty_subjects_id_number_is_checked_and_masked_at_entry(flow: Any) -> None:
    subject = {"kind": "individual", "name": "李四", "id_number_masked": FULL_ID}
    body: dict[str, Any] = {
        "subject": subject,
        "acts": ["using_others_number"],
        "source": "ex_officio",
        "discovered_on": str(today()),
        "facts": "产品包装标注他人专利号",
    }
    filed = await flow.staff.post("/v1/penalty-cases", json=body)
    wrong = await flow.staff.post(
        "/v1/penalty-cases", json=body | {"subject": subject | {"id_number_masked": WRONG_CHECK}}
    )

    assert filed.status_code == 201, filed.text
    assert filed.json()["subject"]["id_number_masked"] == mask_id_number(FULL_ID)
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "subject.id_number_masked"
    await _never_stored_whole(flow.service)


async def test_a_plaintiff_named_by_id_number_is_masked(flow: Any) -> None:
    case_id = await flow.open()
    await flow.to_review(case_id)
    await flow.decide(case_id, decided=0)
    await flow.serve_decision(case_id, served=0)
    clerk = flow.service.client(Role.CLERK, subject="clerk-1")

    filed = await clerk.post(
        f"/v1/cases/{case_id}/admin-suit",
        json={
            "court_code": "110108",
            "document_ref": "（2026）京0108行初2号受理通知书",
            "court_case_no": "（2026）京0108行初2号",
            "plaintiff": f"张三（{FULL_ID}）",
            "filed_on": str(today()),
        },
    )

    assert filed.status_code == 200, filed.text
    suit = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["suit"]
    assert suit["plaintiff"] == f"张三（{mask_id_number(FULL_ID)}）"
    await _never_stored_whole(flow.service)


async def test_consumed_events_keep_id_numbers_masked_and_drop_what_is_no_id_number(
    start_service: Any, publish: Any, office_code: str
) -> None:
    service = await start_service(
        "adjudication", office_code=office_code, run_workers=True, office_abbreviation=f"京{office_code[2:]}"
    )
    staff = service.client(Role.STAFF, subject="staff-1")
    person = PartyDetails(kind=PartyKind.INDIVIDUAL, name="王五", id_number_masked=FULL_ID, **PERSONAL)
    whole = routed(office_code, person)
    broken = routed(office_code, person.model_copy(update={"id_number_masked": WRONG_CHECK}))
    for data in (whole, broken):
        await publish(data, key=str(data.complaint_id), source="/ipcase/000000/intake")

    kept = await opened_case(staff, whole.complaint_id)
    dropped = await opened_case(staff, broken.complaint_id)
    assert (await staff.get(f"/v1/cases/{kept['id']}/file")).json()["requester"]["id_number_masked"] == (
        mask_id_number(FULL_ID)
    )
    assert (await staff.get(f"/v1/cases/{dropped['id']}/file")).json()["requester"][
        "id_number_masked"
    ] is None
    await _never_stored_whole(service)


def routed(office_code: str, complainant: PartyDetails) -> ComplaintRoutedV1:
    return ComplaintRoutedV1(
        complaint_id=uuid.uuid4(),
        reference=f"TS2026-{uuid.uuid4().hex[:8]}",
        destination=Destination.ADJUDICATION,
        procedure="ordinary",
        routing_rule="patent_infringement",
        routing_reason="专利侵权纠纷",
        ip_type=IpType.INVENTION_PATENT,
        rights=(RightRef(ip_type=IpType.INVENTION_PATENT, number=random_patent_number()),),
        complainant=complainant,
        respondents=(
            PartyDetails(
                kind=PartyKind.ORGANISATION,
                name=random_name("被请求人"),
                credit_code=random_uscc(),
                region_code=office_code,
            ),
        ),
        facts="被请求人销售侵权产品。",
        received_at=dt.datetime.now(SHANGHAI) - dt.timedelta(days=1),
        routed_at=dt.datetime.now(SHANGHAI),
    )


async def opened_case(client: httpx.AsyncClient, complaint_id: uuid.UUID) -> dict[str, Any]:
    found: list[dict[str, Any]] = []

    async def case_exists() -> bool:
        items = (await client.get("/v1/cases", params={"complaint_id": str(complaint_id)})).json()["items"]
        found[:] = items
        return bool(items)

    await eventually(case_exists, within=20, what=f"a case for complaint {complaint_id}")
    return found[0]


async def _never_stored_whole(service: RunningService) -> None:
    async with service.container.platform.sessions() as session:
        files = (await session.execute(select(cases_table.c.file.cast(Text)))).scalars().all()
        penalties = (await session.execute(select(penalty_table.c.file.cast(Text)))).scalars().all()
    assert files and not [f for f in [*files, *penalties] if FULL_ID in f or WRONG_CHECK in f]
