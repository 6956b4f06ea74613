"""Statutory time passing: the service's own timer handlers on the real scheduler, with a fake clock.

Each test has a database of its own, because firing "everything due" a year ahead must not touch
other tests' records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from credit.adapters.orm import grades, messaging
from credit.domain.deadlines import GRADES_AGGREGATE
from credit.domain.vocabulary import CHINA
from credit.handlers.grades import schedule_monthly_grades
from credit.rules import example_grade_rules_path
from shared.testing.clock import FakeClock
from shared.testing.events import fire_due_timers
from shared.testing.services import RunningService
from shared.web.auth import Role

Body = Callable[..., dict[str, Any]]
NOW = dt.datetime.now(CHINA)
TODAY = NOW.date()
LONG_AGO = TODAY - dt.timedelta(days=60)


def moment(day: dt.date) -> FakeClock:
    return FakeClock(dt.datetime.combine(day, dt.time(9), tzinfo=CHINA))


async def record(client: httpx.AsyncClient, rid: str) -> dict[str, Any]:
    return (await client.get(f"/v1/records/{rid}")).json()  # type: ignore[no-any-return]


async def outbox_types(service: RunningService, rid: str) -> list[str]:
    async with service.container.platform.sessions() as session:
        rows = await session.scalars(
            select(messaging.outbox.c.event_type)
            .where(messaging.outbox.c.partition_key == rid)
            .order_by(messaging.outbox.c.id)
        )
        return list(rows)


async def listed(officer: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
    rid = (await officer.post("/v1/records", json=body)).json()["record_id"]
    await officer.post(f"/v1/records/{rid}/notice", json={"served_on": str(LONG_AGO), "reasons": "r"})
    response = await officer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_the_window_closes_and_an_unpublished_listing_is_warned_then_flagged(
    start_service: Any, private_database: str, entry: Body
) -> None:
    credit = await start_service("credit", database_url=private_database, office_code="330100")
    officer = credit.client(Role.CREDIT_OFFICER)
    noticed = (await officer.post("/v1/records", json=entry())).json()["record_id"]
    await officer.post(f"/v1/records/{noticed}/notice", json={"served_on": str(TODAY), "reasons": "r"})
    late = await listed(officer, entry())
    window_end = dt.date.fromisoformat((await record(officer, noticed))["notice"]["window_ends_on"])
    publication_due = dt.date.fromisoformat(late["publication_due"])

    assert await fire_due_timers(credit.container, moment(TODAY)) == 0
    await fire_due_timers(credit.container, moment(window_end + dt.timedelta(days=1)))
    await fire_due_timers(credit.container, moment(publication_due))  # the due-soon warning
    still_open = await record(officer, late["record_id"])
    await fire_due_timers(credit.container, moment(publication_due + dt.timedelta(days=1)))

    closed = await record(officer, noticed)
    assert closed["state"] == "NOTICE_OF_PROPOSED_LISTING"  # a window closing decides nothing by itself
    assert closed["history"][-1]["event"] == "NoticeWindowClosed"
    assert closed["history"][-1]["actor"] == "system:timer"
    assert still_open["overdue"] == []
    assert [h["event"] for h in still_open["history"]][-1] == "PublicationDueSoon"
    overdue = await record(officer, late["record_id"])
    assert overdue["overdue"] == ["publication"]
    assert overdue["history"][-1]["event"] == "PublicationDeadlineMissed"
    flagged = (await officer.get("/v1/records", params={"overdue": True})).json()["items"]
    assert [r["record_id"] for r in flagged] == [late["record_id"]]
    await officer.post(f"/v1/records/{late['record_id']}/publication", json={})
    assert (await record(officer, late["record_id"]))["overdue"] == []


async def test_a_listing_expires_at_the_end_of_its_period_and_says_so(
    start_service: Any, private_database: str, entry: Body
) -> None:
    credit = await start_service("credit", database_url=private_database, office_code="330100")
    officer = credit.client(Role.CREDIT_OFFICER)
    rid = (await listed(officer, entry()))["record_id"]
    published = (await officer.post(f"/v1/records/{rid}/publication", json={})).json()
    period_end = dt.date.fromisoformat(published["period_end"])

    await fire_due_timers(credit.container, moment(period_end))
    still = await record(officer, rid)
    await fire_due_timers(credit.container, moment(period_end + dt.timedelta(days=1)))
    expired = await record(officer, rid)

    assert still["state"] == "PUBLISHED"
    assert (expired["state"], expired["expired_on"]) == ("EXPIRED", str(period_end))
    assert await outbox_types(credit, rid) == [
        "credit.dishonest_listed",
        "credit.published",
        "credit.expired",
    ]
    assert (await credit.client(Role.COURT).get(f"/v1/disclosure/{rid}")).status_code == 404


async def test_a_withdrawal_not_recorded_in_3_working_days_is_flagged(
    start_service: Any, private_database: str, entry: Body
) -> None:
    credit = await start_service("credit", database_url=private_database, office_code="330100")
    officer = credit.client(Role.CREDIT_OFFICER)
    rid = (await listed(officer, entry()))["record_id"]
    await officer.post(f"/v1/records/{rid}/publication", json={})
    revoked = (
        await officer.post(f"/v1/records/{rid}/revocation", json={"revoked_on": str(TODAY), "reason": "撤销"})
    ).json()

    await fire_due_timers(
        credit.container, moment(dt.date.fromisoformat(revoked["withdrawal_due"]) + dt.timedelta(1))
    )

    missed = await record(officer, rid)
    assert missed["overdue"] == ["withdrawal"]
    assert [h["event"] for h in missed["history"]][-2:] == ["WithdrawalDueSoon", "WithdrawalDeadlineMissed"]
    assert await outbox_types(credit, rid) == [
        "credit.dishonest_listed",
        "credit.published",
        "credit.revoked",
    ]


async def test_an_unverified_commitment_becomes_overdue(start_service: Any, private_database: str) -> None:
    credit = await start_service("credit", database_url=private_database, office_code="330100")
    staff = credit.client(Role.STAFF)
    made = await staff.post(
        "/v1/commitments",
        json={
            "subject": {"kind": "individual", "name": "李四", "id_number_masked": "3301**********5678"},
            "scope": "专利费用减缴",
            "text": "承诺材料真实",
            "made_on": str(TODAY),
            "verification_due": str(TODAY + dt.timedelta(days=10)),
        },
    )
    assert made.status_code == 201, made.text

    await fire_due_timers(credit.container, moment(TODAY + dt.timedelta(days=30)))

    overdue = (await staff.get("/v1/commitments", params={"overdue": True})).json()["items"]
    assert [c["id"] for c in overdue] == [made.json()["id"]]
    assert [h["event"] for h in overdue[0]["history"]] == [
        "CommitmentMade",
        "VerificationDueSoon",
        "VerificationOverdue",
    ]


async def test_local_grades_are_recomputed_monthly_and_the_next_run_is_armed(
    start_service: Any, private_database: str, entry: Body, tmp_path: Path
) -> None:
    rules = tmp_path / "grades.toml"
    rules.write_text(example_grade_rules_path().read_text(encoding="utf-8"), encoding="utf-8")
    credit = await start_service("credit", database_url=private_database, grade_rules_file=str(rules))
    await listed(credit.client(Role.CREDIT_OFFICER), entry())
    async with credit.container.uow_factory() as uow:
        first_run = await schedule_monthly_grades(uow, after=NOW)
        await uow.commit()

    await fire_due_timers(credit.container, FakeClock(first_run))

    async with credit.container.uow_factory() as uow:
        (next_run,) = await uow.timers.scheduled(GRADES_AGGREGATE)
        stored = (await uow.session.execute(select(grades.c.grade, grades.c.as_of, grades.c.rule_id))).all()
    assert first_run.day == 1 and next_run.due_at.astimezone(CHINA).day == 1
    assert next_run.due_at > first_run
    assert [tuple(g) for g in stored] == [("C", first_run.date(), "dishonest")]
