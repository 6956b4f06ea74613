"""The centre's own workflows: centre case, trade-fair complaint, e-commerce notice, and the queue."""

from __future__ import annotations

import datetime as dt
from typing import Any

from intake.testing import complaint_body
from shared.calendar import SHANGHAI, catalogue, compute, parse_period
from shared.testing.refs import random_name, random_uscc
from shared.timers import TimerScheduler
from shared.web.auth import Role


async def _queue(client: Any, complaint_id: str, **params: str) -> list[dict[str, Any]]:
    items = (await client.get("/v1/queue", params=params)).json()["items"]
    return [i for i in items if i["complaint_id"] == complaint_id]


async def test_a_platform_request_becomes_a_centre_case_with_recusal_checked(start_intake: Any) -> None:
    intake = await start_intake(office_code="510100")
    client = intake.client(Role.STAFF)
    respondent = random_name("网店")
    body = complaint_body(
        channel="ecommerce_platform",
        listings=[{"platform": "jd", "listing_id": "1001"}],
        respondents=[{"kind": "organisation", "name": respondent, "credit_code": random_uscc()}],
    )
    complaint = (await client.post("/v1/complaints", json=body)).json()
    assert (complaint["status"], complaint["triage"]["track"]) == ("IN_CENTRE", "ecommerce_opinion")
    (case_id,) = (await client.get(f"/v1/complaints/{complaint['id']}/workflows")).json()["centre_cases"]
    assert (await client.get(f"/v1/centre-cases/{case_id}")).json()["status"] == "TRIAGED"
    (opinion_due,) = await _queue(client, complaint["id"])
    assert opinion_due["step"] == "opinion" and opinion_due["due_at"] is not None  # Sichuan: 2 WD
    assert opinion_due["track"] == "ecommerce_opinion"

    await client.put(
        "/v1/examiners/ex-conflicted", json={"name": "王审查", "centre": "510100", "interests": [respondent]}
    )
    await client.put("/v1/examiners/ex-clear", json={"name": "赵审查", "centre": "510100", "interests": []})
    refused = await client.post(
        f"/v1/centre-cases/{case_id}/assignment", json={"examiner_id": "ex-conflicted"}
    )
    assigned = await client.post(f"/v1/centre-cases/{case_id}/assignment", json={"examiner_id": "ex-clear"})

    assert (refused.status_code, refused.json()["code"]) == (409, "recusal_required")
    assert assigned.json()["status"] == "OPINION_DRAFTING"
    assert [i["step"] for i in await _queue(client, complaint["id"], examiner_id="ex-clear")] == ["opinion"]

    opinion = {"conclusion": "infringing", "reasons": "外观近似，构成侵权"}
    not_the_examiner = await client.post(f"/v1/centre-cases/{case_id}/opinion", json=opinion)
    examiner = intake.client(Role.STAFF, subject="ex-clear")  # the examiner the recusal check cleared
    issued = await examiner.post(f"/v1/centre-cases/{case_id}/opinion", json=opinion)

    assert (not_the_examiner.status_code, not_the_examiner.json()["code"]) == (403, "object_denied")
    closed = await client.post(f"/v1/centre-cases/{case_id}/closure", json={"note": "平台已确认收到"})

    assert issued.json()["opinion"]["conclusion"] == "infringing"
    assert closed.json()["status"] == "CLOSED"
    assert (await client.get(f"/v1/complaints/{complaint['id']}")).json()["status"] == "CLOSED"
    assert await _queue(client, complaint["id"]) == []


async def test_without_a_national_figure_the_opinion_period_is_shown_as_not_configured(
    start_intake: Any,
) -> None:
    client = (await start_intake()).client(Role.STAFF)
    body = complaint_body(channel="ecommerce_platform")
    complaint = (await client.post("/v1/complaints", json=body)).json()

    (item,) = await _queue(client, complaint["id"])

    assert item["due_at"] is None and "not configured" in item["note"]
    timeline = (await client.get(f"/v1/complaints/{complaint['id']}/timeline")).json()["items"]
    assert "PeriodNotConfigured" in [e["name"] for e in timeline]

    (case_id,) = (await client.get(f"/v1/complaints/{complaint['id']}/workflows")).json()["centre_cases"]
    await client.put("/v1/examiners/ex-u", json={"name": "钱审查", "centre": "330100", "interests": []})
    assigned = await client.post(f"/v1/centre-cases/{case_id}/assignment", json={"examiner_id": "ex-u"})
    assert assigned.status_code == 200, assigned.text
    # The same row (now with the examiner), however often the case is saved.
    assert await _queue(client, complaint["id"]) == [{**item, "examiner_id": "ex-u"}]


def _fair_body(exhibitor: dict[str, Any], session: str) -> dict[str, Any]:
    return complaint_body(
        channel="trade_fair",
        trade_fair={"fair_name": "中国进出口商品交易会", "session": session, "booth": "9.1H-22"},
        respondents=[exhibitor],
    )


