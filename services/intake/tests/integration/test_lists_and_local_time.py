"""Issue 17 at intake: lists with total, a stable sort and ``updated_since``; times in +08:00; Chinese
that reads as Chinese (timeline, refusals, enum errors) chosen by Accept-Language."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from intake.testing import complaint_body
from shared.testing.refs import random_name
from shared.testing.services import RunningService
from shared.web.auth import Role

UTC_FORM = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|\+00:00)$")
LOCAL_FORM = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$")


def instants(node: Any) -> list[str]:
    """Every string in a JSON document that looks like a date-time."""
    if isinstance(node, dict):
        return [s for value in node.values() for s in instants(value)]
    if isinstance(node, list):
        return [s for value in node for s in instants(value)]
    return [node] if isinstance(node, str) and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d", node) else []


async def test_the_complaint_list_counts_sorts_and_polls(intake: RunningService) -> None:
    client = intake.client(Role.STAFF)
    first = (await client.post("/v1/complaints", json=complaint_body())).json()
    second = (await client.post("/v1/complaints", json=complaint_body())).json()

    oldest_first = (await client.get("/v1/complaints", params={"sort": "received_at", "limit": 200})).json()
    newest_first = (await client.get("/v1/complaints", params={"limit": 200})).json()
    assert oldest_first["total"] == newest_first["total"] >= 2
    assert oldest_first["sort"] == "received_at" and newest_first["sort"] == "-received_at"
    ids_oldest = [c["id"] for c in oldest_first["items"]]
    assert ids_oldest.index(first["id"]) < ids_oldest.index(second["id"])
    assert [c["id"] for c in newest_first["items"]] == ids_oldest[::-1]

    as_of = newest_first["as_of"]
    assert LOCAL_FORM.match(as_of), as_of
    third = (await client.post("/v1/complaints", json=complaint_body())).json()
    polled = (await client.get("/v1/complaints", params={"updated_since": as_of, "limit": 200})).json()
    assert third["id"] in [c["id"] for c in polled["items"]]
    assert polled["total"] < newest_first["total"] + 1, "the complaints untouched since are left out"
    future = (
        await client.get("/v1/complaints", params={"updated_since": "2999-01-01T00:00:00+08:00"})
    ).json()
    assert (future["total"], future["items"]) == (0, [])

    naive = await client.get("/v1/complaints", params={"updated_since": "2026-12-11T09:00:00"})
    unknown_sort = await client.get("/v1/complaints", params={"sort": "facts"})
    assert naive.status_code == unknown_sort.status_code == 422


async def test_what_staff_read_is_in_local_time_and_chinese(intake: RunningService) -> None:
    client = intake.client(Role.STAFF)
    created = (await client.post("/v1/complaints", json=complaint_body())).json()
    complaint_id = created["id"]

    read = (await client.get(f"/v1/complaints/{complaint_id}")).json()
    timeline = (await client.get(f"/v1/complaints/{complaint_id}/timeline")).json()
    held = await client.post(
        "/v1/complaints",
        json=complaint_body(
            ip_type="utility_model", complainant={"kind": "organisation", "name": random_name()}
        ),
    )
    queue = (await client.get("/v1/queue")).json()
    (correction,) = [i for i in queue["items"] if i["complaint_id"] == held.json()["id"]]
    assert queue["total"] >= len(queue["items"]) >= 1
    for document in (created, read, timeline, queue):
        found = instants(document)
        assert found and not [s for s in found if UTC_FORM.match(s)], found
        assert all(LOCAL_FORM.match(s) for s in found), found

    summaries = [entry["summary_zh"] for entry in timeline["items"]]
    registered = next(s for s in summaries if s.startswith("投诉已登记"))
    assert registered == "投诉已登记（网上提交）", registered
    assert not [s for s in summaries if re.search(r"[a-z]+_[a-z]+|\b(online|unknown|verified)\b", s)], (
        summaries
    )
    # A day period's deadline is its legal date (the 24:00 it runs out at is the next local midnight).
    due_at = dt.datetime.fromisoformat(correction["due_at"])
    assert (due_at.hour, due_at.minute, due_at.utcoffset()) == (0, 0, dt.timedelta(hours=8))
    assert correction["due"] == (due_at.date() - dt.timedelta(days=1)).isoformat()


async def test_refusals_read_as_chinese_by_default_and_english_on_request(intake: RunningService) -> None:
    client = intake.client(Role.STAFF)
    bad = complaint_body()
    bad["complainant"]["kind"] = "company"

    chinese = await client.post("/v1/complaints", json=bad)
    english = await client.post("/v1/complaints", json=bad, headers={"Accept-Language": "en-US,en;q=0.9"})

    assert chinese.status_code == english.status_code == 422
    (error,) = [e for e in chinese.json()["errors"] if e["field"] == "complainant.kind"]
    assert error["message_zh"] == "取值应为：单位或自然人", error
    assert error["message"] == error["message_zh"] and "organisation" in error["message_en"]
    assert (
        chinese.headers["content-language"] == "zh-CN"
        and chinese.json()["detail"] == chinese.json()["detail_zh"]
    )
    assert (
        english.headers["content-language"] == "en"
        and english.json()["detail"] == english.json()["detail_en"]
    )


async def test_words_find_complaints_by_chinese_names_facts_and_terms_in_any_order(
    intake: RunningService,
) -> None:
    """Issue 17: search was a LIKE over one column; now every term in names, right number and facts."""
    client = intake.client(Role.STAFF)
    brand = random_name()[:4]
    body = complaint_body()
    body["respondents"][0]["name"] = f"深圳{brand}电子有限公司"
    body["facts"] = "被请求人在展会上许诺销售落入权利要求1保护范围的蓝牙耳机。"
    created = (await client.post("/v1/complaints", json=body)).json()

    async def found(q: str) -> list[str]:
        return [c["id"] for c in (await client.get("/v1/complaints", params={"q": q})).json()["items"]]

    assert created["id"] in await found(brand)
    assert created["id"] in await found(f"电子 {brand}")  # reordered terms
    assert created["id"] in await found("蓝牙耳机 深圳")  # facts and a name
    assert created["id"] not in await found(f"{brand} 服饰")  # every term must be there
    assert created["id"] not in await found("100%_")  # wildcards match themselves
