"""Bulk complaint import: every row by the API's rules, a per-row error report, no row imported twice."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from intake.domain.complaint_imports import row_key
from intake.entrypoints.schemas.complaints import ComplaintCreate
from intake.handlers.complaint_import import ImportRow, RowsTaken, import_complaints
from intake.testing import complaint_body
from intake.unit_of_work import ImportBatchUnitOfWork
from shared.cli import app
from shared.domain.actors import Actor
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.waiting import eventually
from shared.web.auth import Role

OFFICE = "330106"


def _jsonl(rows: list[Any]) -> bytes:
    return "".join(
        (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows
    ).encode()


async def _import(intake: Any, client: Any, name: str, content: bytes) -> dict[str, Any]:
    queued = await client.post("/v1/complaint-imports", files={"file": (name, content, "text/plain")})
    assert queued.status_code == 202, queued.text
    assert queued.json()["status"] == "pending"
    while await intake.container.complaint_importer.run_next():
        pass
    job: dict[str, Any] = (await client.get(queued.headers["location"])).json()
    return job


async def _complaints_of(client: Any, complainant: str) -> list[dict[str, Any]]:
    page = (await client.get("/v1/complaints", params={"q": complainant, "limit": 200})).json()
    items: list[dict[str, Any]] = page["items"]
    return items


async def test_each_row_is_registered_by_the_api_rules_and_the_refused_rows_are_reported(
    start_intake: Any,
) -> None:
    intake = await start_intake()
    staff = intake.client(Role.STAFF, subject="importer-1", office=OFFICE)
    complainant = random_name("导入权利人")
    good = [complaint_body(complainant={"kind": "organisation", "name": complainant}) for _ in range(3)]
    rows: list[Any] = [
        good[0],
        complaint_body(right_number="ZL202310000001.4"),  # row 2: wrong check character (domain rule)
        {k: v for k, v in good[1].items() if k != "facts"},  # row 3: facts missing (schema)
        complaint_body(facts="事实\u0000"),  # row 4: a NUL (the input policy)
        "{not json",  # row 5
        complaint_body(channel="trade_fair"),  # row 6: triaged to a trade fair it does not name
        good[1],
        good[2],
    ]

    job = await _import(intake, staff, "legacy.jsonl", _jsonl(rows))

    assert (job["status"], job["total_rows"], job["processed_rows"], job["percent"]) == (
        "completed",
        8,
        8,
        100.0,
    )
    assert (job["imported"], job["skipped"], job["failed_rows"], job["office_code"]) == (3, 0, 5, OFFICE)
    report = await staff.get(f"/v1/complaint-imports/{job['id']}/errors")
    assert report.headers["content-type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(report.text)))
    assert lines[0] == ["row_number", "field", "message"]
    assert [(row, field) for row, field, _ in lines[1:]] == [
        ("2", "right_number"),
        ("3", "facts"),
        ("4", "facts"),
        ("5", "row"),
        ("6", "trade_fair"),
    ]
    imported = await _complaints_of(staff, complainant)
    assert len(imported) == 3
    assert {c["channel"] for c in imported} == {"bulk_import"}
    assert {c["office_code"] for c in imported} == {OFFICE}
    assert {c["status"] for c in imported} == {"ROUTED"}


async def test_importing_a_file_again_registers_nothing_twice(start_intake: Any) -> None:
    intake = await start_intake(complaint_import_batch_size=2)
    staff = intake.client(Role.STAFF, office=OFFICE)
    complainant = random_name("重复导入")
    rows = [complaint_body(complainant={"kind": "organisation", "name": complainant}) for _ in range(3)]
    content = _jsonl([*rows, rows[0]])  # the first row again, in the same file

    first = await _import(intake, staff, "a.jsonl", content)
    again = await _import(intake, staff, "a-again.ndjson", content)

    assert (first["imported"], first["skipped"]) == (3, 1)
    assert (again["imported"], again["skipped"], again["failed_rows"]) == (0, 4, 0)
    assert len(await _complaints_of(staff, complainant)) == 3


async def test_an_interrupted_import_resumes_after_its_last_committed_batch(start_intake: Any) -> None:
    intake = await start_intake(complaint_import_batch_size=2)
    staff = intake.client(Role.STAFF, office=OFFICE)
    complainant = random_name("续传")
    rows = [complaint_body(complainant={"kind": "organisation", "name": complainant}) for _ in range(5)]
    queued = await staff.post(
        "/v1/complaint-imports", files={"file": ("r.jsonl", _jsonl(rows), "text/plain")}
    )
    stop = asyncio.Event()
    stop.set()  # the worker is stopping: it ends after the batch it is in

    assert await intake.container.complaint_importer.run_next(stop)
    halfway = (await staff.get(queued.headers["location"])).json()
    assert await intake.container.complaint_importer.run_next()
    done = (await staff.get(queued.headers["location"])).json()

    assert (halfway["status"], halfway["processed_rows"], halfway["percent"]) == ("running", 2, 40.0)
    assert (done["status"], done["imported"], done["skipped"]) == ("completed", 5, 0)
    assert len(await _complaints_of(staff, complainant)) == 5


async def test_a_csv_import_nests_dotted_columns_and_checks_duplicates_within_the_batch(
    start_intake: Any,
) -> None:
    intake = await start_intake()
    staff = intake.client(Role.STAFF, office=OFFICE)
    complainant, code, respondent = random_name("CSV权利人"), random_uscc(), random_uscc()
    number = random_patent_number()
    header = (
        "ip_type,right_number,complainant.kind,complainant.name,complainant.credit_code,"
        "respondents.0.kind,respondents.0.name,respondents.0.credit_code,facts,alleged_acts\n"
    )
    row = f"invention_patent,{number},organisation,{complainant},{code},organisation,某贸易公司,{respondent},"
    content = header + row + "销售侵权产品,offer_to_sell;sell\n" + row + "另一次销售,sell\n"

    job = await _import(intake, staff, "legacy.csv", content.encode())

    assert (job["imported"], job["failed_rows"]) == (2, 0), job
    statuses = sorted(c["status"] for c in await _complaints_of(staff, complainant))
    assert statuses == ["DUPLICATE", "ROUTED"]


async def test_a_platform_batch_comes_in_through_the_platform_channel(start_intake: Any) -> None:
    intake = await start_intake()
    staff = intake.client(Role.STAFF, office=OFFICE)
    complainant = random_name("平台批量")
    batch = {
        "platform": "taobao",
        "batch_id": "TB-2026-0001",
        "complaints": [complaint_body(complainant={"kind": "organisation", "name": complainant})],
    }

    job = await _import(intake, staff, "batch.json", json.dumps(batch, ensure_ascii=False).encode())

    assert job["imported"] == 1, job
    [complaint] = await _complaints_of(staff, complainant)
    full = (await staff.get(f"/v1/complaints/{complaint['id']}")).json()
    assert (full["channel"], full["channel_ref"]) == ("ecommerce_platform", "TB-2026-0001/1")


async def test_an_import_belongs_to_its_office(start_intake: Any) -> None:
    intake = await start_intake()
    staff = intake.client(Role.STAFF, office=OFFICE)
    job = await _import(intake, staff, "one.jsonl", _jsonl([complaint_body()]))
    elsewhere = intake.client(Role.STAFF, office="440305")
    head_of_office = intake.client(Role.OFFICE_HEAD, office=OFFICE)
    province = intake.client(Role.OFFICE_HEAD, office="330000")

    assert (await elsewhere.get(f"/v1/complaint-imports/{job['id']}")).status_code == 403
    assert (await elsewhere.get(f"/v1/complaint-imports/{job['id']}/errors")).status_code == 403
    assert (await head_of_office.get(f"/v1/complaint-imports/{job['id']}")).status_code == 200
    assert (await province.get(f"/v1/complaint-imports/{job['id']}")).status_code == 200
    refused = await staff.post(
        "/v1/complaint-imports", files={"file": ("x.xlsx", b"PK\x03\x04", "text/plain")}
    )
    assert refused.status_code == 422


async def test_the_command_line_imports_a_file_as_its_token_and_writes_the_error_report(
    start_intake: Any, tmp_path: Path
) -> None:
    intake = await start_intake(run_workers=True)
    staff = intake.client(Role.STAFF, office=OFFICE)
    complainant = random_name("命令行导入")
    source = tmp_path / "legacy.jsonl"
    source.write_bytes(
        _jsonl([complaint_body(complainant={"kind": "organisation", "name": complainant}), {"ip_type": "x"}])
    )
    token = tmp_path / "token"
    token.write_text(intake.token(Role.STAFF, subject="cli-user", office=OFFICE))
    report = tmp_path / "errors.csv"
    arguments = ["import", "complaints", str(source), "--token-file", str(token), "--url", intake.base_url]

    result = await asyncio.to_thread(CliRunner().invoke, app, [*arguments, "--errors-to", str(report)])

    assert result.exit_code == 0, result.output
    assert "completed: 1 imported, 0 already imported, 1 refused of 2 rows" in result.output
    assert report.read_text().splitlines()[0] == "row_number,field,message"
    assert {line.split(",")[0] for line in report.read_text().splitlines()[1:]} == {"2"}
    [complaint] = await _complaints_of(staff, complainant)
    assert complaint["office_code"] == OFFICE


async def test_two_jobs_importing_the_same_rows_at_once_register_them_once(start_intake: Any) -> None:
    intake = await start_intake()
    container = intake.container
    factory = container.platform.uow_factory(ImportBatchUnitOfWork)
    actor = Actor("staff", "importer-1")
    bodies = [complaint_body() for _ in range(2)]
    rows = [
        ImportRow(
            number=n,
            key=row_key(OFFICE, body),
            command=ComplaintCreate.model_validate(body).to_command(actor, None, office_code=OFFICE),
        )
        for n, body in enumerate(bodies, start=1)
    ]

    async def run(uow: ImportBatchUnitOfWork, job: uuid.UUID) -> None:
        await import_complaints(rows, job, uow, container.clock, container.rules)
        await uow.commit()

    async with factory() as first, factory() as second:
        await import_complaints(rows, uuid.uuid4(), first, container.clock, container.rules)
        racing = asyncio.create_task(run(second, uuid.uuid4()))

        async def second_waits_on_the_first() -> bool:
            async with container.platform.sessions() as session:
                waiting = await session.scalar(
                    text(
                        "SELECT count(*) FROM pg_stat_activity"
                        " WHERE wait_event_type = 'Lock' AND datname = current_database()"
                    )
                )
            return bool(waiting)

        await eventually(second_waits_on_the_first, what="the second job to wait on the first's row keys")
        await first.commit()
        with pytest.raises(RowsTaken):
            await racing
    async with factory() as again:
        outcome = await import_complaints(rows, uuid.uuid4(), again, container.clock, container.rules)
    assert (outcome.imported, outcome.skipped) == (0, 2)


async def test_an_imported_complaint_reads_back_as_the_api_would_have_registered_it(
    start_intake: Any,
) -> None:
    """The batch writes complaints, match keys and case record with COPY: what staff read back (the
    complaint, its timeline, its search text, its duplicate link to a complaint registered earlier
    through the API, in another batch) is what ``POST /v1/complaints`` makes."""
    intake = await start_intake(complaint_import_batch_size=2)
    staff = intake.client(Role.STAFF, office=OFFICE)
    complainant = random_name("逐字导入")
    body = complaint_body(
        complainant={"kind": "organisation", "name": complainant, "credit_code": random_uscc()}
    )
    posted = await staff.post("/v1/complaints", json=body)
    assert posted.status_code == 201, posted.text
    by_api = posted.json()
    twin = complaint_body(
        complainant={"kind": "organisation", "name": complainant, "credit_code": random_uscc()}
    )
    rows = [twin, complaint_body(), {**body, "facts": "再次投诉：同一权利、同一当事人"}]

    job = await _import(intake, staff, "twin.jsonl", _jsonl(rows))

    assert (job["imported"], job["failed_rows"]) == (3, 0), job
    found = {c["id"]: c for c in await _complaints_of(staff, complainant)}  # the search text is written
    assert len(found) == 3
    imported = [c for cid, c in found.items() if cid != by_api["id"]]
    again = next(c for c in imported if c["status"] == "DUPLICATE")
    fresh = next(c for c in imported if c["status"] != "DUPLICATE")
    one = (await staff.get(f"/v1/complaints/{fresh['id']}")).json()
    assert one["link"] is None and by_api["link"] is None
    assert set(one) == set(by_api)
    for field in ("status", "track", "ip_type", "requested_procedure", "office_code", "verification"):
        assert one.get(field) == by_api.get(field), field
    assert one["channel"] == "bulk_import"
    duplicate = (await staff.get(f"/v1/complaints/{again['id']}")).json()
    assert (duplicate["link"]["complaint_id"], duplicate["link"]["relation"]) == (by_api["id"], "duplicate")

    def actions(timeline: dict[str, Any]) -> list[str]:
        return [entry["name"] for entry in timeline["items"]]

    imported_timeline = (await staff.get(f"/v1/complaints/{fresh['id']}/timeline")).json()
    api_timeline = (await staff.get(f"/v1/complaints/{by_api['id']}/timeline")).json()
    assert actions(imported_timeline) == actions(api_timeline)
    assert [set(e) for e in imported_timeline["items"]] == [set(e) for e in api_timeline["items"]]
