"""Personal data: what each reader sees of an individual party, and ID numbers masked at every entry.

Staff handling complaints see parties whole; the office's other readers (office head, adjudicator)
see an individual's name, phone, e-mail and address masked. A resident ID number is checked (GB
11643) and masked where it enters — registration and correction; intake consumes no event that
carries a party — so no full number is stored, published or returned.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from intake.testing import complaint_body, published
from shared.identity.principals import PrincipalKind, Role
from shared.testing.plugin import BrokerHandle
from shared.testing.services import RunningService

FULL_ID = "33010619900101123X"
MASKED_ID = "3301**********123X"
OFFICE = "330106"


def individual(**overrides: Any) -> dict[str, Any]:
    return {
        "kind": "individual",
        "name": "李四",
        "id_number": FULL_ID,
        "phone": "13800138000",
        "email": "lisi@example.com",
        "address": "杭州市西湖区文三路1号",
        "region_code": "330106",
        **overrides,
    }


async def stored_anywhere(database_url: str, needle: str) -> list[str]:
    """The intake tables (complaints, their record, the outbox, the audit trail) holding ``needle``."""
    engine = create_async_engine(database_url)
    found = []
    try:
        async with engine.connect() as connection:
            for table in (
                "complaints",
                "complaint_keys",
                "case_record",
                "outbox",
                "audit_log",
                "audit_pending",
            ):
                sql = f"SELECT count(*) FROM intake.{table} t WHERE t::text LIKE :needle"
                if await connection.scalar(text(sql), {"needle": f"%{needle}%"}):
                    found.append(table)
    finally:
        await engine.dispose()
    return found


async def test_staff_see_an_individual_whole_and_other_readers_masked(intake: RunningService) -> None:
    staff = intake.client(Role.STAFF, office=OFFICE)
    created = await staff.post("/v1/complaints", json=complaint_body(respondents=[individual()]))
    assert created.status_code == 201, created.text
    path = f"/v1/complaints/{created.json()['id']}"

    whole = (await staff.get(path)).json()["respondents"][0]
    assert (whole["name"], whole["phone"], whole["email"]) == ("李四", "13800138000", "lisi@example.com")
    assert whole["address"] == "杭州市西湖区文三路1号" and whole["id_number_masked"] == MASKED_ID

    for role in (Role.ADJUDICATOR, Role.OFFICE_HEAD):
        reader = intake.client(role, office=OFFICE)
        for shown in [
            (await reader.get(path)).json()["respondents"][0],
            next(
                i
                for i in (await reader.get("/v1/complaints", params={"limit": 200})).json()["items"]
                if i["id"] == created.json()["id"]
            )["respondents"][0],
        ]:
            assert shown["name"] == "李*", role
            assert shown["phone"] == "138****8000" and shown["email"] == "l***@example.com"
            assert shown["address"] == "杭州市西湖区****" and shown["id_number_masked"] == MASKED_ID
    # An organisation's registered address is not personal data and stays.
    complainant = (await intake.client(Role.ADJUDICATOR, office=OFFICE).get(path)).json()["complainant"]
    assert complainant["name"] == created.json()["complainant"]["name"]


async def test_a_full_id_number_is_masked_at_registration_and_correction_and_never_stored_or_published(
    intake: RunningService, database_url: str, broker: BrokerHandle
) -> None:
    staff = intake.client(Role.STAFF, office=OFFICE)
    routed = await staff.post("/v1/complaints", json=complaint_body(respondents=[individual()]))
    assert routed.status_code == 201, routed.text
    assert routed.json()["respondents"][0]["id_number_masked"] == MASKED_ID
    # Held for correction (respondent not identified), then corrected with a full number.
    held = await staff.post(
        "/v1/complaints", json=complaint_body(respondents=[{"kind": "individual", "name": "王五"}])
    )
    assert held.json()["status"] == "CORRECTION_REQUESTED"
    other_id = "110101198001010010"
    corrected = await staff.post(
        f"/v1/complaints/{held.json()['id']}/correction",
        json={"respondents": [individual(name="王五", id_number=other_id)]},
    )
    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["respondents"][0]["id_number_masked"] == "1101**********0010"

    events = await published(
        broker.bootstrap_servers,
        "intake.complaint",
        "intake.complaint.routed",
        where={"complaint_id": routed.json()["id"]},
    )
    assert events and MASKED_ID in json.dumps(events[0], ensure_ascii=False)
    for number in (FULL_ID, other_id):
        assert number not in json.dumps(events, ensure_ascii=False)
        assert await stored_anywhere(database_url, number) == []


async def test_a_malformed_id_number_is_refused_naming_the_field(intake: RunningService) -> None:
    staff = intake.client(Role.STAFF, office=OFFICE)
    for entry, body in [
        ("respondents.0.id_number", complaint_body(respondents=[individual(id_number="330106199001011234")])),
        ("complainant.id_number", complaint_body(complainant=individual(id_number="3301061990"))),
    ]:
        refused = await staff.post("/v1/complaints", json=body)
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == [entry]


async def test_a_reader_admitted_to_nothing_gets_no_personal_data(intake: RunningService) -> None:
    """Courts, customs and platforms read no complaint at all (the minimisation table gives them none)."""
    staff = intake.client(Role.STAFF, office=OFFICE)
    created = (await staff.post("/v1/complaints", json=complaint_body(respondents=[individual()]))).json()
    for client in _machines(intake):
        for path in (
            f"/v1/complaints/{created['id']}",
            "/v1/complaints",
            f"/v1/complaints/{created['id']}/timeline",
        ):
            response = await client.get(path)
            assert (
                response.status_code == 403
                and "李四" not in response.text
                and "13800138000" not in response.text
            )


def _machines(intake: RunningService) -> list[httpx.AsyncClient]:
    return [
        intake.client(Role.COURT, kind=PrincipalKind.COURT, partner="C330100"),
        intake.client(Role.CUSTOMS, kind=PrincipalKind.CUSTOMS, partner="GACC-2900"),
        intake.client(Role.PLATFORM, kind=PrincipalKind.PLATFORM, partner="taobao"),
    ]
