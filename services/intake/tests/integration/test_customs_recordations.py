"""Recordations over the API: approval, renewal window, lapse, and the GACC bulk import's row report."""

from __future__ import annotations

import json

from shared.identity.principals import PrincipalKind
from shared.testing.refs import random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.web.auth import Role


def a_recordation(record_no: str, **overrides: object) -> dict[str, object]:
    return {
        "record_no": record_no,
        "ip_type": "trademark",
        "ip_reg_no": "TM-1234567",
        "holder_name": "杭州某某科技有限公司",
        "holder_credit_code": random_uscc(),
        "approved_on": "2026-03-02",
        "licensees": [{"name": "宁波某公司", "kind": "exclusive"}],
        "known_infringers": [{"name": "某某贸易有限公司", "role": "exporter", "ports": ["5100"]}],
        **overrides,
    }


async def test_gacc_approves_renews_and_a_recordation_lapses(intake: RunningService) -> None:
    gacc = intake.client(Role.CUSTOMS, subject="gacc", kind=PrincipalKind.CUSTOMS, partner="0000")
    staff = intake.client(Role.STAFF)
    approved = await gacc.post("/v1/customs/recordations", json=a_recordation("T2026-00042"))
    assert approved.status_code == 201, approved.text
    record = approved.json()
    assert (record["expires_on"], record["renewal_window_opens_on"]) == ("2036-03-03", "2035-09-03")
    assert {c["key"] for c in record["clocks"]} == {"renewal_window", "recordation_expiry"}

    early = await gacc.post("/v1/customs/recordations/T2026-00042/renewal", json={"renewed_on": "2035-09-02"})
    assert early.status_code == 409 and early.json()["code"] == "recordation_rule_broken"
    renewed = await gacc.post(
        "/v1/customs/recordations/T2026-00042/renewal", json={"renewed_on": "2035-12-01"}
    )
    assert renewed.status_code == 200 and renewed.json()["expires_on"] == "2046-03-05"

    lapsed = await staff.post(
        "/v1/customs/recordations/T2026-00042/lapse",
        json={"reason": "right_ended", "note": "trademark cancelled"},
    )
    assert lapsed.json()["status"] == "LAPSED"
    assert (await staff.get("/v1/customs/recordations/T2026-00042")).json()["lapse_reason"] == "right_ended"
    assert (await staff.get("/v1/customs/recordations/nope")).status_code == 404


async def test_the_bulk_import_reports_bad_rows_and_imports_the_good_ones(intake: RunningService) -> None:
    admin = intake.client(Role.ADMIN)
    code = random_uscc()
    csv_text = (
        "record_no,ip_type,ip_reg_no,holder_name,holder_credit_code,approved_on,expires_on,licensees,known_infringers\n"
        f"C2026-1,invention_patent,ZL1,甲公司,{code},2026-01-05,,乙公司||exclusive,丙公司\n"
        "C2026-2,domain_name,x,甲公司,,2026-01-05,,,\n"
        "C2026-3,trademark,TM9,甲公司,,not-a-date,,,\n"
        f"C2026-1,invention_patent,ZL1,甲公司,{code},2026-01-05,,,\n"
    )
    first = await admin.post(
        "/v1/customs/recordations/imports", files={"file": ("gacc.csv", csv_text.encode(), "text/csv")}
    )
    assert first.status_code == 200, first.text
    report = first.json()
    assert (report["rows"], report["imported"], report["already_present"]) == (4, 1, 0)
    assert [(e["row"], e["record_no"]) for e in report["errors"]] == [
        (2, "C2026-2"),
        (3, "C2026-3"),
        (4, "C2026-1"),
    ]
    assert "ip_type" in report["errors"][0]["errors"][0] and "approved_on" in report["errors"][1]["errors"][0]
    record = (await admin.get("/v1/customs/recordations/C2026-1")).json()
    assert record["licensees"][0] == {"name": "乙公司", "credit_code": None, "kind": "exclusive"}

    again = await admin.post(
        "/v1/customs/recordations/imports",
        files={
            "file": ("gacc.json", json.dumps([a_recordation("C2026-1"), a_recordation("C2026-4")]).encode())
        },
    )
    assert (again.json()["imported"], again.json()["already_present"]) == (1, 1)
    wrong = await admin.post(
        "/v1/customs/recordations/imports", content=b"x", headers={"content-type": "text/xml"}
    )
    assert wrong.status_code == 415
    not_list = await admin.post(
        "/v1/customs/recordations/imports", files={"file": ("gacc.json", b'{"a": 1}')}
    )
    assert not_list.status_code == 422


