"""Credit consumes other services' events from the real broker, exactly as their contracts define them."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import httpx
import pytest

from credit.domain.vocabulary import CHINA
from credit.testing import (
    decision_effective,
    decision_revoked,
    events_on,
    performance_refused,
    publish,
    subject,
    uscc_in,
)
from shared.contracts.adjudication import (
    CounterfeitPenaltyDecidedV1,
    PenaltyDecidedV1,
    PenaltyLaw,
    PenaltySeverity,
)
from shared.contracts.common import MoneyAmount, SubjectRef
from shared.contracts.intake import FalseMaterialsFoundV1
from shared.contracts.mediation import PerformanceDefaultedV1
from shared.testing.plugin import BrokerHandle
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.web.auth import Role

pytestmark = pytest.mark.kafka
TODAY = dt.datetime.now(CHINA).date()


async def records_of(client: httpx.AsyncClient, code: str) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/subjects/{code}/credit")
    if response.status_code == 404:
        return []
    history: list[dict[str, Any]] = response.json()["history"]
    return history


async def wait_for_records(client: httpx.AsyncClient, code: str, count: int = 1) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []

    async def arrived() -> bool:
        nonlocal found
        found = await records_of(client, code)
        return len(found) >= count

    await eventually(arrived, what=f"{count} record(s) for {code}")
    return found


def penalty(code: str, decision_no: str, fine: Decimal | None) -> CounterfeitPenaltyDecidedV1:
    return CounterfeitPenaltyDecidedV1(
        case_id=uuid.uuid4(),
        case_no="AD-P",
        decision_no=decision_no,
        subject=subject(code),
        fine=MoneyAmount(amount=fine) if fine is not None else None,
        products=("标有专利号的水杯",),
        decided_on=TODAY - dt.timedelta(days=2),
    )


async def test_adjudication_outcomes_become_candidates_listings_flags_and_revocations(
    start_service: Any, broker: BrokerHandle
) -> None:
    credit: RunningService = await start_service("credit", run_workers=True, office_code="330100")
    officer = credit.client(Role.CREDIT_OFFICER)
    refuser, counterfeiter, warned, repeat = (uscc_in("330100") for _ in range(4))
    penalty_no = f"杭知罚〔2026〕{uuid.uuid4().hex[:6]}号"
    patent = f"ZL2023{uuid.uuid4().int % 10**8:08d}.X"

    await publish(
        broker.bootstrap_servers,
        [
            (
                performance_refused(subject(refuser), decision_no="杭知裁〔2026〕1号", found_on=TODAY),
                "case-1",
            ),
            (penalty(counterfeiter, penalty_no, Decimal("30000")), "case-2"),
            (penalty(warned, f"{penalty_no}-warning", None), "case-3"),
            (
                decision_effective(
                    (subject(repeat),),
                    decision_no="D-old",
                    patent=patent,
                    effective_on=TODAY - dt.timedelta(days=700),
                ),
                "case-4",
            ),
            (
                decision_effective(
                    (subject(repeat),), decision_no="D-new", patent=patent, effective_on=TODAY
                ),
                "case-5",
            ),
        ],
    )

    (refusal,) = await wait_for_records(officer, refuser)
    assert (refusal["state"], refusal["behaviour"], refusal["list_type"]) == (
        "CANDIDATE",
        "refusal_to_perform",
        "cnipa_dishonest",
    )
    (listing,) = await wait_for_records(officer, counterfeiter)
    assert (listing["state"], listing["list_type"]) == ("LISTED", "penalty_publication")
    (flagged,) = await wait_for_records(officer, repeat)
    # §C.2: the SAMR serious list needs a heavier administrative penalty first; a repeat infringement
    # found in adjudications (civil-dispute decisions) goes to the CNIPA list (§C.1 [P]), not samr_serious.
    assert (flagged["behaviour"], flagged["list_type"]) == ("repeat_infringement", "cnipa_dishonest")

    listed_events = await events_on(
        broker.bootstrap_servers, "credit.record", where=lambda e: e.data["record_id"] == listing["record_id"]
    )
    assert [e.type for e in listed_events] == ["credit.dishonest_listed"]
    assert listed_events[0].data["subject"]["credit_code"] == counterfeiter
    assert listed_events[0].correlationid  # the producer's correlation id travelled with the input
    (flag,) = await events_on(
        broker.bootstrap_servers, "credit.subject", where=lambda e: e.data["subject"]["credit_code"] == repeat
    )
    assert flag.type == "credit.repeat_infringer.flagged"
    assert [p["decision_no"] for p in flag.data["prior_decisions"]] == ["D-old"]
    assert (await officer.get(f"/v1/subjects/{repeat}/credit")).json()["repeat_flags"][0][
        "decision_no"
    ] == "D-new"

    await publish(broker.bootstrap_servers, [(decision_revoked(penalty_no, revoked_on=TODAY), "case-2")])

    (revoked,) = await events_on(
        broker.bootstrap_servers,
        "credit.record",
        where=lambda e: e.type == "credit.revoked" and e.data["record_id"] == listing["record_id"],
    )
    assert revoked.data["was_published"] is False and revoked.data["revoked_by"] == "杭州市中级人民法院"
    assert await records_of(officer, warned) == []  # neither fine nor confiscation: nothing to publish


async def test_intake_and_mediation_findings_become_candidates_and_unknown_subjects_wait(
    start_service: Any, broker: BrokerHandle
) -> None:
    """With MEDIATION_DEFAULT_CANDIDATES on, a confirmed agreement's default opens a CNIPA candidate."""
    credit: RunningService = await start_service(
        "credit", run_workers=True, office_code="330100", mediation_default_candidates=True
    )
    officer = credit.client(Role.CREDIT_OFFICER)
    liar, defaulter, lucky = (uscc_in("330100") for _ in range(3))
    nobody = f"查无此人贸易有限公司{uuid.uuid4().hex[:6]}"

    def defaulted(code: str, confirmed: bool) -> PerformanceDefaultedV1:
        return PerformanceDefaultedV1(
            case_id=uuid.uuid4(),
            case_no="MD-1",
            agreement_id=uuid.uuid4(),
            subject=subject(code),
            obligation="第二期赔偿款",
            due_on=TODAY - dt.timedelta(days=30),
            confirmed_by_court=confirmed,
            court_ruling_no="(2026)浙0106民特1号" if confirmed else None,
            found_on=TODAY,
        )

    await publish(
        broker.bootstrap_servers,
        [
            (
                FalseMaterialsFoundV1(
                    complaint_id=uuid.uuid4(),
                    reference="TS2026-00000042",
                    subject=subject(liar),
                    finding="伪造专利权评价报告",
                    found_by="staff-3",
                    found_at=dt.datetime.now(dt.UTC),
                ),
                "complaint-1",
            ),
            (
                FalseMaterialsFoundV1(
                    complaint_id=uuid.uuid4(),
                    reference="TS2026-00000043",
                    subject=SubjectRef(name=nobody),
                    finding="伪造授权书",
                    found_by="staff-3",
                    found_at=dt.datetime.now(dt.UTC),
                ),
                "complaint-2",
            ),
        ],
        source="/ipcase/330100/intake",
    )
    await publish(
        broker.bootstrap_servers,
        [(defaulted(defaulter, True), "m-1"), (defaulted(lucky, False), "m-2")],
        source="/ipcase/330100/mediation",
    )

    (false_materials,) = await wait_for_records(officer, liar)
    (default,) = await wait_for_records(officer, defaulter)
    assert false_materials["behaviour"] == "false_materials"
    assert default["behaviour"] == "mediation_agreement_default"
    assert default["underlying_decision"]["doc_no"] == "(2026)浙0106民特1号"
    assert await records_of(officer, lucky) == []  # an agreement no court confirmed is not an input

    parked: list[dict[str, Any]] = []

    async def was_parked() -> bool:
        nonlocal parked
        waiting = (await officer.get("/v1/unmatched-inputs", params={"limit": 500})).json()["items"]
        parked = [p for p in waiting if p["subject"]["name"] == nobody]
        return bool(parked)

    await eventually(was_parked, what="the unidentified subject's input to be parked")
    identified = uscc_in("330100")
    resolved = await officer.post(
        f"/v1/unmatched-inputs/{parked[0]['id']}/resolution",
        json={"subject": {"kind": "organisation", "name": nobody, "credit_code": identified}},
    )
    again = await officer.post(f"/v1/unmatched-inputs/{parked[0]['id']}/dismissal", json={"reason": "x"})

    assert resolved.status_code == 200 and resolved.json()["status"] == "resolved"
    assert again.status_code == 409
    (record,) = await records_of(officer, identified)
    assert record["record_id"] == resolved.json()["settlement"]["record_id"]


