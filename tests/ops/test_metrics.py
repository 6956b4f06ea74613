"""``/metrics`` after real activity: HTTP RED per route, outbox, consumers, timers, audit, dead letters."""

from __future__ import annotations

import asyncio
from typing import Any

from aiokafka import AIOKafkaProducer
from prometheus_client.parser import text_string_to_metric_families

from shared.contracts import dead_letter_topic
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.services import RunningService
from shared.testing.waiting import eventually
from shared.web.auth import Role


def complaint() -> dict[str, Any]:
    return {
        "ip_type": "invention_patent",
        "right_number": random_patent_number(),
        "complainant": {
            "kind": "organisation",
            "name": random_name("专利权人"),
            "credit_code": random_uscc(),
        },
        "respondents": [
            {"kind": "organisation", "name": random_name("被请求人"), "credit_code": random_uscc()}
        ],
        "facts": "被请求人在其网店销售落入涉案专利权利要求1保护范围的产品。",
        "requested_procedure": "adjudication",
    }


async def case_opened(adjudication: RunningService, complaint_id: str) -> dict[str, Any]:
    client = adjudication.client(Role.STAFF)  # an adjudicator sees only the cases of its panel
    found: list[dict[str, Any]] = []

    async def opened() -> bool:
        response = await client.get(f"/v1/cases?complaint_id={complaint_id}")
        found[:] = response.json()["items"]
        return bool(found)

    await eventually(opened, within=15, what="adjudication to open the case")
    return found[0]


def samples(text: str) -> list[tuple[str, dict[str, str], float]]:
    return [
        (sample.name, dict(sample.labels), float(sample.value))
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    ]


def values(scraped: list[tuple[str, dict[str, str], float]], name: str, **labels: str) -> list[float]:
    return [
        value
        for sample, found, value in scraped
        if sample == name and all(found.get(k) == v for k, v in labels.items())
    ]


async def scrape(service: RunningService) -> list[tuple[str, dict[str, str], float]]:
    response = await service.client(Role.ADMIN).get("/metrics")
    assert response.status_code == 200, response.text
    return samples(response.text)


async def park_a_poison_record(service: RunningService) -> str:
    """An unreadable record on a topic the service consumes; returns the topic it dead-letters to."""
    topic = service.container.worker.consumers[0].topics[0]
    producer = AIOKafkaProducer(bootstrap_servers=service.settings.kafka_bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(topic, key=b"poison", value=b"\xff not json", headers=[])
    finally:
        await producer.stop()
    return dead_letter_topic(topic)


async def test_metrics_name_every_operational_figure_after_a_complaint(start_service: Any) -> None:
    intake, adjudication = await asyncio.gather(
        start_service("intake", run_workers=True), start_service("adjudication", run_workers=True)
    )
    not_found = {
        "service": "intake",
        "route": "/v1/complaints/{complaint_id}",
        "method": "GET",
        "status": "4xx",
    }
    before = sum(values(await scrape(intake), "ipcase_http_requests_total", **not_found))
    staff = intake.client(Role.STAFF)
    created = await staff.post("/v1/complaints", json=complaint())
    assert created.status_code == 201, created.text
    complaint_id = created.json()["id"]
    assert (await staff.get(f"/v1/complaints/{complaint_id}")).status_code == 200
    assert (await staff.get("/v1/complaints/00000000-0000-0000-0000-000000000000")).status_code == 404
    await case_opened(adjudication, complaint_id)
    dlq = await park_a_poison_record(adjudication)

    async def parked() -> bool:
        return any(v >= 1 for v in values(await scrape(adjudication), "ipcase_dead_letters", topic=dlq))

    await eventually(parked, within=20, what="the dead letter to show in ipcase_dead_letters")

    scraped = await scrape(intake)
    # RED: by route template (never the raw path), method and status class.
    created_count = values(
        scraped,
        "ipcase_http_requests_total",
        service="intake",
        route="/v1/complaints",
        method="POST",
        status="2xx",
    )
    assert created_count and created_count[0] >= 1
    assert values(scraped, "ipcase_http_requests_total", **not_found) == [before + 1]
    assert not [s for s in scraped if complaint_id in str(s[1])], "a raw path leaked into a label"
    assert values(
        scraped, "ipcase_http_request_duration_seconds_count", service="intake", route="/v1/complaints"
    )
    assert values(scraped, "ipcase_outbox_backlog", service="intake")[0] >= 0
    assert values(scraped, "ipcase_outbox_oldest_age_seconds", service="intake")[0] >= 0
    assert values(scraped, "ipcase_outbox_published_total", service="intake")[0] >= 1
    assert values(scraped, "ipcase_outbox_relay_leader", service="intake") == [1.0]
    assert values(scraped, "ipcase_outbox_relay_led", service="intake") == [1.0]
    assert values(scraped, "ipcase_timers_due")  # per kind; the complaint armed its deadline timer
    assert values(scraped, "ipcase_timers_overdue")

    scraped = await scrape(adjudication)
    consumer = adjudication.container.worker.consumers[0].name
    assert values(scraped, "ipcase_consumer_messages_total", consumer=consumer, outcome="applied")[0] >= 1
    assert values(scraped, "ipcase_consumer_messages_total", consumer=consumer, outcome="dead_lettered")
    assert values(scraped, "ipcase_consumer_lag_total", consumer=consumer)[0] >= 0
    assert values(scraped, "ipcase_consumer_lag", consumer=consumer)
    assert values(scraped, "ipcase_dead_letters", topic=dlq)[0] >= 1
    overdue = [(labels["office"], v) for name, labels, v in scraped if name == "ipcase_deadlines_overdue"]
    # One series per office whose cases the deployment holds (cases carry their office since issue 12);
    # the counts depend on what earlier tests left in the shared database.
    offices = [office for office, _ in overdue]
    assert adjudication.settings.office_code in offices and len(offices) == len(set(offices))
    assert all(count >= 0 and count == int(count) for _, count in overdue)

    # The chain head of a service that keeps an audit trail: a refusal is always recorded (sealed
    # onto the chain, or still waiting for the worker's sealer, which this test does not run).
    mediation = await start_service("mediation")
    refused = await mediation.client(Role.AUDITOR).get("/metrics")
    assert refused.status_code == 403, refused.text
    scraped = await scrape(mediation)
    head = values(scraped, "ipcase_audit_chain_head", service="mediation")[0]
    unsealed = values(scraped, "ipcase_audit_unsealed_entries", service="mediation")[0]
    assert head + unsealed >= 1
    assert values(scraped, "ipcase_audit_unsealed_oldest_age_seconds", service="mediation")[0] >= 0


async def test_a_worker_process_serves_the_same_gauges_without_a_token(start_service: Any) -> None:
    import httpx

    from shared.web.health import worker_health_app

    running = await start_service("adjudication", run_workers=True)
    app = running.server.config.loaded_app.app
    health = worker_health_app(running.container, app.state.worker_runner)
    scraped: list[tuple[str, dict[str, str], float]] = []

    async def relay_leads() -> bool:  # the worker takes the relay lock soon after it starts
        transport = httpx.ASGITransport(app=health)
        async with httpx.AsyncClient(transport=transport, base_url="http://worker") as client:
            response = await client.get("/metrics")
        assert response.status_code == 200
        scraped[:] = samples(response.text)
        return values(scraped, "ipcase_outbox_relay_led", service="adjudication") == [1.0]

    await eventually(relay_leads, what="the relay lock to be held")
    assert values(scraped, "ipcase_outbox_backlog", service="adjudication")
    assert values(scraped, "ipcase_consumer_lag_total", consumer=running.container.worker.consumers[0].name)
