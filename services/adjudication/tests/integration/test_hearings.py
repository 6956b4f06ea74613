"""Hearings over HTTP: rooms, conflicts between cases (checked, and backed by the database), notices."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from typing import Any

from shared.calendar import SHANGHAI


def at(days_ahead: int, hour: int) -> str:
    day = dt.datetime.now(SHANGHAI).date() + dt.timedelta(days=days_ahead)
    return dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI).isoformat()


async def room(flow: Any) -> str:
    created = await flow.staff.post(
        "/v1/hearing-rooms",
        json={"name": f"审理庭-{uuid.uuid4().hex[:6]}", "mode": "physical", "location": "三楼 301"},
    )
    assert created.status_code == 201, created.text
    room_id: str = created.json()["id"]
    return room_id


async def case_with_panel(flow: Any, person: str) -> tuple[uuid.UUID, str]:
    case_id = await flow.open()
    await flow.to_review(case_id)
    read = await flow.post(
        case_id, "participants", {"person_id": person, "name": "李组长", "role": "presiding"}, as_panel=True
    )
    assert read["state"] == "IN_REVIEW"
    file = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()
    return case_id, next(p["id"] for p in file["participants"] if p["person_id"] == person)


def plan(room_id: str, participant: str, start_hour: int = 9, **extra: Any) -> dict[str, Any]:
    return {
        "room_id": room_id,
        "starts_at": at(14, start_hour),
        "ends_at": at(14, start_hour + 3),
        "participant_ids": [participant],
        **extra,
    }


async def test_a_room_or_a_person_cannot_be_in_two_hearings_at_once(flow: Any) -> None:
    hall = await room(flow)
    first, first_panel = await case_with_panel(flow, f"judge-{uuid.uuid4().hex[:6]}")
    second, second_panel = await case_with_panel(flow, f"judge-{uuid.uuid4().hex[:6]}")
    scheduled = await flow.post(first, "hearings", plan(hall, first_panel), as_panel=True)
    assert scheduled["state"] == "HEARING_SCHEDULED"

    same_room = await flow.adjudicator.post(f"/v1/cases/{second}/hearings", json=plan(hall, second_panel, 11))
    other_room = await flow.post(second, "hearings", plan(await room(flow), second_panel, 11), as_panel=True)

    assert same_room.status_code == 409
    assert same_room.json()["code"] == "hearing_conflict"
    assert other_room["state"] == "HEARING_SCHEDULED"


async def test_the_same_person_is_not_booked_twice(flow: Any) -> None:
    judge = f"judge-{uuid.uuid4().hex[:6]}"
    first, first_panel = await case_with_panel(flow, judge)
    second, second_panel = await case_with_panel(flow, judge)
    await flow.post(first, "hearings", plan(await room(flow), first_panel), as_panel=True)

    clash = await flow.adjudicator.post(
        f"/v1/cases/{second}/hearings", json=plan(await room(flow), second_panel, 10)
    )

    assert clash.status_code == 409
    assert f"person:{judge}" in clash.json()["detail_en"]


async def test_simultaneous_bookings_of_one_room_leave_exactly_one_hearing(flow: Any) -> None:
    hall = await room(flow)
    cases = [await case_with_panel(flow, f"judge-{uuid.uuid4().hex[:6]}") for _ in range(4)]

    responses = await asyncio.gather(
        *(
            flow.adjudicator.post(f"/v1/cases/{case_id}/hearings", json=plan(hall, panel))
            for case_id, panel in cases
        )
    )

    assert sorted(r.status_code for r in responses) == [200, 409, 409, 409]
    assert {r.json()["code"] for r in responses if r.status_code == 409} == {"hearing_conflict"}


async def test_a_short_notice_needs_a_recorded_reason(flow: Any) -> None:
    case_id, panel = await case_with_panel(flow, f"judge-{uuid.uuid4().hex[:6]}")
    tomorrow = {
        "room_id": await room(flow),
        "starts_at": at(1, 9),
        "ends_at": at(1, 12),
        "participant_ids": [panel],
    }

    refused = await flow.adjudicator.post(f"/v1/cases/{case_id}/hearings", json=tomorrow)
    accepted = await flow.post(
        case_id, "hearings", tomorrow | {"short_notice_reason": "双方书面同意"}, as_panel=True
    )

    assert refused.status_code == 422 and refused.json()["errors"][0]["code"] == "notice_too_short"
    assert [a["code"] for a in accepted["advisories"]] == ["short_notice"]


async def test_cancelling_frees_the_room(flow: Any) -> None:
    hall = await room(flow)
    first, first_panel = await case_with_panel(flow, f"judge-{uuid.uuid4().hex[:6]}")
    second, second_panel = await case_with_panel(flow, f"judge-{uuid.uuid4().hex[:6]}")
    await flow.post(first, "hearings", plan(hall, first_panel), as_panel=True)
    hearing_id = (await flow.staff.get(f"/v1/cases/{first}/file")).json()["hearings"][0]["id"]

    await flow.post(first, f"hearings/{hearing_id}/cancellation", {"reason": "改期"}, as_panel=True)
    moved_in = await flow.post(second, "hearings", plan(hall, second_panel), as_panel=True)

    assert moved_in["state"] == "HEARING_SCHEDULED"
