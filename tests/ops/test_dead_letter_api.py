"""The dead-letter console over HTTP: admin only, every call in the audit trail."""

from __future__ import annotations

from typing import Any

from aiokafka import AIOKafkaProducer

from shared.contracts import dead_letter_topic
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.web.auth import Role


async def park(service: RunningService, *keys: bytes) -> tuple[str, list[tuple[int, int]]]:
    """Unreadable records on a topic the service consumes: their topic's DLQ and where they are."""
    topic = service.container.worker.consumers[0].topics[0]
    producer = AIOKafkaProducer(bootstrap_servers=service.settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        sent = [await producer.send_and_wait(topic, key=key, value=b"\xff not json") for key in keys]
    finally:
        await producer.stop()
    return dead_letter_topic(topic), [(m.partition, m.offset) for m in sent]


async def test_an_admin_inspects_skips_and_retries_dead_letters_and_the_trail_keeps_it(
    start_service: Any,
) -> None:
    mediation = await start_service("mediation", run_workers=True)
    consumer = mediation.container.worker.consumers[0].name
    dlq, places = await park(mediation, b"skip-me", b"retry-me")
    admin = mediation.client(Role.ADMIN, subject="ops-admin")
    mine: dict[tuple[int, int], dict[str, Any]] = {}

    async def parked() -> bool:
        response = await admin.get("/ops/dead-letters", params={"topic": dlq})
        assert response.status_code == 200, response.text
        mine.clear()
        for item in response.json()["items"]:
            place = (item["original_partition"], item["original_offset"])
            if item["consumer"] == consumer and place in places:
                mine[place] = item
        return len(mine) == 2

    await eventually(parked, within=20, what="both records to be dead-lettered")
    to_skip, to_retry = (mine[place] for place in places)
    assert to_skip["error_type"] == "MalformedEvent" and to_skip["status"] == "open"
    path = f"/ops/dead-letters/{dlq}/{to_skip['partition']}/{to_skip['offset']}"

    shown = await admin.get(path)
    assert shown.status_code == 200, shown.text
    assert shown.json()["key"] == "skip-me"
    assert "not json" in shown.json()["payload"]
    assert "not JSON" in shown.json()["error"]["message"]

    refused = await mediation.client(Role.STAFF).get(path)
    assert refused.status_code == 403
    assert (await admin.post(f"{path}/skip", json={"reason": ""})).status_code == 422
    skipped = await admin.post(f"{path}/skip", json={"reason": "test record from a partner"})
    assert skipped.status_code == 200, skipped.text
    assert (await admin.post(f"{path}/skip", json={"reason": "again"})).status_code == 409
    assert (await admin.get(f"/ops/dead-letters/{dlq}/0/99999999")).status_code == 404

    retry_path = f"/ops/dead-letters/{dlq}/{to_retry['partition']}/{to_retry['offset']}/retry"
    retried = await admin.post(retry_path)
    assert retried.status_code == 200, retried.text

    async def parked_again() -> bool:  # still unreadable: the consumer that failed parks it again
        response = await admin.get("/ops/dead-letters", params={"topic": dlq})
        return any(
            item["consumer"] == consumer and item["offset"] > to_retry["offset"]
            for item in response.json()["items"]
        )

    await eventually(parked_again, within=20, what="the retried record to reach its consumer again")
    listed = (await admin.get("/ops/dead-letters", params={"topic": dlq, "include_resolved": True})).json()
    statuses = {item["ref"]: item["status"] for item in listed["items"]}
    assert statuses[to_skip["ref"]] == "skipped"
    assert statuses[to_retry["ref"]] == "retried"

    trail = await mediation.client(Role.AUDITOR).get("/v1/audit-trail", params={"actor": "ops-admin"})
    actions = [(e["action"], e["object_id"], e["outcome"]) for e in trail.json()["items"]]
    assert ("dead_letters.show", to_skip["ref"], "read") in actions
    assert ("dead_letters.skip", to_skip["ref"], "succeeded") in actions
    assert ("dead_letters.retry", to_retry["ref"], "succeeded") in actions
    skip_entry = next(e for e in trail.json()["items"] if e["action"] == "dead_letters.skip")
    assert skip_entry["details"]["reason"] == "test record from a partner"
