"""Docket numbers are gap-free per office and year, also when many cases are docketed at once."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
from typing import Any

from adjudication.domain.values.parties import PartyRecord, PartyRole
from shared.calendar import SHANGHAI
from shared.testing.refs import random_patent_number
from shared.vocabulary import PartyKind

CONCURRENT = 12


def sequence(docket_no: str) -> int:
    match = re.search(r"第(\d+)号$", docket_no)
    assert match, docket_no
    return int(match.group(1))


async def test_concurrent_docketing_numbers_every_case_once_without_gaps(flow: Any) -> None:
    cases = [await flow.open(received_days_ago=2) for _ in range(CONCURRENT)]

    results = await asyncio.gather(*(flow.docket(case_id) for case_id in cases))

    numbers = sorted(sequence(r["docket_no"]) for r in results)
    assert numbers == list(range(1, CONCURRENT + 1))
    year = dt.datetime.now(SHANGHAI).year
    assert all(r["docket_no"].startswith(f"（{year}）京{flow.office_code[2:]}知裁字") for r in results)


async def test_a_refused_docketing_gives_its_number_back(flow: Any) -> None:
    first = await flow.open(received_days_ago=2)
    blocked = await flow.open(received_days_ago=2, court_action_pending=True)
    second = await flow.open(received_days_ago=2)
    await flow.docket(first)
    refused = await flow.staff.post(f"/v1/cases/{blocked}/docket", json=_body())
    docketed = await flow.docket(second)

    assert refused.status_code == 409 and refused.json()["code"] == "acceptance_blocked"
    assert sequence(docketed["docket_no"]) == 2


async def test_the_same_dispute_accepted_here_first_blocks_a_second_docketing(flow: Any) -> None:
    patent = random_patent_number()
    original = await flow.open(received_days_ago=2, patent_number=patent)
    await flow.docket(original)
    file = (await flow.staff.get(f"/v1/cases/{original}/file")).json()
    same_parties = {
        "requester": PartyRecord(
            party_id="requester",
            role=PartyRole.REQUESTER,
            kind=PartyKind.ORGANISATION,
            name=file["requester"]["name"],
            credit_code=file["requester"]["credit_code"],
        ),
        "respondents": (
            PartyRecord(
                party_id="respondent-1",
                role=PartyRole.RESPONDENT,
                kind=PartyKind.ORGANISATION,
                name=file["respondents"][0]["name"],
                credit_code=file["respondents"][0]["credit_code"],
                region_code=flow.office_code,
            ),
        ),
    }
    duplicate = await flow.open(received_days_ago=1, patent_number=patent, **same_parties)

    response = await flow.staff.post(f"/v1/cases/{duplicate}/docket", json=_body())

    assert response.status_code == 409
    assert "first" in response.json()["detail_en"]


def _body() -> dict[str, Any]:
    return {
        "jurisdiction": {"basis": "respondent_domicile"},
        "checklist": {
            "requester_entitled": True,
            "respondent_identified": True,
            "claims_specific": True,
            "patent_valid": True,
        },
    }
