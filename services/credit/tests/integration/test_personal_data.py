"""What each reader sees, and ID numbers at every entry (issue 12), over the real API and PostgreSQL.

A court or customs token never receives a field the minimisation withholds, on every read it can
call; a full resident ID number is checked (GB 11643) and masked at every entry point and found
nowhere in the service's tables afterwards.
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest_asyncio
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from credit.access import ACCESS
from credit.domain.actors import system
from credit.domain.commands import RecordSubjectSighting, RegisterDishonestyInput
from credit.domain.subject import SubjectClaim
from credit.domain.vocabulary import CHINA, BehaviourCode, DecisionRef
from credit.entrypoints.routes.risk import Listing, RiskProfile
from credit.testing import uscc_in
from credit.views.bulk_check import PARTNER_ITEM, PARTNER_LISTING
from shared.identifiers import resident_id_check_character
from shared.identity.principals import PrincipalKind
from shared.testing.services import RunningService
from shared.vocabulary import PartyKind
from shared.web.auth import Role

Body = Callable[..., dict[str, Any]]
TODAY = dt.datetime.now(CHINA).date()
LONG_AGO = TODAY - dt.timedelta(days=60)
PARTNER_READS = {"credit.check", "subject.credit", "disclosure.list", "disclosure.read"}
"""Every action a court or customs token may call: each is tested below."""
CUSTOMS_READS = PARTNER_READS | {"credit.risk_profile"}
"""Customs also asks for the port's risk profile (issue 15), tested below."""


def resident_id() -> str:
    """A valid 18-digit number (GB 11643 check character) no other test uses."""
    born = dt.date(1960, 1, 1) + dt.timedelta(days=random.randrange(15000))
    first17 = f"330106{born:%Y%m%d}{random.randrange(1000):03d}"
    return first17 + resident_id_check_character(first17)


def masked(number: str) -> str:
    return number[:4] + "*" * 10 + number[-4:]


def wrong_check(number: str) -> str:
    return number[:17] + ("0" if number[17] != "0" else "1")


def court(credit: RunningService) -> httpx.AsyncClient:
    return credit.client(Role.COURT, subject="court-hz", kind=PrincipalKind.COURT, partner="ZJ-HZ-IPC")


def customs(credit: RunningService) -> httpx.AsyncClient:
    return credit.client(Role.CUSTOMS, subject="customs-hz", kind=PrincipalKind.CUSTOMS, partner="HZ-CUSTOMS")


@pytest_asyncio.fixture(loop_scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_async_engine(database_url)
    yield engine
    await engine.dispose()


async def rows_holding(engine: AsyncEngine, value: str) -> list[str]:
    """Every table of the credit schema with a row whose text holds ``value`` anywhere."""
    async with engine.connect() as connection:
        tables = (
            await connection.execute(
                text("SELECT table_name FROM information_schema.tables WHERE table_schema = 'credit'")
            )
        ).scalars()
        found = []
        for table in list(tables):
            count = await connection.scalar(
                text(f'SELECT count(*) FROM credit."{table}" AS t WHERE t::text LIKE :value'),
                {"value": f"%{value}%"},
            )
            if count:
                found.append(table)
        return found


async def listed_and_published(officer: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    response = await officer.post("/v1/records", json=body)
    assert response.status_code == 201, response.text
    rid = response.json()["record_id"]
    await officer.post(f"/v1/records/{rid}/notice", json={"served_on": str(LONG_AGO), "reasons": "r"})
    await officer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})
    published = await officer.post(f"/v1/records/{rid}/publication", json={})
    assert published.status_code == 200, published.text
    return published.json()  # type: ignore[no-any-return]


def test_courts_and_customs_can_call_only_the_reads_tested_here() -> None:
    for role, reads in ((Role.COURT, PARTNER_READS), (Role.CUSTOMS, CUSTOMS_READS)):
        assert {a for a in ACCESS.actions if role in ACCESS.roles_for(a)} == reads, role


async def test_the_risk_profile_gives_customs_findings_and_listings_without_people_or_grades(
    credit_api: RunningService, entry: Body
) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    code = uscc_in("330100")
    subject = {
        "kind": "organisation",
        "name": "杭州口岸风险有限公司",
        "credit_code": code,
        "legal_representative": "李法人",
    }
    await listed_and_published(officer, entry(subject=subject))
    graded = await officer.post(
        "/v1/grades", json={"subject": subject, "grade": "D", "source": "samr", "as_of": str(TODAY)}
    )
    assert graded.status_code == 200, graded.text

    response = await customs(credit_api).post("/v1/risk-profiles", json={"codes": [code]})
    assert response.status_code == 200, response.text
    (seen,) = response.json()["results"]
    assert set(seen) == set(RiskProfile.model_fields)  # no grade, no sightings, no representative
    assert "李法人" not in response.text and '"D"' not in response.text
    assert seen["name"] == "杭州口岸风险有限公司" and seen["listings"]
    assert [set(listing) for listing in seen["listings"]] == [set(Listing.model_fields)]


