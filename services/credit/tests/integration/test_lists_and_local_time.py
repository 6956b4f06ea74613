"""Issue 17 at credit: the record list sorts (stable), counts and polls by ``updated_since``; a record
shows its instants in +08:00."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from shared.testing.services import RunningService
from shared.web.auth import Role

LOCAL = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$")


async def test_the_record_list_counts_sorts_and_polls(
    credit: RunningService, entry: Callable[..., dict[str, Any]]
) -> None:
    staff = credit.client(Role.STAFF, subject="staff-7")
    before = (await staff.get("/v1/records", params={"limit": 1})).json()
    first = (await staff.post("/v1/records", json=entry())).json()
    second = (await staff.post("/v1/records", json=entry())).json()
    mine = {first["record_id"], second["record_id"]}

    since = {"updated_since": before["as_of"], "limit": 500}
    oldest = (await staff.get("/v1/records", params={**since, "sort": "created_at"})).json()
    newest = (await staff.get("/v1/records", params=since)).json()
    order = [r["record_id"] for r in oldest["items"] if r["record_id"] in mine]

    assert order == [first["record_id"], second["record_id"]]
    assert [r["record_id"] for r in newest["items"] if r["record_id"] in mine] == order[::-1]
    assert oldest["total"] == len(oldest["items"]) >= 2 and oldest["sort"] == "created_at"
    assert all(LOCAL.match(r["created_at"]) and LOCAL.match(r["updated_at"]) for r in oldest["items"])
    later = (await staff.get("/v1/records", params={"updated_since": "2999-01-01T00:00:00+08:00"})).json()
    assert (later["total"], later["items"]) == (0, [])
    assert (await staff.get("/v1/records", params={"sort": "finding"})).status_code == 422
    assert (
        await staff.get("/v1/records", params={"updated_since": "2026-01-01T00:00:00"})
    ).status_code == 422


async def test_a_record_names_its_possible_steps_in_chinese(
    credit: RunningService, entry: Callable[..., dict[str, Any]]
) -> None:
    record = (await credit.client(Role.STAFF).post("/v1/records", json=entry())).json()

    assert record["allowed_steps"] == ["NOTICE_OF_PROPOSED_LISTING", "NOT_LISTED", "REVOKED"]
    assert record["allowed_steps_zh"] == ["已告知拟列入", "不予列入", "已撤销"]
    assert all(LOCAL.match(h["at"]) for h in record["history"]), record["history"]
