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


LISTS = {
    "intake": ("/v1/complaints", Role.STAFF),
    "adjudication": ("/v1/cases", Role.STAFF),
    "mediation": ("/v1/cases", Role.STAFF),
    "credit": ("/v1/records", Role.CREDIT_OFFICER),
}


async def test_an_offset_past_the_deepest_page_is_a_422_in_every_service(start_service: StartService) -> None:
    # fuzzing found offset=2**63 reaching PostgreSQL (a 500); every list now bounds it at the edge
    for name, (path, role) in LISTS.items():
        service = await start_service(name)
        client = service.client(role)
        deepest = await client.get(path, params={"offset": 100_000})
        too_deep = await client.get(path, params={"offset": 2**63})
        assert deepest.status_code == 200, f"{name}: {deepest.text}"
        assert too_deep.status_code == 422, f"{name}: {too_deep.text}"
        assert too_deep.json()["errors"][0]["field"] == "query.offset", too_deep.text