async def test_a_court_or_customs_office_reads_a_subjects_credit_minimised(
    credit_api: RunningService, entry: Body
) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    number = resident_id()
    person = {
        "kind": "individual",
        "name": "王小明",
        "id_number_masked": number,
        "legal_representative": "王小明",
    }
    listing = await listed_and_published(officer, entry(subject=person))
    subject_id = listing["subject"]["id"]
    graded = await officer.post(
        "/v1/grades", json={"subject": person, "grade": "C", "source": "samr", "as_of": str(TODAY)}
    )
    assert graded.status_code == 200, graded.text

    internal = (await officer.get(f"/v1/subjects/{subject_id}/credit")).json()
    assert internal["grades"] and internal["subject"]["legal_representative"] == "王小明"
    assert internal["subject"]["name_history"]

    for reader in (court(credit_api), customs(credit_api)):
        response = await reader.get(f"/v1/subjects/{subject_id}/credit")
        assert response.status_code == 200, response.text
        seen = response.json()
        assert number not in response.text
        assert seen["subject"]["id_number_masked"] == masked(number)
        assert seen["subject"]["legal_representative"] is None
        assert seen["subject"]["sightings"] == [] and seen["subject"]["name_history"] == []
        assert (seen["grade"], seen["grades"], seen["commitments"]) == (None, [], [])
        assert [r["record_id"] for r in seen["history"]] == [listing["record_id"]]
        assert seen["status"] == "dishonest"


async def test_the_bulk_check_gives_courts_and_customs_list_type_and_period_end_only(
    credit_api: RunningService, entry: Body
) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    code = uscc_in("330100")
    subject = {"kind": "organisation", "name": "杭州批量核查有限公司", "credit_code": code}
    await listed_and_published(officer, entry(subject=subject))
    await officer.post(
        "/v1/grades", json={"subject": subject, "grade": "B", "source": "samr", "as_of": str(TODAY)}
    )
    body = {"codes": [code, uscc_in("330100")]}

    full = (await officer.post("/v1/credit-checks", json=body)).json()["results"][0]
    assert full["grade"] == "B" and full["listings"][0]["measures"]
    for reader in (court(credit_api), customs(credit_api)):
        response = await reader.post("/v1/credit-checks", json=body)
        assert response.status_code == 200, response.text
        first, unknown = response.json()["results"]
        assert set(first) == set(PARTNER_ITEM) and set(unknown) == set(PARTNER_ITEM)
        assert first["status"] == "dishonest" and first["name"] == "杭州批量核查有限公司"
        assert [set(listing) for listing in first["listings"]] == [set(PARTNER_LISTING)]
        assert set(PARTNER_LISTING) == {"list_type", "period_end"}


async def test_the_public_disclosure_masks_an_individual_for_every_reader(
    credit_api: RunningService, entry: Body
) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    number = resident_id()
    person = {"kind": "individual", "name": "李大明", "id_number_masked": number}
    listing = await listed_and_published(officer, entry(subject=person))
    for reader in (court(credit_api), customs(credit_api)):
        one = await reader.get(f"/v1/disclosure/{listing['record_id']}")
        assert one.status_code == 200, one.text
        assert (one.json()["subject_name"], one.json()["id_number_masked"]) == ("李**", masked(number))
        many = await reader.get("/v1/disclosure", params={"list_type": "cnipa_dishonest", "limit": 200})
        assert many.status_code == 200 and number not in many.text and number not in one.text


