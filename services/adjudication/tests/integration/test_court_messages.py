"""Court messages count only through the partners gateway; refusals change nothing and are answered.

The forged records of issue 14 (an unauthenticated ``court.admin_suit.filed`` moved a case to
UNDER_ADMIN_LITIGATION) now end as ``court_message.rejected``, an audit entry (denied) and a counter;
a genuine message from the wrong court, or for no case, is refused the same way — not dead-lettered.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

from aiokafka import AIOKafkaProducer

from shared.contracts import CloudEvent
from shared.contracts.court import AdminSuitFiledV1, AdminSuitJudgedV1, EnforcementRuledV1, JudgmentResult
from shared.signing import SIGNATURE_HEADER, SigningKey, sign_event, structured_event
from shared.testing.gateway import TEST_GATEWAY_KEY, court_rejection
from shared.testing.waiting import eventually
from shared.web.auth import Role

from .conftest import CaseFlow, today

COURT = "/ipcase/000000/partners"


def suit(case_id: uuid.UUID, decision_no: str, court_code: str = "110108") -> AdminSuitFiledV1:
    return AdminSuitFiledV1(
        case_id=case_id,
        decision_no=decision_no,
        court_code=court_code,
        court_case_no="（2026）京73行初9号",
        plaintiff="respondent-1",
        filed_on=today(),
    )


def judgment(case_id: uuid.UUID, decision_no: str, court_code: str) -> AdminSuitJudgedV1:
    return AdminSuitJudgedV1(
        case_id=case_id,
        decision_no=decision_no,
        court_code=court_code,
        court_case_no="（2026）京73行初9号",
        result=JudgmentResult.REVOKED,
        judgment_no="（2026）京73行初9号判决",
        effective_on=today(),
    )


async def state(flow: CaseFlow, case_id: uuid.UUID) -> str:
    return str((await flow.staff.get(f"/v1/cases/{case_id}")).json()["state"])


async def until(flow: CaseFlow, case_id: uuid.UUID, expected: str) -> None:
    async def reached() -> bool:
        return await state(flow, case_id) == expected

    await eventually(reached, within=20, what=f"case {case_id} in {expected}")


async def decided_and_served(flow: CaseFlow) -> tuple[uuid.UUID, str]:
    case_id = await flow.open()
    await flow.to_review(case_id)
    await flow.decide(case_id, decided=0)
    await flow.serve_decision(case_id, served=0)
    decision_no = (await flow.staff.get(f"/v1/cases/{case_id}/file")).json()["decision"]["decision_no"]
    assert await state(flow, case_id) == "LITIGATION_WINDOW"
    return case_id, decision_no


async def denied_entries(flow: CaseFlow, event_id: str) -> list[dict[str, Any]]:
    auditor = flow.service.client(Role.AUDITOR, subject="auditor-1")
    trail = await auditor.get("/v1/audit-trail", params={"object_id": event_id})
    assert trail.status_code == 200, trail.text
    return [e for e in trail.json()["items"] if e["outcome"] == "denied"]


async def refused_count(flow: CaseFlow, reason: str) -> float:
    response = await flow.service.client(Role.ADMIN, subject="admin-metrics").get("/metrics")
    assert response.status_code == 200, response.text
    metrics = response.text
    prefix = f'ipcase_court_messages_refused_total{{consumer="adjudication.inbound",reason="{reason}"}} '
    return sum(float(line.removeprefix(prefix)) for line in metrics.splitlines() if line.startswith(prefix))


async def test_forged_court_messages_change_nothing_and_are_answered(
    start_service: Any, publish: Any, broker: Any, office_code: str
) -> None:
    service = await start_service(
        "adjudication", office_code=office_code, run_workers=True, office_abbreviation=f"京{office_code[2:]}"
    )
    flow = CaseFlow(service, office_code)
    case_id, decision_no = await decided_and_served(flow)
    before = await refused_count(flow, "signature_missing")

    # The attack: one unauthenticated record, as anyone on the broker could send it.
    unsigned = await publish(suit(case_id, decision_no), key=str(case_id), source=COURT, signed_by=None)
    # A court's own key (or any key) is not the gateway's.
    forged = await publish(
        suit(case_id, decision_no, court_code="FORGED-COURT"),
        key=str(case_id),
        source=COURT,
        signed_by=SigningKey.generate(kid=TEST_GATEWAY_KEY.kid),
    )

    missing = await court_rejection(broker.bootstrap_servers, unsigned.id)
    assert (missing.reason_code, missing.original_type, missing.court_code) == (
        "signature_missing",
        "court.admin_suit.filed",
        "",
    )
    assert "gateway" in missing.reason and "网关" in missing.reason_zh
    mismatch = await court_rejection(broker.bootstrap_servers, forged.id)
    assert mismatch.reason_code == "signature_mismatch"
    assert await state(flow, case_id) == "LITIGATION_WINDOW"
    [entry] = await denied_entries(flow, unsigned.id)
    assert entry["action"] == "consume.court.admin_suit.filed"
    assert entry["details"]["reason_code"] == "signature_missing"
    assert await refused_count(flow, "signature_missing") == before + 1

    # The genuine message, forwarded by the gateway, still works.
    await publish(suit(case_id, decision_no), key=str(case_id), source=COURT)
    await until(flow, case_id, "UNDER_ADMIN_LITIGATION")


async def test_a_tampered_or_mislabelled_message_is_refused(
    start_service: Any, broker: Any, office_code: str
) -> None:
    """Signed by the gateway, then changed; or naming a court other than the one the gateway attested."""
    service = await start_service(
        "adjudication", office_code=office_code, run_workers=True, office_abbreviation=f"京{office_code[2:]}"
    )
    flow = CaseFlow(service, office_code)
    case_id, decision_no = await decided_and_served(flow)
    genuine = CloudEvent.from_data(suit(case_id, decision_no), source=COURT, subject=str(case_id))
    tampered = json.dumps({**genuine.data, "court_code": "110109"}).encode()
    mislabelled = CloudEvent.from_data(
        suit(case_id, decision_no, "110109"), source=COURT, subject=str(case_id)
    )
    attested = [*mislabelled.header_attributes(), ("ce_partnercode", "110108")]
    producer = AIOKafkaProducer(bootstrap_servers=broker.bootstrap_servers, enable_idempotence=False)
    await producer.start()
    try:
        for headers, data, value in (
            (genuine.header_attributes(), genuine.data, tampered),
            (attested, mislabelled.data, mislabelled.kafka_value()),
        ):
            signature = sign_event(structured_event(headers, data), TEST_GATEWAY_KEY)
            raw = [(name, text.encode()) for name, text in headers] + [(SIGNATURE_HEADER, signature.encode())]
            await producer.send_and_wait(
                "court.adjudication", key=str(case_id).encode(), value=value, headers=raw
            )
    finally:
        await producer.stop()

    assert (await court_rejection(broker.bootstrap_servers, genuine.id)).reason_code == "signature_mismatch"
    identity = await court_rejection(broker.bootstrap_servers, mislabelled.id)
    assert (identity.reason_code, identity.court_code) == ("identity_mismatch", "110108")
    assert await state(flow, case_id) == "LITIGATION_WINDOW"


async def test_a_genuine_message_that_breaks_a_rule_is_refused_not_dead_lettered(
    start_service: Any, publish: Any, broker: Any, office_code: str
) -> None:
    service = await start_service(
        "adjudication", office_code=office_code, run_workers=True, office_abbreviation=f"京{office_code[2:]}"
    )
    flow = CaseFlow(service, office_code)
    case_id, decision_no = await decided_and_served(flow)
    await publish(suit(case_id, decision_no, court_code="110108"), key=str(case_id), source=COURT)
    await until(flow, case_id, "UNDER_ADMIN_LITIGATION")

    # Another court judges a suit that is not before it.
    other_court = await publish(judgment(case_id, decision_no, "110109"), key=str(case_id), source=COURT)
    # No such case at all.
    nowhere = uuid.uuid4()
    unknown = await publish(
        EnforcementRuledV1(
            case_id=nowhere,
            court_code="110108",
            ruling_no="（2026）京73行审1号",
            granted=True,
            ruled_on=today(),
        ),
        key=str(nowhere),
        source=COURT,
    )

    wrong_court = await court_rejection(broker.bootstrap_servers, other_court.id)
    assert (wrong_court.reason_code, wrong_court.court_code) == ("object_denied", "110109")
    assert wrong_court.reason and wrong_court.reason_zh
    not_found = await court_rejection(broker.bootstrap_servers, unknown.id)
    assert not_found.court_code == "110108" and "not_found" in not_found.reason_code
    assert await state(flow, case_id) == "UNDER_ADMIN_LITIGATION"
    assert await denied_entries(flow, other_court.id)

    # The suit's own court judges it.
    await publish(judgment(case_id, decision_no, "110108"), key=str(case_id), source=COURT)
    await until(flow, case_id, "REVOKED")
