"""Issue 17 at mediation: the case list has total, a stable sort and ``updated_since``; instants are
shown in +08:00; what a case may do next is named in Chinese too."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from mediation.testing import court_assignment_body, court_client, register_roster
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


async def test_the_roster_lists_count_sort_page_and_poll(mediation: RunningService) -> None:
    """Issue 17: organisations and mediators list like the cases do (total, a stable sort with the id
    breaking ties, paging, ``updated_since``); a change to a mediator moves its ``updated_at``."""
    staff = mediation.client(Role.STAFF)
    before_org = (await staff.get("/v1/organisations", params={"limit": 1})).json()
    before_med = (await staff.get("/v1/mediators", params={"limit": 1})).json()
    rosters = [await register_roster(staff) for _ in range(3)]
    organisations = [r["organisation"]["id"] for r in rosters]
    mediators = [r["mediator"]["id"] for r in rosters]

    since = {"updated_since": before_org["as_of"], "sort": "created_at"}
    listed = (await staff.get("/v1/organisations", params=since)).json()
    assert [o["id"] for o in listed["items"]] == organisations and listed["total"] == 3
    assert listed["sort"] == "created_at" and all(LOCAL.match(o["updated_at"]) for o in listed["items"])
    newest = (await staff.get("/v1/organisations", params={**since, "sort": "-created_at"})).json()
    assert [o["id"] for o in newest["items"]] == organisations[::-1]
    page = (await staff.get("/v1/organisations", params={**since, "limit": 1, "offset": 2})).json()
    assert ([o["id"] for o in page["items"]], page["total"]) == ([organisations[2]], 3)
    by_name = (await staff.get("/v1/organisations", params={"limit": 500})).json()
    names = [o["name"] for o in by_name["items"]]
    assert names == sorted(names) and by_name["total"] >= 3 and by_name["sort"] == "name"

    since = {"updated_since": before_med["as_of"], "sort": "created_at"}
    listed = (await staff.get("/v1/mediators", params=since)).json()
    assert [m["id"] for m in listed["items"]] == mediators and listed["total"] == 3
    checkpoint = listed["as_of"]
    changed = await staff.patch(f"/v1/mediators/{mediators[1]}", json={"max_active_cases": 7})
    assert changed.status_code == 200, changed.text
    moved = dt.datetime.fromisoformat(changed.json()["updated_at"])
    assert moved > dt.datetime.fromisoformat(rosters[1]["mediator"]["updated_at"])
    polled = (await staff.get("/v1/mediators", params={"updated_since": checkpoint})).json()
    assert ([m["id"] for m in polled["items"]], polled["total"]) == ([mediators[1]], 1)
    mine = (await staff.get("/v1/mediators", params={"organisation_id": organisations[0]})).json()
    assert [m["id"] for m in mine["items"]] == [mediators[0]]
    assert (await staff.get("/v1/mediators", params={"sort": "load"})).status_code == 422
