"""Credit end to end over the broker: adjudication's events in, credit's events and API out.

The adjudication events are published exactly as ``shared.contracts.adjudication`` defines them
(the adjudication service is being built in parallel); once its branch is merged, the integrator
replaces the hand-built events with the real service's.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

import httpx

from credit.domain.actors import person
from credit.domain.commands import DecideListing, DecideRepair, PublishListing, RequestRepair
from credit.domain.vocabulary import CHINA
from credit.testing import (
    decision_revoked,
    events_on,
    fresh_database,
    performance_refused,
    publish,
    subject,
    uscc_in,
)
from shared.testing.clock import FakeClock
from shared.testing.events import fire_due_timers
from shared.testing.plugin import BrokerHandle, PostgresHandle
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.web.auth import Role

NOW = dt.datetime.now(CHINA)
TODAY = NOW.date()
OFFICER = person("officer-9", ("credit_officer",))


async def candidate_for(client: httpx.AsyncClient, code: str) -> dict[str, Any]:
    found: dict[str, Any] = {}

    async def arrived() -> bool:
        nonlocal found
        response = await client.get(f"/v1/subjects/{code}/credit")
        if response.status_code == 200 and response.json()["history"]:
            found = response.json()["history"][0]
        return bool(found)

    await eventually(arrived, what=f"a credit record for {code}")
    return found


async def record_events(broker: BrokerHandle, record_id: str, count: int) -> list[str]:
    events = await events_on(
        broker.bootstrap_servers,
        "credit.record",
        where=lambda e: e.data["record_id"] == record_id,
        expected=count,
    )
    return [e.type for e in events]


async def test_non_performance_is_listed_after_the_notice_window_published_and_repaired(
    start_service: Any, postgres: PostgresHandle, broker: BrokerHandle
) -> None:
    database = await fresh_database(postgres)
    credit: RunningService = await start_service(
        "credit", database_url=database, run_workers=True, office_code="330100"
    )
    officer, customs = credit.client(Role.CREDIT_OFFICER), credit.client(Role.CUSTOMS)
    code = uscc_in("330100")
    decision_no = f"杭知裁〔2026〕{uuid.uuid4().hex[:6]}号"

    await publish(
        broker.bootstrap_servers,
        [(performance_refused(subject(code), decision_no=decision_no, found_on=TODAY), "case-e2e-1")],
    )
    candidate = await candidate_for(officer, code)
    rid = candidate["record_id"]
    noticed = await officer.post(
        f"/v1/records/{rid}/notice", json={"served_on": str(TODAY), "reasons": "拒不履行"}
    )
    refused = await officer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})

    assert candidate["state"] == "CANDIDATE" and noticed.status_code == 200
    assert refused.status_code == 409 and refused.json()["code"] == "due_process_incomplete"

    # The window runs out: the durable timer fires on the service's own scheduler, a day later.
    window_end = dt.date.fromisoformat(noticed.json()["notice"]["window_ends_on"])
    later = FakeClock(dt.datetime.combine(window_end + dt.timedelta(days=1), dt.time(10), tzinfo=CHINA))
    # At least this record's window timer: the fresh database also holds whatever records the shared
    # broker's backlog (earlier tests' events) opened, and their timers may be due by then too. The
    # history below shows this record's window closed exactly once.
    assert await fire_due_timers(credit.container, later) >= 1
    officer_then = credit.container.bus_with_clock(later)
    await officer_then.handle(
        DecideListing(record_id=uuid.UUID(rid), actor=OFFICER, listed=True, reasons="申辩不成立")
    )
    later.advance(days=3)
    await officer_then.handle(PublishListing(record_id=uuid.UUID(rid), actor=OFFICER, channel="necips"))

    assert await record_events(broker, rid, 2) == ["credit.dishonest_listed", "credit.published"]
    record = (await officer.get(f"/v1/records/{rid}")).json()
    assert [h["event"] for h in record["history"]] == [
        "CandidateRegistered",
        "NoticeIssued",
        "NoticeWindowClosed",
        "ListingDecided",
        "Published",
    ]
    public = await credit.client(Role.MEDIATOR).get(f"/v1/disclosure/{rid}")
    assert public.status_code == 200 and public.json()["credit_code"] == code
    check = (await customs.post("/v1/credit-checks", json={"codes": [code]})).json()["results"][0]
    assert (check["status"], check["listings"][0]["list_type"]) == ("dishonest", "cnipa_dishonest")
    assert check["listings"][0]["period_end"] and "state" not in check["listings"][0]  # §H.2 only

    # Seven months on, past the earliest repair date, the subject applies and is repaired.
    later.advance(days=213)
    await officer_then.handle(
        RequestRepair(
            record_id=uuid.UUID(rid), actor=OFFICER, applied_on=later().date(), grounds="已履行裁决"
        )
    )
    conditions = {"obligations_performed": True, "consequences_eliminated": True}
    await officer_then.handle(
        DecideRepair(
            record_id=uuid.UUID(rid), actor=OFFICER, granted=True, reasons="准予修复", conditions=conditions
        )
    )

    assert await record_events(broker, rid, 3) == [
        "credit.dishonest_listed",
        "credit.published",
        "credit.repaired",
    ]
    assert (await credit.client(Role.MEDIATOR).get(f"/v1/disclosure/{rid}")).status_code == 404
    check = (await customs.post("/v1/credit-checks", json={"codes": [code]})).json()["results"][0]
    assert check["status"] == "clear"
    court = (await credit.client(Role.COURT).get(f"/v1/subjects/{code}/credit")).json()
    assert court["history"][0]["state"] == "REPAIRED_EARLY" and court["listings_in_force"] == []


async def test_a_revoked_decision_withdraws_the_published_listing(
    start_service: Any, postgres: PostgresHandle, broker: BrokerHandle
) -> None:
    database = await fresh_database(postgres)
    credit: RunningService = await start_service(
        "credit", database_url=database, run_workers=True, office_code="330100"
    )
    officer = credit.client(Role.CREDIT_OFFICER)
    code = uscc_in("330100")
    decision_no = f"杭知裁〔2026〕{uuid.uuid4().hex[:6]}号"
    await publish(
        broker.bootstrap_servers,
        # found long enough ago that a notice served after it has a window that has passed
        [
            (
                performance_refused(
                    subject(code), decision_no=decision_no, found_on=TODAY - dt.timedelta(days=31)
                ),
                "case-e2e-2",
            )
        ],
    )
    rid = (await candidate_for(officer, code))["record_id"]
    served = TODAY - dt.timedelta(days=30)
    for action, body in (
        ("notice", {"served_on": str(served), "reasons": "拒不履行"}),
        ("decision", {"outcome": "listed", "reasons": "r"}),
        ("publication", {}),
    ):
        response = await officer.post(f"/v1/records/{rid}/{action}", json=body)
        assert response.status_code == 200, response.text

    await publish(broker.bootstrap_servers, [(decision_revoked(decision_no, revoked_on=TODAY), "case-e2e-2")])

    types = await record_events(broker, rid, 3)
    revoked = (await officer.get(f"/v1/records/{rid}")).json()
    assert types == ["credit.dishonest_listed", "credit.published", "credit.revoked"]
    assert revoked["state"] == "REVOKED" and revoked["withdrawal_due"] > str(TODAY)
    assert [d["name"] for d in revoked["deadlines"] if d["status"] == "scheduled"] == ["withdrawal"]
    (event,) = await events_on(
        broker.bootstrap_servers,
        "credit.record",
        where=lambda e: e.type == "credit.revoked" and e.subject == rid,
    )
    assert event.data["was_published"] is True and event.data["withdrawal_due"] == revoked["withdrawal_due"]
    assert (await credit.client(Role.MEDIATOR).get(f"/v1/disclosure/{rid}")).status_code == 404
    check = (await credit.client(Role.CUSTOMS).post("/v1/credit-checks", json={"codes": [code]})).json()
    assert check["results"][0]["status"] == "clear"

    withdrawn = await officer.post(f"/v1/records/{rid}/withdrawal", json={"withdrawn_on": str(TODAY)})
    assert withdrawn.status_code == 200
    assert {d["name"]: d["status"] for d in withdrawn.json()["deadlines"]}["withdrawal"] == "cancelled"
