"""Issue 17 at credit: the record list sorts (stable), counts and polls by ``updated_since``; a record
shows its instants in +08:00."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from typing import Any

from credit.domain.actors import system
from credit.domain.commands import RegisterDishonestyInput
from credit.domain.subject import SubjectClaim
from credit.domain.vocabulary import CHINA, BehaviourCode, DecisionRef
from shared.testing.services import RunningService
from shared.vocabulary import PartyKind
from shared.web.auth import Role

TODAY = dt.datetime.now(CHINA).date()
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


def _commitment(name: str, due_in_days: int) -> dict[str, Any]:
    return {
        "subject": {"kind": "individual", "name": name, "id_number_masked": "3301**********5678"},
        "scope": "专利费用减缴",
        "text": "承诺材料真实",
        "made_on": str(TODAY),
        "verification_due": str(TODAY + dt.timedelta(days=due_in_days)),
    }


async def test_the_commitment_list_counts_sorts_pages_and_polls(credit: RunningService) -> None:
    staff = credit.client(Role.STAFF, subject="staff-7", office="330100")
    officer = credit.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    before = (await staff.get("/v1/commitments", params={"limit": 1})).json()
    made = [
        (await staff.post("/v1/commitments", json=_commitment(f"承诺人{n}", 30 - n))).json() for n in range(3)
    ]
    mine = [c["id"] for c in made]
    since = {"updated_since": before["as_of"], "limit": 500}

    soonest = (await staff.get("/v1/commitments", params=since)).json()
    assert [c["id"] for c in soonest["items"] if c["id"] in mine] == mine[::-1]  # verification due
    assert soonest["total"] == len(soonest["items"]) >= 3 and soonest["sort"] == "verification_due"
    oldest = (await staff.get("/v1/commitments", params={**since, "sort": "created_at"})).json()
    assert [c["id"] for c in oldest["items"] if c["id"] in mine] == mine
    pages = [
        (
            await staff.get("/v1/commitments", params={**since, "sort": "made_on", "limit": 1, "offset": o})
        ).json()["items"][0]["id"]
        for o in range(oldest["total"])
    ]
    assert sorted(pages) == sorted(c["id"] for c in oldest["items"])  # same day: id tie-break, no repeat
    assert all(LOCAL.match(c["updated_at"]) for c in oldest["items"])

    checkpoint = soonest["as_of"]
    verification = {"outcome": True, "verified_on": str(TODAY), "findings": "属实"}
    verified = await officer.post(f"/v1/commitments/{mine[1]}/verification", json=verification)
    assert verified.status_code == 200, verified.text
    moved = dt.datetime.fromisoformat(verified.json()["updated_at"])
    assert moved > dt.datetime.fromisoformat(made[1]["updated_at"])  # the trigger moved it
    changed = (await staff.get("/v1/commitments", params={"updated_since": checkpoint})).json()
    assert [c["id"] for c in changed["items"]] == [mine[1]] and changed["total"] == 1
    assert (await staff.get("/v1/commitments", params={"sort": "text"})).status_code == 422


async def test_the_unmatched_list_counts_sorts_pages_and_polls(credit: RunningService) -> None:
    officer = credit.client(Role.CREDIT_OFFICER, subject="officer-hz", office="330100")
    before = (await officer.get("/v1/unmatched-inputs", params={"limit": 1})).json()
    parked = [
        (
            await credit.container.bus.handle(
                RegisterDishonestyInput(
                    subject=SubjectClaim(PartyKind.ORGANISATION, f"无代码的商行{n}"),
                    behaviour=BehaviourCode.FALSE_MATERIALS,
                    underlying_decision=DecisionRef("/ipcase/330100/intake", f"C-{uuid.uuid4()}", TODAY, "x"),
                    finding="false materials",
                    source="intake.false_materials_found",
                    source_ref=f"complaint-{uuid.uuid4()}",
                    actor=system("/ipcase/330100/intake"),
                )
            )
        ).parked_as
        for n in range(3)
    ]
    mine = [str(p) for p in parked]
    since = {"updated_since": before["as_of"], "limit": 500}
    oldest = (await officer.get("/v1/unmatched-inputs", params=since)).json()
    assert [i["id"] for i in oldest["items"]] == mine and oldest["total"] == 3
    newest = (await officer.get("/v1/unmatched-inputs", params={**since, "sort": "-received_at"})).json()
    assert [i["id"] for i in newest["items"]] == mine[::-1]
    second = (await officer.get("/v1/unmatched-inputs", params={**since, "limit": 1, "offset": 1})).json()
    assert ([i["id"] for i in second["items"]], second["total"]) == ([mine[1]], 3)

    dismissed = await officer.post(f"/v1/unmatched-inputs/{mine[0]}/dismissal", json={"reason": "重复"})
    assert dismissed.status_code == 200, dismissed.text
    poll = {"updated_since": oldest["as_of"], "status": "dismissed"}
    changed = (await officer.get("/v1/unmatched-inputs", params=poll)).json()
    assert [i["id"] for i in changed["items"]] == [mine[0]]
    assert LOCAL.match(changed["items"][0]["updated_at"])
    ningbo = credit.client(Role.CREDIT_OFFICER, subject="officer-nb", office="330200")
    assert (await ningbo.get("/v1/unmatched-inputs", params=since)).json()["total"] == 0
