"""No 5xx from any input (issue 13), and the audit trail of steps, reads, refusals and other changes
(issue 12), over the real API and PostgreSQL."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

import credit
from credit.domain.vocabulary import CHINA
from credit.testing import uscc_in
from shared.identity.principals import PrincipalKind
from shared.testing.services import RunningService
from shared.web.auth import Role

Body = Callable[..., dict[str, Any]]
TODAY = dt.datetime.now(CHINA).date()
LONG_AGO = TODAY - dt.timedelta(days=60)


def fields(response: httpx.Response) -> list[str]:
    return [str(e["field"]) for e in response.json().get("errors", [])]


async def test_a_nul_in_a_code_a_customs_office_checks_is_a_422_naming_the_field(
    credit_api: RunningService,
) -> None:
    """The issue: ``POST :8104/v1/credit-checks {"codes":["\\u0000"]}`` as customs gave 500."""
    customs = credit_api.client(Role.CUSTOMS, subject="customs-1", kind=PrincipalKind.CUSTOMS, partner="HZ")
    response = await customs.post("/v1/credit-checks", json={"codes": ["\u0000"]})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert any("codes" in field for field in fields(response)), response.text
    assert response.json()["detail_zh"]
    mixed = await customs.post("/v1/credit-checks", json={"codes": [uscc_in("330100"), "9133\u00000100"]})
    assert mixed.status_code == 422 and any("codes" in field for field in fields(mixed))


@pytest.mark.parametrize(
    ("url", "parameter"),
    [("/v1/subjects", "name"), ("/v1/subjects", "id_number_masked"), ("/v1/disclosure", "name")],
)
async def test_a_control_character_in_a_search_is_a_422_naming_the_parameter(
    credit_api: RunningService, url: str, parameter: str
) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    for bad in ("\x00", "杭州\x1b科技"):
        response = await officer.get(url, params={parameter: bad})
        assert response.status_code == 422, response.text
        assert any(parameter in field for field in fields(response)), response.text


async def test_search_terms_are_literal_a_percent_an_underscore_a_trailing_backslash(
    credit_api: RunningService, entry: Body
) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    names = ["杭州百分之50%_科技有限公司", "杭州百分之500科技有限公司", "杭州反斜杠\\科技有限公司"]
    for name in names:
        subject = {"kind": "organisation", "name": name, "credit_code": uscc_in("330100")}
        assert (await officer.post("/v1/records", json=entry(subject=subject))).status_code == 201

    async def matched(term: str) -> set[str]:
        response = await officer.get("/v1/subjects", params={"name": term, "limit": 100})
        assert response.status_code == 200, response.text
        return {s["matched_name"] for s in response.json()}

    assert await matched("50%_") == {names[0]}  # not "50" followed by anything
    assert names[1] not in await matched("%") and names[0] in await matched("%")
    assert names[1] not in await matched("_") and names[0] in await matched("_")
    assert await matched("反斜杠\\") == {names[2]}  # a trailing backslash is just a backslash
    assert await matched("百分之") >= {names[0], names[1]}  # a part of a name finds it

    disclosed = await officer.get("/v1/disclosure", params={"name": "\\"})
    assert disclosed.status_code == 200, disclosed.text


async def test_a_duplicate_grade_in_one_import_is_a_409_naming_the_entry(credit_api: RunningService) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    subject = {"kind": "organisation", "name": "杭州重复评级有限公司", "credit_code": uscc_in("330100")}
    grade = {"subject": subject, "grade": "B", "source": "samr", "as_of": str(TODAY)}
    response = await officer.post("/v1/grades/imports", json={"grades": [grade, {**grade, "grade": "C"}]})
    assert response.status_code == 409, response.text
    assert fields(response) == ["grades.1"] and response.json()["detail_zh"]
    other_day = {**grade, "as_of": str(TODAY - dt.timedelta(days=1))}
    assert (await officer.post("/v1/grades/imports", json={"grades": [grade, other_day]})).status_code == 200


@pytest.mark.parametrize(
    ("action", "body", "field"),
    [
        (
            "notice",
            {"served_on": "2025-12-31", "reasons": "r"},
            "served_on",
        ),  # before the decision (2026-01-05)
        (
            "statements",
            {"submitted_on": str(LONG_AGO - dt.timedelta(days=1)), "summary": "s"},
            "submitted_on",
        ),
        ("hearing-requests", {"requested_on": str(LONG_AGO - dt.timedelta(days=1))}, "requested_on"),
    ],
)
async def test_a_date_before_what_it_answers_is_refused_with_a_reason(
    credit_api: RunningService, entry: Body, action: str, body: dict[str, Any], field: str
) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    rid = (await officer.post("/v1/records", json=entry())).json()["record_id"]
    if action != "notice":
        noticed = await officer.post(
            f"/v1/records/{rid}/notice", json={"served_on": str(LONG_AGO), "reasons": "r"}
        )
        assert noticed.status_code == 200, noticed.text
    response = await officer.post(f"/v1/records/{rid}/{action}", json=body)
    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == (field, "date_too_early")
    assert "before" in error["message_en"] and "早于" in error["message_zh"]


def test_no_assert_in_the_service_code() -> None:
    source = Path(credit.__file__).parent
    found = [
        f"{path.relative_to(source)}:{node.lineno}"
        for path in source.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Assert)
    ]
    assert found == []


async def test_steps_reads_refusals_and_grades_are_on_the_audit_trail(
    credit_api: RunningService, entry: Body
) -> None:
    officer = credit_api.client(Role.CREDIT_OFFICER, subject="officer-audit", office="330100")
    record = (await officer.post("/v1/records", json=entry())).json()
    rid = record["record_id"]
    assert (await officer.get(f"/v1/records/{rid}")).status_code == 200
    noticed = await officer.post(
        f"/v1/records/{rid}/notice", json={"served_on": str(LONG_AGO), "reasons": "r"}
    )
    assert noticed.status_code == 200
    assert (
        await officer.get(f"/v1/records/{rid}/notice-document", params={"format": "html"})
    ).status_code == 200
    outsider = credit_api.client(Role.CREDIT_OFFICER, subject="officer-curious", office="330200")
    assert (await outsider.get(f"/v1/records/{rid}")).status_code == 403
    subject = {"kind": "organisation", "name": "杭州审计评级有限公司", "credit_code": uscc_in("330100")}
    graded = await officer.post(
        "/v1/grades", json={"subject": subject, "grade": "A", "source": "samr", "as_of": str(TODAY)}
    )
    assert graded.status_code == 200
    court = credit_api.client(
        Role.COURT, subject="court-audit", kind=PrincipalKind.COURT, partner="ZJ-HZ-IPC"
    )
    assert (await court.get("/v1/disclosure")).status_code == 200

    auditor = credit_api.client(Role.AUDITOR, subject="auditor-1", office="000000")
    trail = (await auditor.get("/v1/audit-trail", params={"object_id": rid, "limit": 500})).json()["items"]
    entries = {(e["action"], e["outcome"], e["actor"]) for e in trail}
    assert ("credit.record.create", "succeeded", "officer-audit") in entries
    assert ("credit.record.notify", "succeeded", "officer-audit") in entries
    assert ("credit.record.read", "read", "officer-audit") in entries
    assert ("credit.record.notice_document", "read", "officer-audit") in entries
    notified = next(e for e in trail if e["action"] == "credit.record.notify")
    assert notified["roles"] == ["credit_officer"] and notified["office_code"] == "330100"
    assert notified["object_type"] == "credit_record"

    refused = (await auditor.get("/v1/audit-trail", params={"actor": "officer-curious"})).json()["items"]
    assert [(e["action"], e["outcome"]) for e in refused] == [("credit.record.read", "denied")]
    assert refused[0]["details"]["code"] == "object_denied"

    mine = (await auditor.get("/v1/audit-trail", params={"actor": "officer-audit", "limit": 500})).json()[
        "items"
    ]
    assert ("credit.grade.record", "succeeded") in {(e["action"], e["outcome"]) for e in mine}
    by_court = (await auditor.get("/v1/audit-trail", params={"actor": "court-audit"})).json()["items"]
    assert [(e["action"], e["outcome"], e["partner_code"]) for e in by_court] == [
        ("credit.disclosure.list", "read", "ZJ-HZ-IPC")
    ]
    assert (await officer.get("/v1/audit-trail")).status_code == 403  # the trail is the auditor's


async def test_a_wrong_content_type_is_a_415_broken_json_names_the_body_and_a_huge_body_is_a_413(
    credit_api: RunningService,
) -> None:
    customs = credit_api.client(Role.CUSTOMS, subject="customs-2", kind=PrincipalKind.CUSTOMS, partner="HZ")
    plain = await customs.post(
        "/v1/credit-checks", content=b"91330100", headers={"content-type": "text/plain"}
    )
    assert plain.status_code == 415, plain.text
    broken = await customs.post(
        "/v1/credit-checks", content=b'{"codes": ["9133', headers={"content-type": "application/json"}
    )
    assert broken.status_code == 422 and fields(broken) == ["body"], broken.text
    huge = await customs.post("/v1/credit-checks", json={"codes": ["9" * (2 * 1024 * 1024)]})
    assert huge.status_code == 413 and huge.headers["content-type"].startswith("application/problem+json")
