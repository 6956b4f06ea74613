"""Queries: one subject's credit, search, the bulk check, the public disclosure view, grades, commitments."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from credit.domain.vocabulary import CHINA
from credit.rules import example_grade_rules_path
from credit.testing import uscc_in
from credit.views.subject_models import BulkCheckOut
from shared.testing.services import RunningService
from shared.web.auth import Role

Body = Callable[..., dict[str, Any]]
TODAY = dt.datetime.now(CHINA).date()
LONG_AGO = TODAY - dt.timedelta(days=60)


async def published(officer: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    """Enter, notify (long ago), list and publish: a listing on public display."""
    rid = (await officer.post("/v1/records", json=body)).json()["record_id"]
    await officer.post(f"/v1/records/{rid}/notice", json={"served_on": str(LONG_AGO), "reasons": "r"})
    await officer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})
    response = await officer.post(f"/v1/records/{rid}/publication", json={})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_courts_see_decided_listings_the_credit_office_sees_everything(
    credit: RunningService, entry: Body
) -> None:
    officer = credit.client(Role.CREDIT_OFFICER)
    code = uscc_in("330100")
    subject = {"kind": "organisation", "name": "杭州甲乙科技有限公司", "credit_code": code}
    listing = await published(officer, entry(subject=subject))
    candidate = (
        await officer.post("/v1/records", json=entry(subject=subject, behaviour="false_materials"))
    ).json()

    internal = (await officer.get(f"/v1/subjects/{code}/credit")).json()
    court = (await credit.client(Role.COURT).get(f"/v1/subjects/{code.lower()}/credit")).json()

    assert internal["status"] == court["status"] == "dishonest"
    assert {r["record_id"] for r in internal["history"]} == {listing["record_id"], candidate["record_id"]}
    assert [r["record_id"] for r in court["history"]] == [listing["record_id"]]
    in_force = court["listings_in_force"][0]
    assert (in_force["state"], in_force["list_title_zh"]) == ("PUBLISHED", "知识产权领域失信行为认定")
    assert in_force["period_end"] and in_force["measures"]
    by_id = (await credit.client(Role.CUSTOMS).get(f"/v1/subjects/{internal['subject']['id']}/credit")).json()
    assert by_id["status"] == "dishonest"


async def test_an_unknown_or_malformed_code_is_told_apart(credit: RunningService) -> None:
    court = credit.client(Role.COURT)
    code = uscc_in("330100")

    unknown = await court.get(f"/v1/subjects/{code}/credit")
    malformed = await court.get("/v1/subjects/91330100MA27XXXX0/credit")

    assert unknown.status_code == 404 and unknown.json()["code"] == "subject_not_found"
    assert malformed.status_code == 422 and malformed.json()["errors"][0]["field"] == "credit_code"


async def test_subjects_are_found_by_any_name_they_bore(credit: RunningService, entry: Body) -> None:
    staff = credit.client(Role.STAFF)
    code = uscc_in("330100")
    await staff.post(
        "/v1/records",
        json=entry(subject={"kind": "organisation", "name": "旧名有限公司", "credit_code": code}),
    )
    await staff.post(
        "/v1/records",
        json=entry(subject={"kind": "organisation", "name": "新名有限公司", "credit_code": code}),
    )

    found = (await staff.get("/v1/subjects", params={"name": "旧名 有限公司"})).json()
    subject = (await staff.get(f"/v1/subjects/{code}")).json()

    assert code in {f["credit_code"] for f in found}
    assert subject["name"] == "新名有限公司"
    assert [n["name"] for n in subject["name_history"]] == ["旧名有限公司", "新名有限公司"]
    assert (await staff.get("/v1/subjects")).status_code == 422


async def test_the_bulk_check_answers_every_code_in_order(credit: RunningService, entry: Body) -> None:
    officer = credit.client(Role.CREDIT_OFFICER)
    listed_code, candidate_code, unknown = uscc_in("330100"), uscc_in("330100"), uscc_in("310000")
    await published(
        officer, entry(subject={"kind": "organisation", "name": "甲公司", "credit_code": listed_code})
    )
    await officer.post(
        "/v1/records",
        json=entry(subject={"kind": "organisation", "name": "乙公司", "credit_code": candidate_code}),
    )
    codes = [unknown, listed_code.lower(), "NOT-A-CODE", candidate_code] + [
        uscc_in("440300") for _ in range(996)
    ]

    response = await credit.client(Role.CUSTOMS).post("/v1/credit-checks", json={"codes": codes})
    too_many = await credit.client(Role.CUSTOMS).post("/v1/credit-checks", json={"codes": [*codes, unknown]})

    assert response.status_code == 200, response.text
    assert BulkCheckOut.model_validate(response.json())  # the documented shape, though built by hand
    results = response.json()["results"]
    assert len(results) == 1000
    assert [(r["code"], r["status"], r["valid"]) for r in results[:4]] == [
        (unknown, "unknown", True),
        (listed_code, "dishonest", True),
        ("NOT-A-CODE", "unknown", False),
        (candidate_code, "clear", True),  # a candidate is not a listing
    ]
    assert results[1]["listings"][0]["list_type"] == "cnipa_dishonest"
    assert "measures" not in results[1]["listings"][0]  # customs get list type and period end (§H.2)
    internal = (await officer.post("/v1/credit-checks", json={"codes": codes[:4]})).json()["results"]
    assert "credit_commitment_unavailable" in internal[1]["listings"][0]["measures"]
    assert results[2]["error"]
    assert too_many.status_code == 422
    assert (
        await credit.client(Role.MEDIATOR).post("/v1/credit-checks", json={"codes": codes[:1]})
    ).status_code == 403


async def test_the_public_sees_only_what_is_on_display_with_individuals_masked(
    credit: RunningService, entry: Body
) -> None:
    officer = credit.client(Role.CREDIT_OFFICER)
    person = {"kind": "individual", "name": "王小明", "id_number_masked": "33010619900101123X"}
    shown = await published(officer, entry(subject=person))
    organisation = await published(officer, entry())
    hidden = (await officer.post("/v1/records", json=entry())).json()

    public = credit.client(Role.MEDIATOR)
    page = (await public.get("/v1/disclosure", params={"limit": 200})).json()
    one = await public.get(f"/v1/disclosure/{shown['record_id']}")
    not_shown = await public.get(f"/v1/disclosure/{hidden['record_id']}")

    ids = {item["record_id"] for item in page["items"]}
    by_name = (await public.get("/v1/disclosure", params={"name": "某某科技"})).json()
    wildcard = (await public.get("/v1/disclosure", params={"name": "%"})).json()
    assert organisation["record_id"] in {item["record_id"] for item in by_name["items"]}
    assert wildcard["items"] == []  # a name search is literal: % matches only a % in a name
    assert shown["record_id"] in ids and hidden["record_id"] not in ids
    assert one.status_code == 200
    assert (one.json()["subject_name"], one.json()["id_number_masked"]) == ("王**", "3301**********123X")
    assert "王小明" not in one.text
    assert not_shown.status_code == 404

    await officer.post(
        f"/v1/records/{shown['record_id']}/revocation", json={"revoked_on": str(TODAY), "reason": "r"}
    )
    assert (await public.get(f"/v1/disclosure/{shown['record_id']}")).status_code == 404


async def test_grades_from_outside_are_kept_per_source_and_the_priority_source_wins(
    credit: RunningService, entry: Body
) -> None:
    officer = credit.client(Role.CREDIT_OFFICER)
    code = uscc_in("330100")
    subject = {"kind": "organisation", "name": "丙公司", "credit_code": code}
    for source, grade in (("local_ip_scheme", "B"), ("samr", "C")):
        response = await officer.post(
            "/v1/grades", json={"subject": subject, "grade": grade, "source": source, "as_of": str(TODAY)}
        )
        assert response.status_code == 200, response.text
    expired = {
        "subject": subject,
        "grade": "D",
        "source": "samr",
        "as_of": str(LONG_AGO),
        "valid_until": str(LONG_AGO),
    }
    await officer.post("/v1/grades", json=expired)

    credit_view = (await officer.get(f"/v1/subjects/{code}/credit")).json()
    bulk = (await officer.post("/v1/credit-checks", json={"codes": [code]})).json()

    assert credit_view["grade"]["grade"] == "C" and credit_view["grade"]["source"] == "samr"
    assert [g["source"] for g in credit_view["grades"]] == ["samr", "local_ip_scheme"]
    assert bulk["results"][0]["grade"] == "C"
    assert (await officer.post("/v1/grades/recompute", json={})).status_code == 409  # no local rules loaded


async def test_local_grades_are_computed_only_from_a_loaded_rule_set(
    start_service: Any, entry: Body, tmp_path: Path
) -> None:
    rules = tmp_path / "grades.toml"
    rules.write_text(example_grade_rules_path().read_text(encoding="utf-8"), encoding="utf-8")
    credit = await start_service("credit", grade_rules_file=str(rules))
    officer = credit.client(Role.CREDIT_OFFICER)
    listing = await published(officer, entry())

    graded = await officer.post("/v1/grades/recompute", json={})
    view = (await officer.get(f"/v1/subjects/{listing['subject']['id']}/credit")).json()

    assert graded.status_code == 200 and graded.json()["graded"] >= 1
    assert (view["grade"]["grade"], view["grade"]["source"], view["grade"]["rule_id"]) == (
        "C",
        "local_rules",
        "dishonest",
    )


async def test_a_listed_subject_cannot_commit_and_a_breach_opens_a_candidate(
    credit: RunningService, entry: Body
) -> None:
    officer, staff = credit.client(Role.CREDIT_OFFICER), credit.client(Role.STAFF)
    listed = await published(officer, entry())
    code = listed["subject"]["credit_code"]

    def commitment(credit_code: str) -> dict[str, Any]:
        return {
            "subject": {"kind": "organisation", "name": "某公司", "credit_code": credit_code},
            "scope": "专利费用减缴",
            "text": "承诺材料真实",
            "made_on": str(TODAY),
            "verification_due": str(TODAY + dt.timedelta(days=30)),
        }

    refused = await staff.post("/v1/commitments", json=commitment(code))
    made = await staff.post("/v1/commitments", json=commitment(uscc_in("330100")))
    verified = await officer.post(
        f"{made.headers['location']}/verification",
        json={"outcome": False, "verified_on": str(TODAY), "findings": "材料系伪造"},
    )

    assert refused.status_code == 409 and refused.json()["code"] == "commitment_not_available"
    assert made.status_code == 201, made.text
    assert verified.status_code == 200 and verified.json()["status"] == "breached"
    breach = (await officer.get(f"/v1/records/{verified.json()['breach_record_id']}")).json()
    assert (breach["behaviour"], breach["state"]) == ("commitment_breached", "CANDIDATE")
    again = await officer.post(
        f"{made.headers['location']}/verification",
        json={"outcome": True, "verified_on": str(TODAY), "findings": "x"},
    )
    assert again.status_code == 409 and again.json()["allowed"] == []
