"""No 5xx from any input (issue 13), and the audit trail of steps, reads, refusals and roster changes
(issue 12), over the real API and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import pytest

from mediation.testing import (
    agreement_body,
    court_assignment_body,
    court_case_in_mediation,
    court_client,
    staff_client,
)
from shared.testing.services import RunningService
from shared.web.auth import Role


async def test_a_duplicate_organisation_or_mediator_is_a_409_naming_the_field(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    """The issue: 201, then 500 for the same name."""
    staff = staff_client(mediation)
    organisation = roster["organisation"]
    again = await staff.post(
        "/v1/organisations",
        json={"name": organisation["name"], "kind": organisation["kind"], "seat_region_code": "330106"},
    )
    assert again.status_code == 409, again.text
    assert again.headers["content-type"].startswith("application/problem+json")
    assert [e["field"] for e in again.json()["errors"]] == ["name"] and again.json()["detail_zh"]

    same_login = await staff.post(
        "/v1/mediators",
        json={"organisation_id": organisation["id"], "name": "另一位调解员", "account": roster["account"]},
    )
    assert same_login.status_code == 409, same_login.text
    assert [e["field"] for e in same_login.json()["errors"]] == ["account"]


@pytest.mark.parametrize(
    ("ip_type", "number", "stored"),
    [
        ("invention_patent", "ZL202310000001.X", None),  # the README's old example: the check character is 5
        ("invention_patent", "ZL20231000001.5", None),  # 11 digits
        ("utility_model", "ZL202340000001.5", None),  # type digit 4
        ("invention_patent", "zl 2023 1 0000001.5", "ZL202310000001.5"),
        ("trademark", "第ABC号", None),
        ("trademark", "第12345678号", "第12345678号"),
    ],
)
async def test_a_right_number_the_law_shapes_is_checked(
    mediation: RunningService, ip_type: str, number: str, stored: str | None
) -> None:
    body = court_assignment_body(ip_type=ip_type, right_number=number)
    response = await court_client(mediation).post("/v1/court-assignments", json=body)
    if stored is None:
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] == "right_number"
    else:
        assert response.status_code == 201, response.text
        assert response.json()["right_number"] == stored


async def test_control_characters_and_search_wildcards_are_no_server_error(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    staff = staff_client(mediation)
    case = await court_case_in_mediation(mediation, roster)
    assert (await staff.get("/v1/cases", params={"origin_id": "\x00"})).status_code == 422
    for term in ("%", "_", "\\", "%25\\"):
        found = await staff.get("/v1/cases", params={"origin_id": term, "state": term})
        assert found.status_code == 200 and found.json()["items"] == [], term
    nul = await staff.post(
        f"/v1/cases/{case['id']}/termination", json={"ground": "other", "explanation": "a\x00b"}
    )
    assert nul.status_code == 422 and nul.json()["errors"][0]["field"] == "explanation"
    assert (await staff.get(f"/v1/cases/{case['id']}")).json()["state"] == "IN_MEDIATION"


async def test_a_signature_dated_months_before_the_case_is_refused(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    """The issue: it was accepted, and the agreement's 30-day window lapsed at once."""
    case = await court_case_in_mediation(mediation, roster)
    staff = staff_client(mediation)
    assert (
        await staff.put(f"/v1/cases/{case['id']}/agreement", json=agreement_body(case))
    ).status_code == 200
    months_before = (dt.datetime.now(dt.UTC) - dt.timedelta(days=150)).isoformat()
    for party in case["parties"]:
        await staff.post(f"/v1/cases/{case['id']}/agreement/signatures", json={"party_id": party["id"]})
    refused = await staff.post(
        f"/v1/cases/{case['id']}/agreement/signatures", json={"manner": "seal", "signed_at": months_before}
    )
    assert refused.status_code == 422, refused.text
    assert [(e["field"], e["code"]) for e in refused.json()["errors"]] == [("signed_at", "before_case")]
    after = (await staff.get(f"/v1/cases/{case['id']}")).json()
    assert after["state"] == "IN_MEDIATION" and "confirmation_window" not in after["deadlines"]


async def test_steps_reads_refusals_and_roster_changes_are_on_the_audit_trail(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case = await court_case_in_mediation(mediation, roster)
    mediator = mediation.client(Role.MEDIATOR, subject=roster["account"], office="330100")
    assert (await mediator.get(f"/v1/cases/{case['id']}")).status_code == 200
    stranger = mediation.client(Role.MEDIATOR, subject="mediator-curious")
    assert (await stranger.get(f"/v1/cases/{case['id']}")).status_code == 403

    auditor = mediation.client(Role.AUDITOR, subject="auditor-1")
    trail = (await auditor.get("/v1/audit-trail", params={"object_id": case["id"], "limit": 500})).json()[
        "items"
    ]
    entries = {(e["action"], e["outcome"], e["actor"]) for e in trail}
    assert ("mediation.court_assignment.receive", "succeeded", "ZJ-HZ-SC") in entries
    assert ("mediation.mediator.assign", "succeeded", "staff-1") in entries
    assert ("mediation.assignment.confirm", "succeeded", roster["account"]) in entries
    assert ("mediation.case.read", "read", roster["account"]) in entries
    confirmed = next(e for e in trail if e["action"] == "mediation.assignment.confirm")
    assert confirmed["roles"] == ["mediator"] and confirmed["object_type"] == "mediation_case"

    refused = (await auditor.get("/v1/audit-trail", params={"actor": "mediator-curious"})).json()["items"]
    assert [(e["action"], e["outcome"]) for e in refused] == [("mediation.case.read", "denied")]
    assert refused[0]["details"]["code"] == "object_denied"

    registered = (
        await auditor.get("/v1/audit-trail", params={"object_id": roster["mediator"]["id"], "limit": 500})
    ).json()["items"]
    assert [(e["action"], e["object_type"]) for e in registered][:1] == [
        ("mediation.roster.register_mediator", "mediator")
    ]
    assert uuid.UUID(registered[0]["object_id"]) == uuid.UUID(roster["mediator"]["id"])


async def test_an_audit_cursor_past_the_bigint_range_is_a_422(mediation: RunningService) -> None:
    # found by fuzzing: after=1.8e20 reached PostgreSQL as a 500
    auditor = mediation.client(Role.AUDITOR, subject="auditor-cursor")
    response = await auditor.get("/v1/audit-trail", params={"after": 182842958774117957632})
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["field"] == "query.after"
    assert (await auditor.get("/v1/audit-trail", params={"after": 2**63 - 1})).status_code == 200


async def test_admin_is_no_super_role_it_cannot_read_the_audit_trail(mediation: RunningService) -> None:
    admin = mediation.client(Role.ADMIN, subject="admin-1")
    response = await admin.get("/v1/audit-trail")
    assert response.status_code == 403, response.text
    assert (await mediation.client(Role.AUDITOR).get("/v1/audit-trail")).status_code == 200