async def test_a_full_id_number_is_checked_and_masked_at_every_entry_and_stored_nowhere(
    credit_api: RunningService, entry: Body, engine: AsyncEngine
) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    numbers = [resident_id() for _ in range(6)]

    def person(number: str, name: str = "赵六") -> dict[str, Any]:
        return {"kind": "individual", "name": name, "id_number_masked": number}

    entries: list[tuple[str, Callable[[dict[str, Any]], dict[str, Any]], str]] = [
        ("/v1/records", lambda p: entry(subject=p), "subject.id_number_masked"),
        (
            "/v1/records/imports",
            lambda p: {"entries": [entry(subject=p)]},
            "entries.0.subject.id_number_masked",
        ),
        (
            "/v1/commitments",
            lambda p: {
                "subject": p,
                "scope": "专利费用减缴申请",
                "text": "承诺材料真实",
                "made_on": str(TODAY),
                "verification_due": str(TODAY + dt.timedelta(days=30)),
            },
            "subject.id_number_masked",
        ),
        (
            "/v1/grades",
            lambda p: {"subject": p, "grade": "A", "source": "samr", "as_of": str(TODAY)},
            "subject.id_number_masked",
        ),
        (
            "/v1/grades/imports",
            lambda p: {"grades": [{"subject": p, "grade": "A", "source": "samr", "as_of": str(TODAY)}]},
            "grades.0.subject.id_number_masked",
        ),
    ]
    for (url, body, field), number in zip(entries, numbers, strict=False):
        refused = await officer.post(url, json=body(person(wrong_check(number))))
        assert refused.status_code == 422, (url, refused.text)
        assert field in [e["field"] for e in refused.json()["errors"]], (url, refused.text)
        accepted = await officer.post(url, json=body(person(number)))
        assert accepted.status_code in (200, 201), (url, accepted.text)
        assert number not in accepted.text, url

    # a parked input (from an event) resolved with a full number
    parked = await credit_api.container.bus.handle(
        RegisterDishonestyInput(
            subject=SubjectClaim(PartyKind.ORGANISATION, "无名称登记的某某商行"),
            behaviour=BehaviourCode.FALSE_MATERIALS,
            underlying_decision=DecisionRef("/ipcase/330100/intake", f"C-{uuid.uuid4()}", TODAY, "x"),
            finding="false materials",
            source="intake.false_materials_found",
            source_ref=f"complaint-{uuid.uuid4()}",
            actor=system("/ipcase/330100/intake"),
        )
    )
    assert parked.parked_as is not None
    resolution = f"/v1/unmatched-inputs/{parked.parked_as}/resolution"
    refused = await officer.post(resolution, json={"subject": person(wrong_check(numbers[5]))})
    assert refused.status_code == 422 and "subject.id_number_masked" in refused.text
    resolved = await officer.post(resolution, json={"subject": person(numbers[5])})
    assert resolved.status_code == 200 and numbers[5] not in resolved.text, resolved.text

    # the search takes a full number, masks it, and finds the subject by its masked form
    found = await officer.get("/v1/subjects", params={"id_number_masked": numbers[0]})
    assert [s["id_number_masked"] for s in found.json()] == [masked(numbers[0])]
    assert numbers[0] not in found.text
    wrong = await officer.get("/v1/subjects", params={"id_number_masked": wrong_check(numbers[0])})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["field"] == "id_number_masked"

    for number in numbers:
        assert await rows_holding(engine, number) == [], number


async def test_case_handlers_read_a_subject_without_where_it_was_seen_and_the_read_is_recorded(
    credit_api: RunningService,
) -> None:
    code = uscc_in("330100")
    await credit_api.container.bus.handle(
        RecordSubjectSighting(
            subject=SubjectClaim(PartyKind.ORGANISATION, "杭州被投诉有限公司", code),
            source_type="complaint_respondent",
            source_id=str(uuid.uuid4()),
            seen_at=dt.datetime.now(dt.UTC),
        )
    )
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    mediator = credit_api.client(Role.MEDIATOR, subject="mediator-subject", office="330100")
    whole = (await officer.get(f"/v1/subjects/{code}")).json()
    assert [s["source_type"] for s in whole["sightings"]] == ["complaint_respondent"]
    seen = await mediator.get(f"/v1/subjects/{code}")
    assert seen.status_code == 200 and seen.json()["sightings"] == []
    assert seen.json()["credit_code"] == code

    auditor = credit_api.client(Role.AUDITOR, subject="auditor-1", office="000000")
    trail = (await auditor.get("/v1/audit-trail", params={"actor": "mediator-subject"})).json()["items"]
    assert [(e["action"], e["outcome"], e["object_id"]) for e in trail] == [
        ("credit.subject.read", "read", whole["id"])
    ]


async def test_a_court_or_customs_token_without_its_partner_code_reads_nothing(
    credit_api: RunningService,
) -> None:
    """A machine is identified by its token's partner code: without one the token itself is refused
    (shared verification, 401); the object rule refuses it again should one ever get through."""
    for role, kind in ((Role.COURT, PrincipalKind.COURT), (Role.CUSTOMS, PrincipalKind.CUSTOMS)):
        nameless = credit_api.client(role, subject=f"{role}-nameless", kind=kind, partner=None)
        checked = await nameless.post("/v1/credit-checks", json={"codes": [uscc_in("330100")]})
        assert checked.status_code == 401, checked.text
        assert (await nameless.get("/v1/disclosure", params={"limit": 1})).status_code == 401
