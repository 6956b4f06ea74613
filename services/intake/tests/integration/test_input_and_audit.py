"""Input hygiene (issue 13) and the audit trail (issue 12) on intake's real routes.

Each test is the regression test of one finding: control characters, search terms, identifiers,
the notarisation delay step, dates before their object, the registry import; then the trail.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import httpx
import pytest

from intake.testing import complaint_body
from shared.identity.principals import Role
from shared.testing.refs import random_name
from shared.testing.services import RunningService

README_EXAMPLE = "ZL202310000001.X"  # the README's example had a wrong check character
CORRECTED = "ZL202310000001.5"  # weights 2-9,2-5 over 202310000001: sum mod 11 = 5


def fields(response: httpx.Response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


async def test_control_characters_are_refused_naming_the_field(intake: RunningService) -> None:
    client = intake.client(Role.STAFF)
    nul_query = await client.get("/v1/complaints", params={"q": "\x00"})
    assert nul_query.status_code == 422 and fields(nul_query) == ["query.q"]
    nul_body = await client.post("/v1/complaints", json=complaint_body(facts="事实\x00陈述"))
    assert nul_body.status_code == 422 and fields(nul_body) == ["facts"]
    step = await client.post(
        f"/v1/ecommerce-notices/{'0' * 8}-0000-0000-0000-{'0' * 12}/steps",
        json={"step": "publish", "note": "\x07"},
    )
    assert step.status_code == 422 and fields(step) == ["note"]


@pytest.mark.parametrize("term", ["abc\\", "%", "_", "\\%", "TS2026-" + "9" * 30, "TS2026-１２"])
async def test_search_terms_are_literal_and_never_a_server_error(intake: RunningService, term: str) -> None:
    page = await intake.client(Role.STAFF).get("/v1/complaints", params={"q": term})
    assert page.status_code == 200, page.text


async def test_a_listing_id_with_wildcards_matches_only_itself(intake: RunningService) -> None:
    client = intake.client(Role.STAFF)
    mine = await client.post(
        "/v1/complaints", json=complaint_body(listings=[{"platform": "taobao", "listing_id": "A_1%"}])
    )
    other = await client.post(
        "/v1/complaints", json=complaint_body(listings=[{"platform": "taobao", "listing_id": "AB1x"}])
    )
    found = {i["id"] for i in (await client.get("/v1/complaints", params={"q": "A_1%"})).json()["items"]}
    assert mine.json()["id"] in found and other.json()["id"] not in found


async def test_patent_numbers_need_their_check_character(intake: RunningService) -> None:
    client = intake.client(Role.STAFF)
    wrong = await client.post("/v1/complaints", json=complaint_body(right_number=README_EXAMPLE))
    assert wrong.status_code == 422 and fields(wrong) == ["right_number"]
    assert "check character should be 5" in wrong.json()["errors"][0]["message_en"]
    too_short = await client.post(
        "/v1/complaints", json=complaint_body(right_number=None, rights=[{"number": "ZL2023100001.5"}])
    )
    assert too_short.status_code == 422 and fields(too_short) == ["rights.0.number"]
    assert (
        await client.post("/v1/complaints", json=complaint_body(right_number=CORRECTED))
    ).status_code == 201
    old_wrong = await client.post("/v1/complaints", json=complaint_body(right_number="ZL99100001.X"))
    assert old_wrong.status_code == 422 and "should be 3" in old_wrong.json()["errors"][0]["message_en"]
    old_form = await client.post("/v1/complaints", json=complaint_body(right_number="ZL99100001.3"))
    assert old_form.status_code == 201, old_form.text  # the 8-digit numbers before October 2003
    trademark = complaint_body(ip_type="trademark", right_number="TM 12345678")
    assert (await client.post("/v1/complaints", json=trademark)).status_code == 201
    not_a_mark = await client.post(
        "/v1/complaints", json=complaint_body(ip_type="trademark", right_number="TM-A1")
    )
    assert not_a_mark.status_code == 422 and fields(not_a_mark) == ["right_number"]
    registry = await client.put(
        f"/v1/rights/invention_patent/{README_EXAMPLE}", json={"holder_name": "某公司"}
    )
    assert registry.status_code == 422 and fields(registry) == ["path.number"]


async def walk_to_the_wait(client: httpx.AsyncClient) -> str:
    complaint = (await client.post("/v1/complaints", json=complaint_body())).json()
    created = await client.post(
        f"/v1/complaints/{complaint['id']}/ecommerce-notices",
        json={
            "platform": "taobao",
            "listing_ids": ["1"],
            "seller": "某网店",
            "notice_at": "2026-09-01T09:00:00+08:00",
        },
    )
    steps = f"/v1/ecommerce-notices/{created.json()['id']}/steps"
    for step in ("take_measures", "forward_to_seller", "counter_notice"):
        assert (await client.post(steps, json={"step": step})).status_code == 200
    forwarded = await client.post(
        steps, json={"step": "forward_to_holder", "arrival_at": dt.datetime.now(dt.UTC).isoformat()}
    )
    assert forwarded.json()["status"] == "WAITING_15D", forwarded.text
    return steps


async def test_the_notarisation_delay_step_answers_and_never_fails(intake: RunningService) -> None:
    """It was an ``assert`` (a 500); now a documented delay extends the wait, anything else is a 4xx."""
    client = intake.client(Role.STAFF)
    steps = await walk_to_the_wait(client)
    missing = await client.post(steps, json={"step": "notarisation_delay"})
    assert missing.status_code == 422 and fields(missing) == ["working_days"]
    over_the_cap = await client.post(steps, json={"step": "notarisation_delay", "working_days": 99})
    assert over_the_cap.status_code == 422 and fields(over_the_cap) == ["working_days"]
    without_a_note = await client.post(steps, json={"step": "notarisation_delay", "working_days": 5})
    assert without_a_note.status_code == 200, without_a_note.text
    assert without_a_note.json()["extension_wd_claimed"] == 5
    again = await client.post(
        steps, json={"step": "notarisation_delay", "working_days": 3, "note": "补正公证"}
    )
    assert again.status_code < 500, again.text


async def test_a_step_cannot_be_dated_before_the_notice_it_belongs_to(intake: RunningService) -> None:
    client = intake.client(Role.STAFF)
    complaint = (await client.post("/v1/complaints", json=complaint_body())).json()
    created = await client.post(
        f"/v1/complaints/{complaint['id']}/ecommerce-notices",
        json={
            "platform": "jd",
            "listing_ids": ["1"],
            "seller": "某网店",
            "notice_at": "2026-09-01T09:00:00+08:00",
        },
    )
    steps = f"/v1/ecommerce-notices/{created.json()['id']}/steps"
    early = await client.post(steps, json={"step": "take_measures", "at": "2026-08-31T09:00:00+08:00"})
    assert early.status_code == 422 and fields(early) == ["at"]
    assert "不能早于" in early.json()["errors"][0]["message_zh"]
    for step in ("take_measures", "forward_to_seller", "counter_notice"):
        assert (
            await client.post(steps, json={"step": step, "at": "2026-09-05T09:00:00+08:00"})
        ).status_code == 200
    arrived_before_sent = await client.post(
        steps,
        json={
            "step": "forward_to_holder",
            "at": "2026-09-10T09:00:00+08:00",
            "arrival_at": "2026-09-09T09:00:00+08:00",
        },
    )
    assert arrived_before_sent.status_code == 422 and fields(arrived_before_sent) == ["arrival_at"]


async def test_registry_import_rows_with_control_characters_or_bad_numbers_are_reported_not_fatal(
    intake: RunningService,
) -> None:
    client = intake.client(Role.STAFF)
    rows = [
        {"ip_type": "invention_patent", "number": CORRECTED, "holder_name": "某某公司"},
        {"ip_type": "invention_patent", "number": README_EXAMPLE, "holder_name": "某某公司"},
        {"ip_type": "design", "number": CORRECTED, "holder_name": "某\x00公司"},
        {"ip_type": "trademark", "number": "12345", "holder_name": "商标权人", "title": "名\x1b称"},
    ]
    queued = await client.post(
        "/v1/rights/imports", files={"file": ("rights.json", json.dumps(rows).encode(), "application/json")}
    )
    assert queued.status_code == 202, queued.text
    assert await intake.container.importer.run_next()
    job = (await client.get(queued.headers["location"])).json()
    assert (job["status"], job["inserted"], job["failed_rows"]) == ("completed", 1, 3), job
    errors = (await client.get(f"{queued.headers['location']}/errors")).json()["items"]
    assert [(e["row_number"], e["field"]) for e in errors] == [(2, "row"), (3, "holder_name"), (4, "title")]

    exe = await client.post(
        "/v1/rights/imports", files={"file": ("rights.csv", b"MZ\x90\x00" + b"\x00" * 60, "text/csv")}
    )
    assert exe.status_code == 422 and fields(exe) == ["file"]


async def test_mutations_and_sensitive_reads_are_on_the_audit_trail(intake: RunningService) -> None:
    staff = intake.client(Role.STAFF, subject=random_name("staff-"), office="330106")
    created = await staff.post("/v1/complaints", json=complaint_body())
    complaint_id = created.json()["id"]
    assert (await staff.get(f"/v1/complaints/{complaint_id}")).status_code == 200
    assert (await staff.get(f"/v1/complaints/{complaint_id}/timeline")).status_code == 200
    outsider = intake.client(Role.STAFF, subject="outsider", office="510100")
    assert (await outsider.get(f"/v1/complaints/{complaint_id}")).status_code == 403
    await staff.put(
        "/v1/examiners/ex-audit", json={"name": "审计审查员", "centre": "330106", "interests": []}
    )

    auditor = intake.client(Role.AUDITOR)
    trail = await auditor.get("/v1/audit-trail", params={"object_id": complaint_id})
    assert trail.status_code == 200, trail.text
    entries: list[dict[str, Any]] = trail.json()["items"]
    seen = {(e["action"], e["outcome"], e["actor"]) for e in entries}
    subject = entries[0]["actor"]
    assert ("intake.complaint.register", "succeeded", subject) in seen
    assert ("intake.complaint.read", "read", subject) in seen
    assert ("intake.complaint.timeline", "read", subject) in seen
    assert all(e["office_code"] == "330106" for e in entries)
    denied = await auditor.get("/v1/audit-trail", params={"actor": "outsider", "outcome": "denied"})
    assert [e["action"] for e in denied.json()["items"]][-1:] == ["intake.complaint.read"]
    roster = await auditor.get("/v1/audit-trail", params={"object_id": "ex-audit"})
    assert [e["action"] for e in roster.json()["items"]] == ["intake.examiner.save"]
    assert (await staff.get("/v1/audit-trail")).status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {"received_from": "2026-01-01T00:00:00"},
        {"received_to": "9999-12-31T23:59:59+14:00"},
        {"received_from": "0001-01-01T00:00:00Z"},
        {"status": "'; DROP TABLE x; --", "track": "\\", "centre": "%_"},
        {"examiner_id": "x" * 5000},
    ],
)
async def test_list_filters_never_fail(intake: RunningService, params: dict[str, str]) -> None:
    page = await intake.client(Role.STAFF).get("/v1/complaints", params=params)
    assert page.status_code in (200, 422), page.text
    queue = await intake.client(Role.STAFF).get("/v1/queue", params={"track": "%", "centre": "\\"})
    assert queue.status_code == 200, queue.text
