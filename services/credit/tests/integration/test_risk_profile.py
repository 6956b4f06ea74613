"""The customs risk profile: findings, penalties, listings and repeat flags per code, with legal basis."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import insert, select

from credit.adapters.orm import findings, repeat_flags, subjects
from credit.domain.vocabulary import CHINA
from credit.entrypoints.routes.risk import RiskProfilesOut
from credit.testing import uscc_in
from shared.identity.principals import PrincipalKind
from shared.testing.services import RunningService
from shared.web.auth import Role

Body = Callable[..., dict[str, Any]]
TODAY = dt.datetime.now(CHINA).date()
LONG_AGO = TODAY - dt.timedelta(days=60)


async def listed(officer: httpx.AsyncClient, body: dict[str, Any]) -> str:
    rid = (await officer.post("/v1/records", json=body)).json()["record_id"]
    await officer.post(f"/v1/records/{rid}/notice", json={"served_on": str(LONG_AGO), "reasons": "r"})
    await officer.post(f"/v1/records/{rid}/decision", json={"outcome": "listed", "reasons": "r"})
    response = await officer.post(f"/v1/records/{rid}/publication", json={})
    assert response.status_code == 200, response.text
    return str(rid)


async def test_a_port_office_gets_each_codes_findings_listings_and_repeat_flags(
    credit: RunningService, entry: Body
) -> None:
    officer = credit.client(Role.CREDIT_OFFICER)
    code, clean, unknown = uscc_in("330100"), uscc_in("330100"), uscc_in("330100")
    await listed(
        officer, entry(subject={"kind": "organisation", "name": "杭州侵权贸易有限公司", "credit_code": code})
    )
    await officer.post(
        "/v1/records",
        json=entry(subject={"kind": "organisation", "name": "杭州守信科技有限公司", "credit_code": clean}),
    )
    async with credit.container.platform.sessions() as session, session.begin():
        subject_id = await session.scalar(select(subjects.c.id).where(subjects.c.credit_code == code))
        now = dt.datetime.now(dt.UTC)
        for decision in ("杭知裁〔2025〕1号", "杭知裁〔2026〕2号"):
            await session.execute(
                insert(findings).values(
                    subject_id=subject_id,
                    ip_type="invention_patent",
                    right_number="ZL202310000001.5",
                    right_key=f"invention_patent:ZL202310000001.5:{decision}",
                    case_id=uuid.uuid4(),
                    decision_no=decision,
                    effective_on=TODAY,
                    recorded_at=now,
                )
            )
        await session.execute(
            insert(repeat_flags).values(
                subject_id=subject_id,
                ip_type="invention_patent",
                right_number="ZL202310000001.5",
                decision_no="杭知裁〔2026〕2号",
                effective_on=TODAY,
                prior_decisions=["杭知裁〔2025〕1号"],
                flagged_at=now,
            )
        )

    port = credit.client(Role.CUSTOMS, kind=PrincipalKind.CUSTOMS, partner="5100")
    response = await port.post(
        "/v1/risk-profiles", json={"codes": [code.lower(), clean, unknown, "NOT-A-CODE"]}
    )
    assert response.status_code == 200, response.text
    answer = RiskProfilesOut.model_validate(response.json())
    risky, ok, nobody, bad = answer.results
    assert (risky.code, risky.known, risky.name) == (code, True, "杭州侵权贸易有限公司")
    assert sorted(f.decision_no for f in risky.findings) == ["杭知裁〔2025〕1号", "杭知裁〔2026〕2号"]
    assert risky.findings[0].legal_basis[0].instrument == "专利法"
    assert [(flag.decision_no, flag.prior_decisions) for flag in risky.repeat_flags] == [
        ("杭知裁〔2026〕2号", 1)
    ]
    assert [listing.list_type for listing in risky.listings] == ["cnipa_dishonest"]
    assert risky.listings[0].legal_basis  # the rule table's provisions for the listing
    assert (ok.known, ok.findings, ok.listings, ok.repeat_flags) == (True, [], [], [])  # a candidate only
    assert (nobody.known, nobody.valid) == (False, True)
    assert (bad.known, bad.valid) == (False, False)
    assert "grade" not in response.json()["results"][0]


async def test_the_batch_is_bounded_and_people_without_the_role_are_refused(credit: RunningService) -> None:
    port = credit.client(Role.CUSTOMS, kind=PrincipalKind.CUSTOMS, partner="5100")
    too_many = await port.post("/v1/risk-profiles", json={"codes": [uscc_in("330100")] * 1001})
    assert too_many.status_code == 422
    assert (
        await credit.client(Role.COURT).post("/v1/risk-profiles", json={"codes": ["x"]})
    ).status_code == 403
