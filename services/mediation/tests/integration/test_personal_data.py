"""Personal data: what a court reads (§H.1, minimised), and resident ID numbers at every entry point.

A court never gets back an individual's phone, e-mail or home address, on any read it may call;
internal readers who do not handle the case see them masked. A full resident ID number is masked
on entry through the API and from every consumed event, and is nowhere in the database after.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from mediation.testing import (
    court_assignment_body,
    court_case_filed,
    court_client,
    full_id_number,
    individual,
    publish,
    staff_client,
    wait_for_case,
)
from shared.contracts.adjudication import MediationRequestedV1
from shared.contracts.common import PartyDetails, RightRef
from shared.contracts.court import AssignmentKind, MediationAssignedV1
from shared.contracts.intake import ComplaintRoutedV1, Destination
from shared.identity.principals import Principal, PrincipalKind, Role
from shared.testing.plugin import BrokerHandle
from shared.testing.refs import random_name, random_uscc
from shared.testing.services import RunningService
from shared.vocabulary import IpType, PartyKind

PERSON = individual()
WITHHELD = (PERSON["phone"], PERSON["email"], PERSON["address"], PERSON["id_number_masked"])
MASKED_ID = "3301**********" + full_id_number()[-4:]


def organisation() -> dict[str, Any]:
    return {
        "kind": "organisation",
        "name": random_name("被告"),
        "credit_code": random_uscc(),
        "region_code": "330102",
    }


async def stored_anywhere(database_url: str, value: str) -> list[str]:
    """Every table of the mediation schema whose rows contain ``value`` (as text)."""
    engine = create_async_engine(database_url)
    try:
        async with engine.connect() as connection:
            tables = (
                await connection.execute(
                    text("SELECT table_name FROM information_schema.tables WHERE table_schema = 'mediation'")
                )
            ).scalars()
            found = []
            for table in list(tables):
                query = text(f'SELECT count(*) FROM mediation."{table}" t WHERE t::text LIKE :value')
                if await connection.scalar(query, {"value": f"%{value}%"}):
                    found.append(table)
            return found
    finally:
        await engine.dispose()


async def test_a_court_reads_none_of_an_individuals_contact_data_on_any_route_it_may_call(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case, application_id = await court_case_filed(mediation, roster, parties=[individual(), organisation()])
    court = court_client(mediation, "ZJ-HZ-SC")
    base = f"/v1/cases/{case['id']}"
    reads = [
        "/v1/cases",
        f"/v1/cases?origin_id={case['origin_id']}",
        base,
        f"{base}/agreement",
        f"{base}/agreement/document.html",
        f"{base}/agreement/document.pdf",
        f"{base}/competent-courts",
        f"/v1/confirmation-applications/{application_id}",
        "/v1/organisations",
        "/v1/mediators",
        f"/v1/mediators/{roster['mediator']['id']}",
    ]
    for path in reads:
        response = await court.get(path)
        assert response.status_code == 200, (path, response.text)
        body = response.content.decode("utf-8", "replace")
        for value in WITHHELD:
            assert value not in body, (path, value)
    shown = (await court.get(base)).json()["parties"][0]
    assert (shown["phone"], shown["email"], shown["address"]) == (None, None, None)
    assert shown["id_number_masked"] == MASKED_ID and shown["name"] == PERSON["name"]
    assert (await court.get(f"{base}/history")).status_code == 403  # not in §H.1

    # The PDF is drawn from the same document; read at the source, the court's copy has no address.
    court_principal = Principal(
        "ZJ-HZ-SC", frozenset({Role.COURT}), PrincipalKind.COURT, partner_code="ZJ-HZ-SC"
    )
    document = await mediation.container.views.agreement_document(uuid.UUID(case["id"]), court_principal)
    assert all(PERSON["address"] not in f.value for f in document.fields)


async def test_internal_readers_who_do_not_handle_the_case_see_contact_data_masked(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case, _ = await court_case_filed(mediation, roster, parties=[individual(), organisation()])
    url = f"/v1/cases/{case['id']}"
    handled = (await staff_client(mediation).get(url)).json()["parties"][0]
    assert (handled["phone"], handled["email"], handled["address"]) == (
        PERSON["phone"],
        PERSON["email"],
        PERSON["address"],
    )
    adjudicator = (await mediation.client(Role.ADJUDICATOR).get(url)).json()["parties"][0]
    assert adjudicator["phone"] == "138****5678" and adjudicator["email"] == "z***@example.cn"
    assert adjudicator["address"] == "浙江省杭州市西湖区****"
    organisation_party = (await mediation.client(Role.ADJUDICATOR).get(url)).json()["parties"][1]
    assert organisation_party["name"] and organisation_party["kind"] == "organisation"


async def test_a_full_id_number_sent_by_a_court_is_masked_and_never_stored(
    mediation: RunningService, database_url: str
) -> None:
    court = court_client(mediation)
    body = court_assignment_body(parties=[individual(), organisation()])
    created = await court.post("/v1/court-assignments", json=body)
    assert created.status_code == 201, created.text
    assert created.json()["parties"][0]["id_number_masked"] == MASKED_ID
    stored = (await staff_client(mediation).get(f"/v1/cases/{created.json()['id']}")).json()
    assert stored["parties"][0]["id_number_masked"] == MASKED_ID
    assert await stored_anywhere(database_url, full_id_number()) == []
    assert "mediation_cases" in await stored_anywhere(database_url, MASKED_ID)


@pytest.mark.parametrize(
    "number",
    ["330106198001011234", "33010619800101123", "not an id", "3301198001011235"],
)
async def test_anything_but_a_valid_or_masked_id_number_is_a_422_naming_the_field(
    mediation: RunningService, number: str
) -> None:
    body = court_assignment_body(parties=[organisation(), individual(id_number_masked=number)])
    refused = await court_client(mediation).post("/v1/court-assignments", json=body)
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["field"] == "parties.1.id_number_masked"


def person_details(number: str) -> PartyDetails:
    return PartyDetails(
        kind=PartyKind.INDIVIDUAL, name=random_name("自然人"), id_number_masked=number, region_code="330106"
    )


def organisation_details() -> PartyDetails:
    return PartyDetails(kind=PartyKind.ORGANISATION, name=random_name("公司"), credit_code=random_uscc())


async def test_consumed_events_never_leave_a_full_id_number_behind(
    mediation: RunningService, broker: BrokerHandle, database_url: str
) -> None:
    """From a court, from intake, from adjudication: masked when valid, dropped when not an ID."""
    full = full_id_number("44030519900307456")
    court_event = MediationAssignedV1(
        assignment_id=f"EV-{uuid.uuid4().hex[:8]}",
        court_code="ZJ-HZ-XH",
        court_name="杭州市西湖区人民法院",
        kind=AssignmentKind.PRE_FILING,
        ip_type=IpType.TRADEMARK,
        parties=(person_details(full), person_details("110105-bad-number")),
        dispute_summary="侵权纠纷",
        assigned_at=dt.datetime.now(dt.UTC),
    )
    routed = ComplaintRoutedV1(
        complaint_id=uuid.uuid4(),
        reference="IPC-2026-TEST",
        destination=Destination.MEDIATION,
        procedure="people",
        routing_rule="both_willing",
        routing_reason="双方同意调解",
        ip_type=IpType.TRADEMARK,
        rights=(RightRef(ip_type=IpType.TRADEMARK, number="12345678"),),
        complainant=person_details(full),
        respondents=(organisation_details(),),
        facts="侵权事实",
        office_region_code="330106",
        received_at=dt.datetime.now(dt.UTC),
        routed_at=dt.datetime.now(dt.UTC),
    )
    requested = MediationRequestedV1(
        case_id=uuid.uuid4(),
        case_no="AD2026-000099",
        requester=person_details(full),
        respondents=(organisation_details(),),
        rights=(RightRef(ip_type=IpType.INVENTION_PATENT, number="ZL202310000007.2"),),
        damages_mediation=True,
        summary="赔偿调解",
        requested_at=dt.datetime.now(dt.UTC),
    )
    await publish(broker.bootstrap_servers, court_event, key=court_event.assignment_id)
    await publish(broker.bootstrap_servers, routed, key=str(routed.complaint_id))
    await publish(broker.bootstrap_servers, requested, key=str(requested.case_id))

    staff = staff_client(mediation)
    masked = full[:4] + "*" * 10 + full[-4:]
    for origin in (court_event.assignment_id, routed.complaint_id, requested.case_id):
        found = await wait_for_case(staff, f"/v1/cases?origin_id={origin}")
        case = (await staff.get(f"/v1/cases/{found['id']}")).json()
        assert case["parties"][0]["id_number_masked"] == masked, origin
    from_court = await wait_for_case(staff, f"/v1/cases?origin_id={court_event.assignment_id}")
    court_case = (await staff.get(f"/v1/cases/{from_court['id']}")).json()
    assert court_case["parties"][1]["id_number_masked"] is None  # not an ID number: not kept
    from_complaint = await wait_for_case(staff, f"/v1/cases?origin_id={routed.complaint_id}")
    assert from_complaint["office_code"] == "330106"  # the complaint's receiving office
    assert await stored_anywhere(database_url, full) == []
