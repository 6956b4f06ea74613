"""Closing the loop: adjudication and mediation events move the complaint (real broker, real consumer)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from intake.testing import complaint_body, publish
from shared.contracts.adjudication import CaseOpenedV1, DecisionEffectiveV1
from shared.contracts.common import Label, Outcome, RightRef, SubjectRef
from shared.contracts.mediation import MediationCaseOpenedV1, MediationConcludedV1, MediationResult, Origin
from shared.testing.waiting import eventually
from shared.vocabulary import IpType
from shared.web.auth import Role

NOW = dt.datetime(2026, 9, 16, 9, tzinfo=dt.UTC)


async def _status_becomes(client: Any, complaint_id: str, status: str) -> dict[str, Any]:
    latest: dict[str, Any] = {}

    async def check() -> bool:
        latest.update((await client.get(f"/v1/complaints/{complaint_id}")).json())
        now: str = latest["status"]
        return now == status

    await eventually(check, what=f"complaint {complaint_id} to be {status}")
    return latest


async def test_an_adjudication_case_is_followed_to_its_effective_decision(
    start_intake: Any, broker: Any
) -> None:
    client = (await start_intake(run_workers=True)).client(Role.STAFF)
    complaint = (await client.post("/v1/complaints", json=complaint_body())).json()
    case_id = uuid.uuid4()

    opened = CaseOpenedV1(
        case_id=case_id, case_no="AD2026-1", complaint_id=complaint["id"], state="SUBMITTED", opened_at=NOW
    )
    await publish(broker.bootstrap_servers, opened, str(case_id))
    docketed = await _status_becomes(client, complaint["id"], "CASE_OPENED")
    assert docketed["downstream"]["case_no"] == "AD2026-1"

    effective = DecisionEffectiveV1(
        case_id=case_id,
        case_no="AD2026-1",
        decision_no="裁字〔2026〕1号",
        outcome=Outcome.INFRINGEMENT_ESTABLISHED,
        respondents=(SubjectRef(name="x"),),
        rights=(RightRef(ip_type=IpType.INVENTION_PATENT, number=complaint["right_number"]),),
        decided_on=dt.date(2026, 10, 1),
        effective_on=dt.date(2026, 10, 20),
    )
    await publish(broker.bootstrap_servers, effective, str(case_id))
    closed = await _status_becomes(client, complaint["id"], "CLOSED")
    assert "INFRINGEMENT_ESTABLISHED" in closed["downstream"]["state"]
    names = [
        e["name"] for e in (await client.get(f"/v1/complaints/{complaint['id']}/timeline")).json()["items"]
    ]
    assert names[-2:] == ["CaseOpened", "CaseConcluded"]


async def test_a_mediation_ends_the_complaint_and_unrelated_outcomes_are_ignored(
    start_intake: Any, broker: Any
) -> None:
    client = (await start_intake(run_workers=True)).client(Role.STAFF)
    complaint = (
        await client.post("/v1/complaints", json=complaint_body(requested_procedure="mediation"))
    ).json()
    case_id = uuid.uuid4()
    stranger = uuid.uuid4()

    await publish(
        broker.bootstrap_servers,
        MediationCaseOpenedV1(
            case_id=case_id,
            case_no="MD2026-9",
            complaint_id=complaint["id"],
            state="REQUESTED",
            opened_at=NOW,
        ),
        str(case_id),
    )
    await publish(
        broker.bootstrap_servers,
        MediationConcludedV1(
            case_id=stranger,
            case_no="MD-x",
            origin=Origin.ADJUDICATION_CASE,
            origin_id=str(uuid.uuid4()),
            result=MediationResult.FAILED,
            concluded_at=NOW,
        ),
        str(stranger),
    )
    await publish(
        broker.bootstrap_servers,
        MediationConcludedV1(
            case_id=case_id,
            case_no="MD2026-9",
            origin=Origin.COMPLAINT,
            origin_id=complaint["id"],
            result=MediationResult.AGREEMENT,
            concluded_at=NOW,
        ),
        str(case_id),
    )

    closed = await _status_becomes(client, complaint["id"], "CLOSED")
    assert closed["downstream"]["case_no"] == "MD2026-9"
    assert closed["downstream"]["state"] == "mediation agreement"


async def test_the_timeline_names_a_downstream_state_in_the_words_its_event_carries(
    start_intake: Any, broker: Any
) -> None:
    """Issue 17: intake does not load adjudication's catalogue, so ``DOCKETED`` and the outcome read
    as the producer named them in its event, in both languages, never as identifiers."""
    client = (await start_intake(run_workers=True)).client(Role.STAFF)
    complaint = (await client.post("/v1/complaints", json=complaint_body())).json()
    case_id = uuid.uuid4()
    opened = CaseOpenedV1(
        case_id=case_id,
        case_no="AD2026-7",
        complaint_id=complaint["id"],
        state="DOCKETED",
        state_label=Label(zh="已立案", en="docketed for adjudication"),
        opened_at=NOW,
    )
    await publish(broker.bootstrap_servers, opened, str(case_id))
    await _status_becomes(client, complaint["id"], "CASE_OPENED")
    effective = DecisionEffectiveV1(
        case_id=case_id,
        case_no="AD2026-7",
        decision_no="裁字〔2026〕7号",
        outcome=Outcome.REQUEST_REJECTED,
        outcome_label=Label(zh="驳回请求", en="request rejected"),
        respondents=(SubjectRef(name="x"),),
        rights=(RightRef(ip_type=IpType.INVENTION_PATENT, number=complaint["right_number"]),),
        decided_on=dt.date(2026, 10, 1),
        effective_on=dt.date(2026, 10, 20),
    )
    await publish(broker.bootstrap_servers, effective, str(case_id))
    await _status_becomes(client, complaint["id"], "CLOSED")

    items = (await client.get(f"/v1/complaints/{complaint['id']}/timeline")).json()["items"]
    opened_entry, concluded_entry = items[-2:]
    assert "已立案" in opened_entry["summary_zh"] and "DOCKETED" not in opened_entry["summary_zh"]
    assert "docketed for adjudication" in opened_entry["summary"]
    assert "驳回请求" in concluded_entry["summary_zh"]
    assert "REQUEST_REJECTED" not in concluded_entry["summary_zh"]
    assert "request rejected" in concluded_entry["summary"]