async def test_a_recordation_lapses_when_its_right_is_invalidated_in_the_registry(
    intake: RunningService,
) -> None:
    staff = intake.client(Role.STAFF)
    number = random_patent_number()
    saved = await staff.put(
        f"/v1/rights/invention_patent/{number}", json={"holder_name": "杭州某某科技有限公司"}
    )
    assert saved.status_code == 200, saved.text
    body = a_recordation("P2026-LAPSE", ip_type="invention_patent", ip_reg_no=number)
    assert (await staff.post("/v1/customs/recordations", json=body)).status_code == 201
    changed = await staff.post(
        f"/v1/rights/invention_patent/{number}/status",
        json={"status": "invalidated", "effective_date": "2026-09-01", "reason": "宣告无效决定第 1 号"},
    )
    assert changed.status_code == 200, changed.text
    record = (await staff.get("/v1/customs/recordations/P2026-LAPSE")).json()
    assert (record["status"], record["lapse_reason"]) == ("LAPSED", "right_ended")


async def test_a_change_must_be_reported_within_30_working_days(intake: RunningService) -> None:
    staff = intake.client(Role.STAFF)
    assert (await staff.post("/v1/customs/recordations", json=a_recordation("T2026-CHG"))).status_code == 201
    changed = await staff.post(
        "/v1/customs/recordations/T2026-CHG/changes", json={"what": "ownership", "changed_on": "2026-09-14"}
    )
    assert changed.status_code == 200, changed.text
    duty = {c["key"]: c for c in changed.json()["clocks"]}["change_report"]
    assert (duty["due"], duty["status"]) == ("2026-10-30", "running")  # across Mid-Autumn and National Day
    assert "art. 11" in duty["explanation"]
    reported = await staff.post(
        "/v1/customs/recordations/T2026-CHG/changes/reported",
        json={"reported_on": "2026-10-20", "holder_name": "新权利人有限公司"},
    )
    record = reported.json()
    assert record["holder_name"] == "新权利人有限公司"
    assert {c["key"]: c["status"] for c in record["clocks"]}["change_report"] == "met"


async def test_a_number_longer_than_any_recordation_is_refused_not_cut_to_another(
    intake: RunningService,
) -> None:
    """Cut to 200 characters, a longer number would name the recordation whose number is its start."""
    gacc = intake.client(Role.CUSTOMS, subject="gacc", kind=PrincipalKind.CUSTOMS, partner="0000")
    number = "L" + random_patent_number().replace(".", "") + "X" * 200
    approved = await gacc.post("/v1/customs/recordations", json=a_recordation(number[:200]))
    assert approved.status_code == 201, approved.text

    for response, field in (
        (await gacc.get(f"/v1/customs/recordations/{number}"), "path.record_no"),
        (
            await gacc.post(f"/v1/customs/recordations/{number}/renewal", json={"renewed_on": "2035-12-01"}),
            "path.record_no",
        ),
        (
            await gacc.post(f"/v1/customs/detentions/by-ref/{number}/steps", json={"step": "detained"}),
            "path.customs_ref",
        ),
    ):
        assert response.status_code == 422, response.text
        assert response.headers["content-type"].startswith("application/problem+json")
        assert field in [error["field"] for error in response.json()["errors"]]