async def test_a_heavier_trademark_penalty_from_the_broker_opens_the_samr_serious_route(
    start_service: Any, broker: BrokerHandle
) -> None:
    """Issue 18, §C.2: the SAMR serious list needs a heavier administrative penalty first; a repeat
    trademark infringement decided more heavily (商标法 art. 60 ¶2) is published and becomes a candidate."""
    credit: RunningService = await start_service("credit", run_workers=True, office_code="330100")
    officer = credit.client(Role.CREDIT_OFFICER)
    repeat = uscc_in("330100")
    decision_no = f"（2026）浙知商罚字第{uuid.uuid4().int % 10000}号"
    await publish(
        broker.bootstrap_servers,
        [
            (
                PenaltyDecidedV1(
                    case_id=uuid.uuid4(),
                    case_no="CP2026-330100-000002",
                    decision_no=decision_no,
                    law=PenaltyLaw.TRADEMARK,
                    severity=PenaltySeverity.HEAVIER,
                    subject=subject(repeat),
                    right_number="第12345678号",
                    fine=MoneyAmount(amount=Decimal("220000")),
                    goods_confiscated=("运动鞋 1,200 双",),
                    aggravated=True,
                    repeat_of=("（2024）浙知商罚字第9号",),
                    decided_on=TODAY - dt.timedelta(days=1),
                ),
                "case-tm",
            )
        ],
    )
    records = await wait_for_records(officer, repeat, count=2)
    assert sorted((r["list_type"], r["behaviour"], r["state"]) for r in records) == [
        ("penalty_publication", "trademark_infringement", "LISTED"),
        ("samr_serious", "repeat_infringement", "CANDIDATE"),
    ]
