"""Issue 17 at mediation: the case list has total, a stable sort and ``updated_since``; instants are
shown in +08:00; what a case may do next is named in Chinese too."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from mediation.testing import court_assignment_body, court_client
from shared.testing.services import RunningService
from shared.web.auth import Role

LOCAL = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+08:00$")


def instants(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in instants(value)]
    if isinstance(node, list):
        return [s for value in node for s in instants(value)]
    return [node] if isinstance(node, str) and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d", node) else []


async def test_the_case_list_counts_sorts_and_polls(mediation: RunningService) -> None:
    staff = mediation.client(Role.STAFF)
    court = court_client(mediation)
    before = (await staff.get("/v1/cases", params={"limit": 1})).json()
    first = (await court.post("/v1/court-assignments", json=court_assignment_body())).json()
    second = (await court.post("/v1/court-assignments", json=court_assignment_body())).json()

    since = {"updated_since": before["as_of"], "limit": 200}
    oldest_first = (await staff.get("/v1/cases", params={**since, "sort": "opened_at"})).json()
    newest_first = (await staff.get("/v1/cases", params=since)).json()
    mine = {first["id"], second["id"]}

    assert [c["id"] for c in oldest_first["items"] if c["id"] in mine] == [first["id"], second["id"]]
    assert [c["id"] for c in newest_first["items"] if c["id"] in mine] == [second["id"], first["id"]]
    assert oldest_first["total"] == len(oldest_first["items"]) >= 2
    everything = (await staff.get("/v1/cases", params={"limit": 1})).json()
    assert everything["total"] >= before["total"] + 2 and len(everything["items"]) == 1
    later = (await staff.get("/v1/cases", params={"updated_since": "2999-01-01T00:00:00+08:00"})).json()
    assert (later["total"], later["items"]) == (0, [])
    assert (await staff.get("/v1/cases", params={"sort": "parties"})).status_code == 422


async def test_a_case_file_shows_local_times_and_what_may_happen_next_in_chinese(
    mediation: RunningService,
) -> None:
    court = court_client(mediation)
    opened = await court.post("/v1/court-assignments", json=court_assignment_body())
    case = (await mediation.client(Role.STAFF).get(f"/v1/cases/{opened.json()['id']}")).json()

    found = instants(case)
    assert found and all(LOCAL.match(s) for s in found), found
    allowed, allowed_zh = case["allowed_next_states"], case["allowed_next_states_zh"]
    assert allowed and len(allowed_zh) == len(allowed)
    assert "IN_MEDIATION" not in allowed, "no mediator has confirmed yet"
    assert not [s for s in allowed_zh if re.search(r"[A-Za-z]", s)]
    for timer in case["armed_timers"]:
        due_at = dt.datetime.fromisoformat(timer["due_at"])
        assert timer["due"] == (due_at - dt.timedelta(microseconds=1)).date().isoformat() or (
            due_at.time() != dt.time() and timer["due"] == due_at.date().isoformat()
        )
