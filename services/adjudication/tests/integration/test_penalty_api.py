"""Counterfeit-patent penalty cases over HTTP: fine bounds, the steps, the event credit receives."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select

from adjudication.adapters.orm import messaging
from shared.calendar import SHANGHAI
from shared.testing.refs import random_uscc


def days_ago(n: int) -> str:
    return str(dt.datetime.now(SHANGHAI).date() - dt.timedelta(days=n))


async def test_a_penalty_case_from_filing_to_the_published_decision(flow: Any) -> None:
    staff, head = flow.staff, flow.head  # staff-1 handles the case (filed it); head-1 approves
    filed = await staff.post(
        "/v1/penalty-cases",
        json={
            "subject": {"kind": "organisation", "name": "某某电器有限公司", "credit_code": random_uscc()},
            "acts": ["using_others_number"],
            "patent_number": "ZL201910000000.4",
            "products": ["电热水壶"],
            "marks": ["专利号 ZL201910000000.4"],
            "source": "ex_officio",
            "discovered_on": days_ago(1),
            "facts": "产品包装标注他人专利号",
        },
    )
    assert filed.status_code == 201, filed.text
    case = filed.json()
    assert case["state"] == "FILED" and case["case_no"].startswith("CP")
    assert case["open_deadlines"][0]["period"] == "penalty.decision"

    too_high = await staff.post(f"/v1/penalty-cases/{case['id']}/notice", json=_notice("250000.01", "50000"))
    assert too_high.status_code == 422 and too_high.json()["errors"][0]["code"] == "above_ceiling"
    notified = await staff.post(f"/v1/penalty-cases/{case['id']}/notice", json=_notice("250000", "50000"))
    assert notified.json()["state"] == "NOTIFIED"

    early = await staff.post(f"/v1/penalty-cases/{case['id']}/decision", json=_decision())
    assert early.status_code == 422  # the subject may still ask for a hearing
    await staff.post(f"/v1/penalty-cases/{case['id']}/hearing-waiver")
    proposed = await staff.post(f"/v1/penalty-cases/{case['id']}/decision", json=_decision())
    assert proposed.status_code == 200, proposed.text
    assert proposed.json()["decision"] is None  # awaits the office head
    decided = await head.post(f"/v1/penalty-cases/{case['id']}/decision/approval")
    assert decided.status_code == 200, decided.text
    decision = decided.json()["decision"]
    assert decision["decision_no"].startswith("（")
    assert (decision["proposed_by"], decision["approved_by"]) == ("staff-1", "head-1")
    for step, body in (
        ("decision-service", {"served_on": days_ago(0)}),
        ("publication", {"published_on": days_ago(0), "reference": "公告〔2026〕1号"}),
    ):
        assert (await staff.post(f"/v1/penalty-cases/{case['id']}/{step}", json=body)).status_code == 200
    closed = await staff.post(f"/v1/penalty-cases/{case['id']}/closure")
    assert closed.json()["state"] == "CLOSED"

    outbox = messaging.outbox
    async with flow.service.container.platform.sessions() as session:
        rows = (
            await session.execute(
                select(outbox.c.payload).where(
                    outbox.c.partition_key == case["id"],
                    outbox.c.event_type == "adjudication.counterfeit_penalty_decided",
                )
            )
        ).all()
    (penalty,) = [r.payload for r in rows]
    assert penalty["fine"]["amount"] == "200000.00"
    assert penalty["publication_due"] is not None


async def test_the_fine_ceiling_is_published_as_a_rule(flow: Any) -> None:
    at_bound = (
        await flow.staff.get("/v1/penalty-cases/fine-bounds", params={"illegal_gains": "50000"})
    ).json()
    above = (await flow.staff.get("/v1/penalty-cases/fine-bounds", params={"illegal_gains": "60000"})).json()
    none = (await flow.staff.get("/v1/penalty-cases/fine-bounds")).json()
    assert (at_bound["maximum_fine"], above["maximum_fine"], none["maximum_fine"]) == (
        "250000",
        "300000",
        "250000",
    )


def _notice(fine: str, gains: str) -> dict[str, Any]:
    return {
        "fine": fine,
        "illegal_gains": gains,
        "correction_order": "责令改正并予以公告",
        "served_on": days_ago(0),
    }


def _decision() -> dict[str, Any]:
    return {
        "fine": "200000",
        "illegal_gains": "50000",
        "gains_confiscated": "50000",
        "correction_order": "责令改正并予以公告",
        "reasons": "未经许可标注他人专利号",
    }


async def test_the_penalty_list_has_a_total_and_a_stable_sort(flow: Any) -> None:
    before = (await flow.staff.get("/v1/penalty-cases")).json()["total"]  # the database outlives a session
    for discovered in (5, 1, 3):
        filed = await flow.staff.post(
            "/v1/penalty-cases",
            json={
                "subject": {"kind": "organisation", "name": "某某电器有限公司", "credit_code": random_uscc()},
                "acts": ["using_others_number"],
                "source": "ex_officio",
                "discovered_on": days_ago(discovered),
                "facts": "产品包装标注他人专利号",
            },
        )
        assert filed.status_code == 201, filed.text

    listed = (await flow.staff.get("/v1/penalty-cases", params={"sort": "-opened_at", "limit": 2})).json()
    assert listed["total"] == before + 3 and len(listed["items"]) == 2 and listed["sort"] == "-opened_at"
    opened = [item["filed_at"] for item in listed["items"]]
    assert opened == sorted(opened, reverse=True)
    by_due = (await flow.staff.get("/v1/penalty-cases", params={"sort": "due", "limit": 200})).json()
    dues = [
        min((d["due"] for d in item["open_deadlines"] if d["due"]), default=None) for item in by_due["items"]
    ]
    assert [d for d in dues if d] == sorted(d for d in dues if d) and by_due["total"] == before + 3
    assert (await flow.staff.get("/v1/penalty-cases", params={"sort": "fine"})).status_code == 422
