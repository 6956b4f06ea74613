"""The damages calculator on a mediation case (§A.13): the case's mediator sees the explained computation;
a mediator not on the case cannot; a bad multiple is a 422 problem in both languages."""

from __future__ import annotations

from typing import Any

from shared.testing.services import RunningService
from shared.web.auth import Role

from .test_case_api import court_assignment, court_client, open_and_start


async def test_the_mediator_computes_damages_on_the_case(
    mediation: RunningService, roster: dict[str, Any]
) -> None:
    case = await open_and_start(mediation, roster)
    mediator = mediation.client(Role.MEDIATOR, subject=roster["account"])
    computed = await mediator.post(
        f"/v1/cases/{case['id']}/damages-calculation",
        json={
            "law": "patent",
            "actual_loss": "100000",
            "wilful": True,
            "serious": True,
            "punitive_multiple": "3",
            "reasonable_costs": "20000",
        },
    )
    assert computed.status_code == 200, computed.text
    result = computed.json()
    assert (result["method"], result["total"], result["punitive_applied"]) == (
        "actual_loss",
        "320000.00",
        True,
    )
    assert [s["code"] for s in result["steps"]] == ["actual_loss", "punitive", "reasonable_costs"]
    assert result["steps"][0]["basis"] == [{"instrument": "专利法", "article": "71 ¶1"}]
    statutory = await mediator.post(f"/v1/cases/{case['id']}/damages-calculation", json={"law": "copyright"})
    assert (statutory.json()["method"], statutory.json()["total"]) == ("statutory", "500.00")

    bad = await mediator.post(
        f"/v1/cases/{case['id']}/damages-calculation", json={"law": "patent", "punitive_multiple": "6"}
    )
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")


async def test_only_those_who_work_on_the_case_compute_on_it(mediation: RunningService) -> None:
    case = (await court_client(mediation).post("/v1/court-assignments", json=court_assignment())).json()
    stranger = mediation.client(Role.MEDIATOR, subject="not-on-the-roster")
    body = {"law": "trademark", "actual_loss": "1000"}
    assert (await stranger.post(f"/v1/cases/{case['id']}/damages-calculation", json=body)).status_code == 403
    assert (
        await court_client(mediation).post(f"/v1/cases/{case['id']}/damages-calculation", json=body)
    ).status_code == 403
