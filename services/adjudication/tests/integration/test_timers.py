"""Statutory timers firing through the real TimerScheduler against the service's database.

A fake clock shows that nothing fires early; legal dates in the past show the automatic moves.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import select

from adjudication.adapters.orm import messaging
from adjudication.domain.values.parties import PartyRecord, PartyRole
from shared.calendar import SHANGHAI
from shared.testing.refs import random_patent_number
from shared.vocabulary import PartyKind


async def published(flow: Any, case_id: uuid.UUID, event_type: str) -> list[dict[str, Any]]:
    outbox = messaging.outbox
    async with flow.service.container.platform.sessions() as session:
        rows = await session.execute(
            select(outbox.c.payload)
            .where(outbox.c.partition_key == str(case_id), outbox.c.event_type == event_type)
            .order_by(outbox.c.id)  # in the order they were written
        )
        return [row.payload for row in rows]


async def timeline(flow: Any, case_id: uuid.UUID) -> list[str]:
    entries = (await flow.staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"]
    return [e["event"] for e in entries]


async def test_a_docketing_deadline_warns_when_due_soon_and_alerts_when_missed_never_before(
    flow: Any,
) -> None:
    case_id = await flow.open(received_days_ago=0)
    deadline = {d["key"]: d for d in (await flow.staff.get(f"/v1/cases/{case_id}/deadlines")).json()}[
        "docket"
    ]
    due = dt.date.fromisoformat(deadline["due"])
    now = dt.datetime.now(dt.UTC)

    await flow.fire_due_timers(lambda: now)
    assert "DeadlineDueSoon" not in await timeline(flow, case_id)

    await flow.fire_due_timers(lambda: dt.datetime.combine(due, dt.time(0, 1), tzinfo=SHANGHAI))
    assert (await timeline(flow, case_id))[-1] == "DeadlineDueSoon"
    await flow.fire_due_timers(lambda: dt.datetime.combine(due, dt.time(23, 59), tzinfo=SHANGHAI))
    assert "DeadlineMissed" not in await timeline(flow, case_id)

    await flow.fire_due_timers(
        lambda: dt.datetime.combine(due + dt.timedelta(days=1), dt.time(0, 1), tzinfo=SHANGHAI)
    )
    assert (await timeline(flow, case_id))[-1] == "DeadlineMissed"
    alerts = await published(flow, case_id, "adjudication.deadline_alert")
    assert [(a["deadline"], a["level"]) for a in alerts] == [("docket", "due_soon"), ("docket", "overdue")]
    deadlines = {d["key"]: d for d in (await flow.staff.get(f"/v1/cases/{case_id}/deadlines")).json()}
    assert deadlines["docket"]["status"] == "missed"  # still open: the office must still docket or refuse


async def test_answer_periods_running_out_move_the_case_to_review(flow: Any) -> None:
    case_id = await flow.open(respondent_count=2)
    await flow.docket(case_id, _days_ago(100))
    for party in ("respondent-1", "respondent-2"):
        await flow.post(
            case_id,
            "request-copy-services",
            {"party_id": party, "method": "post", "served_on": str(_days_ago(98))},
        )
    await flow.post(
        case_id, "answers", {"party_id": "respondent-1", "received_on": str(_days_ago(90)), "summary": "答辩"}
    )

    await flow.fire_due_timers()

    case = (await flow.staff.get(f"/v1/cases/{case_id}")).json()
    assert case["state"] == "IN_REVIEW"
    entries = (await flow.staff.get(f"/v1/cases/{case_id}/timeline")).json()["entries"]
    review = next(e for e in entries if e["transition"] == "review_after_answer_period")
    assert review["actor_kind"] == "system"


async def test_the_litigation_windows_running_out_make_the_decision_effective_and_flag_a_repeat(
    flow: Any,
) -> None:
    patent = random_patent_number()
    first = await flow.open(patent_number=patent, received_days_ago=300)
    await _effective(flow, first, offset=180)
    respondent = (await flow.staff.get(f"/v1/cases/{first}/file")).json()["respondents"][0]
    second = await flow.open(
        patent_number=patent,
        received_days_ago=130,
        respondents=(_respondent(respondent["name"], respondent["credit_code"], flow.office_code),),
    )

    await _effective(flow, second, offset=0)

    effective = await published(flow, second, "adjudication.decision_effective")
    assert [(e["outcome"], e["respondents"][0]["credit_code"]) for e in effective] == [
        ("INFRINGEMENT_ESTABLISHED", respondent["credit_code"])
    ]
    (flag,) = await published(flow, second, "adjudication.repeat_infringer_flagged")
    first_decision = (await flow.staff.get(f"/v1/cases/{first}/file")).json()["decision"]["decision_no"]
    assert [p["decision_no"] for p in flag["prior_decisions"]] == [first_decision]
    assert flag["lookback_months"] == 60
    assert await published(flow, first, "adjudication.repeat_infringer_flagged") == []


async def _effective(flow: Any, case_id: uuid.UUID, offset: int) -> None:
    await flow.to_review(case_id, docketed=offset + 110)
    await flow.decide(case_id, decided=offset + 60)
    await flow.serve_decision(case_id, served=offset + 50)
    await flow.fire_due_timers()
    case = (await flow.staff.get(f"/v1/cases/{case_id}")).json()
    assert case["state"] == "EFFECTIVE", case["state"]


def _respondent(name: str, credit_code: str, region: str) -> PartyRecord:
    return PartyRecord(
        party_id="respondent-1",
        role=PartyRole.RESPONDENT,
        kind=PartyKind.ORGANISATION,
        name=name,
        credit_code=credit_code,
        region_code=region,
    )


def _days_ago(n: int) -> dt.date:
    return dt.datetime.now(SHANGHAI).date() - dt.timedelta(days=n)
