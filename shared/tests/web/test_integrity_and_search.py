"""Constraint violations are 409 problems naming the field; search terms match literally."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable

from shared.db import like_pattern
from shared.testing.services import RunningService
from shared.web.auth import Role

StartService = Callable[..., Awaitable[RunningService]]


async def test_a_duplicate_mediation_organisation_is_a_409_naming_the_field(
    start_service: StartService,
) -> None:
    mediation = await start_service("mediation")
    admin = mediation.client(Role.ADMIN)
    body = {
        "name": f"调解委员会-{uuid.uuid4().hex[:6]}",
        "kind": "peoples_mediation_committee",
        "seat_region_code": "330106",
    }
    first = await admin.post("/v1/organisations", json=body)
    second = await admin.post("/v1/organisations", json=body)

    assert first.status_code == 201, first.text
    assert second.status_code == 409, second.text
    problem = second.json()
    assert problem["code"] == "already_exists"
    assert [e["field"] for e in problem["errors"]] == ["name"]


async def test_a_duplicate_hearing_room_is_a_409(start_service: StartService) -> None:
    adjudication = await start_service("adjudication")
    admin = adjudication.client(Role.ADMIN)
    body = {"name": f"第一审理庭-{uuid.uuid4().hex[:6]}", "mode": "physical", "location": "三楼 301"}
    assert (await admin.post("/v1/hearing-rooms", json=body)).status_code == 201
    second = await admin.post("/v1/hearing-rooms", json=body)
    assert second.status_code == 409 and second.json()["errors"][0]["field"] == "name"


def test_search_terms_match_literally() -> None:
    assert like_pattern("50%_off\\") == "%50\\%\\_off\\\\%"
    assert like_pattern("ZL2023", anchored=True) == "ZL2023%"
