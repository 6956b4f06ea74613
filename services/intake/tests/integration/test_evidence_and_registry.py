"""Evidence files (hash, limits, never half-saved) and the rights registry (verification, import job)."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

from intake.testing import complaint_body, published
from shared.identifiers import patent_check_character
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.waiting import eventually
from shared.web.auth import Role

PDF = b"%PDF-1.7\n" + b"evidence " * 100


def _files_under(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


async def test_evidence_is_stored_with_its_hash_and_can_be_downloaded(
    start_intake: Any, tmp_path: Path
) -> None:
    client = (await start_intake()).client(Role.STAFF)
    complaint = (await client.post("/v1/complaints", json=complaint_body())).json()
    url = f"/v1/complaints/{complaint['id']}/evidence"

    uploaded = await client.post(
        url,
        files={"file": ("公证书.pdf", PDF, "application/pdf")},
        data={"notarisation_ref": "(2026)浙杭证字第1号"},
    )

    assert uploaded.status_code == 201, uploaded.text
    item = uploaded.json()
    assert (item["sha256"], item["size_bytes"]) == (hashlib.sha256(PDF).hexdigest(), len(PDF))
    assert item["notarisation_ref"] == "(2026)浙杭证字第1号"
    content = await client.get(f"{url}/{item['id']}/content")
    assert content.content == PDF and content.headers["content-type"] == "application/pdf"
    assert [e["id"] for e in (await client.get(url)).json()["items"]] == [item["id"]]
    again = await client.post(url, files={"file": ("copy.pdf", PDF, "application/pdf")})
    assert again.status_code == 409
    assert len(_files_under(tmp_path / "evidence")) == 1


async def test_a_refused_upload_leaves_no_row_and_no_file(start_intake: Any, tmp_path: Path) -> None:
    client = (await start_intake(evidence_max_bytes=100)).client(Role.STAFF)
    complaint = (await client.post("/v1/complaints", json=complaint_body())).json()
    url = f"/v1/complaints/{complaint['id']}/evidence"

    too_big = await client.post(url, files={"file": ("big.pdf", PDF, "application/pdf")})
    wrong_type = await client.post(url, files={"file": ("x.exe", b"MZ...", "application/x-msdownload")})
    no_complaint = await client.post(
        "/v1/complaints/00000000-0000-0000-0000-000000000000/evidence",
        files={"file": ("a.txt", b"a", "text/plain")},
    )

    assert (too_big.status_code, too_big.json()["errors"][0]["code"]) == (422, "too_large")
    assert (wrong_type.status_code, wrong_type.json()["errors"][0]["code"]) == (422, "media_type")
    assert no_complaint.status_code == 404
    assert (await client.get(url)).json()["items"] == []
    assert _files_under(tmp_path / "evidence") == []


async def test_rights_are_verified_against_the_registry_and_status_changes_are_published(
    start_intake: Any, broker: Any
) -> None:
    client = (await start_intake(run_workers=True)).client(Role.STAFF)
    number, holder = (
        random_patent_number(),
        {"kind": "organisation", "name": random_name("权利人"), "credit_code": random_uscc()},
    )
    saved = await client.put(
        f"/v1/rights/invention_patent/{number}",
        json={
            "holder_name": holder["name"],
            "holder_credit_code": holder["credit_code"],
            "valid_until": "2040-01-01",
        },
    )
    assert saved.status_code == 200, saved.text

    verified = (
        await client.post("/v1/complaints", json=complaint_body(right_number=number, complainant=holder))
    ).json()
    stranger = {"kind": "organisation", "name": random_name("他人"), "credit_code": random_uscc()}
    mismatch = (
        await client.post("/v1/complaints", json=complaint_body(right_number=number, complainant=stranger))
    ).json()
    changed = await client.post(
        f"/v1/rights/invention_patent/{number}/status",
        json={"status": "invalidated", "effective_date": "2026-09-01", "reason": "宣告无效决定第 1 号"},
    )
    lapsed = (
        await client.post("/v1/complaints", json=complaint_body(right_number=number, complainant=holder))
    ).json()

    assert verified["rights"][0]["verification"]["status"] == "verified"
    assert verified["status"] == "ROUTED"
    assert mismatch["rights"][0]["verification"]["status"] == "holder_mismatch"
    assert mismatch["status"] == "CORRECTION_REQUESTED"
    assert changed.json()["status"] == "invalidated"
    assert lapsed["rights"][0]["verification"]["status"] == "lapsed"
    events = await published(
        broker.bootstrap_servers,
        "intake.ip_right",
        "intake.ip_right.status_changed",
        where={"new_status": "invalidated"},
    )
    mine = [e for e in events if e["right"]["number"] == number]
    assert mine and mine[0]["previous_status"] == "valid" and mine[0]["effective_date"] == "2026-09-01"


def _utility_model_number() -> str:
    digits = f"20232{uuid.uuid4().int % 10_000_000:07d}"
    return f"ZL{digits}.{patent_check_character(digits)}"


async def test_an_evaluation_report_is_recorded_once_readable_and_published(
    start_intake: Any, broker: Any
) -> None:
    client = (await start_intake(run_workers=True)).client(Role.STAFF)
    number, credit_code = _utility_model_number(), random_uscc()
    saved = await client.put(
        f"/v1/rights/utility_model/{number}",
        json={"holder_name": random_name("权利人"), "holder_credit_code": credit_code},
    )
    assert saved.status_code == 200, saved.text
    report = {"report_no": f"PJ-{uuid.uuid4().hex[:8]}", "conclusion": "no_defect", "issued_on": "2026-11-20"}

    created = await client.post(f"/v1/rights/utility_model/{number}/evaluation-reports", json=report)
    again = await client.post(f"/v1/rights/utility_model/{number}/evaluation-reports", json=report)
    invention = random_patent_number()
    await client.put(f"/v1/rights/invention_patent/{invention}", json={"holder_name": random_name("甲")})
    not_evaluated = await client.post(
        f"/v1/rights/invention_patent/{invention}/evaluation-reports", json=report
    )
    unknown = await client.post(
        f"/v1/rights/utility_model/{_utility_model_number()}/evaluation-reports", json=report
    )

    assert created.status_code == 201, created.text
    read = await client.get(created.headers["Location"])
    assert read.status_code == 200 and read.json() == created.json()
    assert created.json()["conclusion"] == "no_defect" and created.json()["recorded_at"].endswith("+08:00")
    assert again.status_code == 409 and again.headers["content-type"].startswith("application/problem+json")
    assert not_evaluated.status_code == 422, not_evaluated.text
    assert not_evaluated.json()["errors"][0]["field"] == "path.ip_type"
    assert unknown.status_code == 404
    events = await published(
        broker.bootstrap_servers,
        "intake.ip_right",
        "intake.ip_right.evaluation_reported",
        where={"report_no": report["report_no"]},
    )
    assert len(events) == 1
    assert events[0]["right"]["number"] == number and events[0]["conclusion"] == "no_defect"
    assert events[0]["issued_on"] == "2026-11-20" and events[0]["subject_ids"] == [credit_code]


async def test_a_bulk_import_reports_progress_and_each_bad_row(start_intake: Any) -> None:
    intake = await start_intake()
    client = intake.client(Role.STAFF)
    good = [random_patent_number() for _ in range(3)]
    csv_text = "ip_type,number,holder_name,holder_credit_code,status,valid_until,title,licensees\n"
    csv_text += "".join(f"invention_patent,{n},某某公司,,valid,2035-01-01,,甲公司||exclusive\n" for n in good)
    csv_text += "trademark,,无号公司,,,,,\n"  # row 4: number missing
    csv_text += "design,D1,某公司,91330100MA27XL1234,gone,not-a-date,,\n"  # row 5: three errors

    queued = await client.post(
        "/v1/rights/imports", files={"file": ("rights.csv", csv_text.encode(), "text/csv")}
    )
    assert queued.status_code == 202, queued.text
    assert queued.json()["status"] == "pending"
    assert await intake.container.importer.run_next()

    job = (await client.get(queued.headers["location"])).json()
    assert "total_rows" in job, job
    assert (job["status"], job["total_rows"], job["processed_rows"], job["progress"]) == (
        "completed",
        5,
        5,
        1.0,
    )
    assert (job["inserted"], job["failed_rows"]) == (3, 2)
    errors = (await client.get(f"{queued.headers['location']}/errors")).json()
    assert [(e["row_number"], e["field"]) for e in errors["items"]] == [
        (4, "number"),
        (5, "holder_credit_code"),
        (5, "status"),
        (5, "valid_until"),
    ]
    right = (await client.get(f"/v1/rights/invention_patent/{good[0]}")).json()
    assert right["licensees"] == [{"name": "甲公司", "credit_code": None, "kind": "exclusive"}]


async def test_a_json_import_updates_rights_and_announces_changed_statuses(
    start_intake: Any, broker: Any
) -> None:
    intake = await start_intake(run_workers=True, import_batch_size=2)
    client = intake.client(Role.STAFF)
    number = random_patent_number()
    await client.put(f"/v1/rights/invention_patent/{number}", json={"holder_name": "某某公司"})
    rows = [{"ip_type": "invention_patent", "number": number, "holder_name": "某某公司", "status": "lapsed"}]
    rows += [{"ip_type": "trademark", "number": str(n), "holder_name": "商标权人"} for n in range(3)]

    queued = await client.post(
        "/v1/rights/imports", files={"file": ("r.json", json.dumps(rows).encode(), "application/json")}
    )

    async def done() -> bool:
        status: str = (await client.get(queued.headers["location"])).json()["status"]
        return status == "completed"

    await eventually(done, what="the import job to finish")
    job = (await client.get(queued.headers["location"])).json()
    assert (job["total_rows"], job["status_changes"], job["failed_rows"]) == (4, 1, 0)
    events = await published(
        broker.bootstrap_servers,
        "intake.ip_right",
        "intake.ip_right.status_changed",
        where={"new_status": "lapsed"},
    )
    assert number in [e["right"]["number"] for e in events]


async def test_an_unreadable_import_fails_with_the_reason(start_intake: Any) -> None:
    intake = await start_intake()
    client = intake.client(Role.STAFF)
    queued = await client.post(
        "/v1/rights/imports", files={"file": ("r.csv", b"colour,size\nred,1\n", "text/csv")}
    )
    await intake.container.importer.run_next()

    job = (await client.get(queued.headers["location"])).json()
    assert job["status"] == "failed" and "ip_type" in job["error"]
    refused = await client.post(
        "/v1/rights/imports", files={"file": ("r.xlsx", b"PK", "application/octet-stream")}
    )
    assert refused.status_code == 422