async def test_trade_fair_complaints_run_on_24_hour_clocks_and_flag_repeat_exhibitors(
    start_intake: Any,
) -> None:
    client = (await start_intake()).client(Role.STAFF)
    exhibitor = {"kind": "organisation", "name": random_name("参展商"), "credit_code": random_uscc()}
    complaint = (await client.post("/v1/complaints", json=_fair_body(exhibitor, "第137届"))).json()
    (case_id,) = (await client.get(f"/v1/complaints/{complaint['id']}/workflows")).json()["trade_fair_cases"]

    (forward,) = await _queue(client, complaint["id"], track="trade_fair")
    received = dt.datetime.fromisoformat(complaint["received_at"])
    assert dt.datetime.fromisoformat(forward["due_at"]) == received + dt.timedelta(hours=24)

    steps = f"/v1/trade-fair-cases/{case_id}/steps"
    await client.post(steps, json={"step": "forward"})
    two_days_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=2)).isoformat()
    notified = await client.post(steps, json={"step": "notify_respondent", "at": two_days_ago})
    assert notified.json()["status"] == "RESPONDENT_NOTIFIED"
    (statement,) = await _queue(client, complaint["id"])
    assert (statement["step"], statement["overdue"]) == ("statement", True)

    decided = await client.post(
        steps, json={"step": "order_measures", "measures": ["cover"], "note": "遮盖展品"}
    )
    assert (decided.json()["status"], decided.json()["repeat_exhibitor"]) == ("MEASURES_ORDERED", False)
    assert (await client.get(f"/v1/complaints/{complaint['id']}")).json()["status"] == "CLOSED"

    next_fair = (await client.post("/v1/complaints", json=_fair_body(exhibitor, "第138届"))).json()
    (next_case,) = (await client.get(f"/v1/complaints/{next_fair['id']}/workflows")).json()[
        "trade_fair_cases"
    ]
    for step in ("forward", "notify_respondent"):
        await client.post(f"/v1/trade-fair-cases/{next_case}/steps", json={"step": step})
    again = await client.post(
        f"/v1/trade-fair-cases/{next_case}/steps", json={"step": "order_measures", "measures": ["withdraw"]}
    )
    assert again.json()["repeat_exhibitor"] is True
    wrong = await client.post(f"/v1/trade-fair-cases/{next_case}/steps", json={"step": "forward"})
    assert (wrong.status_code, wrong.json()["allowed"]) == (409, [])


async def _measures_at(client: Any, exhibitor: dict[str, Any], session: str) -> dict[str, Any]:
    fair = (await client.post("/v1/complaints", json=_fair_body(exhibitor, session))).json()
    (case,) = (await client.get(f"/v1/complaints/{fair['id']}/workflows")).json()["trade_fair_cases"]
    for step in ("forward", "notify_respondent"):
        await client.post(f"/v1/trade-fair-cases/{case}/steps", json={"step": step})
    decided = await client.post(
        f"/v1/trade-fair-cases/{case}/steps", json={"step": "order_measures", "measures": ["cover"]}
    )
    assert decided.status_code == 200, decided.text
    found: dict[str, Any] = decided.json()
    return found


async def test_findings_at_sessions_that_are_not_consecutive_do_not_flag_a_repeat_exhibitor(
    start_intake: Any,
) -> None:
    """§D.3a step 6 [P]: only two consecutive findings bar the exhibitor from the next session.
    Issue 17's scenario: a finding at the 135th session and one at the 138th flagged the exhibitor."""
    client = (await start_intake()).client(Role.STAFF)
    exhibitor = {"kind": "organisation", "name": random_name("参展商"), "credit_code": random_uscc()}
    assert (await _measures_at(client, exhibitor, "第135届"))["repeat_exhibitor"] is False
    assert (await _measures_at(client, exhibitor, "第138届"))["repeat_exhibitor"] is False
    assert (await _measures_at(client, exhibitor, "第139届"))["repeat_exhibitor"] is True


async def test_the_counter_notice_wait_runs_on_the_statutory_clock_and_ends_the_measures(
    start_intake: Any,
) -> None:
    intake = await start_intake(office_code="330100")
    client = intake.client(Role.STAFF)
    complaint = (await client.post("/v1/complaints", json=complaint_body())).json()
    created = await client.post(
        f"/v1/complaints/{complaint['id']}/ecommerce-notices",
        json={
            "platform": "taobao",
            "listing_ids": ["6618"],
            "seller": "某网店",
            "notice_at": "2026-09-01T09:00:00+08:00",
        },
    )
    assert created.status_code == 201, created.text
    steps = f"/v1/ecommerce-notices/{created.json()['id']}/steps"
    (notify,) = await _queue(client, complaint["id"])
    assert notify["step"] == "notify_seller" and notify["due_at"]  # Zhejiang: 3 WD

    for step in ("take_measures", "forward_to_seller", "counter_notice"):
        assert (await client.post(steps, json={"step": step})).status_code == 200
    arrival = dt.datetime(2026, 9, 20, 10, tzinfo=SHANGHAI)
    waiting = (
        await client.post(steps, json={"step": "forward_to_holder", "arrival_at": arrival.isoformat()})
    ).json()

    base = catalogue.deadline("ecommerce.counter_notice_wait", arrival.date())
    assert waiting["status"] == "WAITING_15D"
    assert waiting["termination_due"] == base.due.isoformat() == "2026-10-08"  # rolled out of National Day
    too_long = await client.post(steps, json={"step": "notarisation_delay", "working_days": 21})
    assert too_long.status_code == 422
    extended = (
        await client.post(steps, json={"step": "notarisation_delay", "working_days": 3, "note": "公证处"})
    ).json()
    assert (
        extended["termination_due"] == compute(base.due, parse_period("+3wd")).due.isoformat() == "2026-10-12"
    )

    scheduler = TimerScheduler(
        uow_factory=intake.container.uow_factory, handlers=intake.container.timer_handlers
    )
    while await scheduler.fire_next():
        pass
    ended = (await client.get(steps.removesuffix("/steps"))).json()
    assert ended["status"] == "MEASURES_TERMINATED"
    timeline = (await client.get(f"/v1/complaints/{complaint['id']}/timeline")).json()["items"]
    assert ("MeasuresTerminated", "system") in [(e["name"], e["actor"]) for e in timeline]
