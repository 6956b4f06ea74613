"""One complaint is one trace: intake's HTTP request → outbox → relay → Kafka → adjudication's consumer."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from shared import tracing
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.testing.waiting import eventually
from shared.web.auth import Role

EXPORTER = InMemorySpanExporter()
PROVIDER = TracerProvider()
PROVIDER.add_span_processor(SimpleSpanProcessor(EXPORTER))


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    """Tracing on for this test only, exporting to memory; off again afterwards, so the other tests
    of the session run untraced (OpenTelemetry's global provider can be set once per process)."""
    tracing.install_provider(PROVIDER)
    EXPORTER.clear()
    yield EXPORTER
    tracing.disable()
    EXPORTER.clear()


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


def ancestry(span: ReadableSpan, by_id: dict[int, ReadableSpan]) -> list[str]:
    """The names from ``span`` up to the root of its trace."""
    names = [span.name]
    while span.parent is not None and span.parent.span_id in by_id:
        span = by_id[span.parent.span_id]
        names.append(span.name)
    return names


async def test_a_complaint_is_one_trace_from_intake_to_adjudication(
    start_service: Any, spans: InMemorySpanExporter
) -> None:
    intake, adjudication = await asyncio.gather(
        start_service("intake", run_workers=True, tracing_enabled=True),
        start_service("adjudication", run_workers=True, tracing_enabled=True),
    )
    created = await intake.client(Role.STAFF).post("/v1/complaints", json=complaint())
    assert created.status_code == 201, created.text
    complaint_id = created.json()["id"]
    cases = adjudication.client(Role.STAFF)  # an adjudicator sees only its panel's cases

    async def opened() -> bool:
        return bool((await cases.get(f"/v1/cases?complaint_id={complaint_id}")).json()["items"])

    await eventually(opened, what="adjudication to open the case")

    (request,) = [
        s for s in spans.get_finished_spans() if s.name == "POST /v1/complaints" and s.kind == SpanKind.SERVER
    ]
    trace_id = request.context.trace_id

    def in_trace() -> list[ReadableSpan]:
        return [s for s in spans.get_finished_spans() if s.context.trace_id == trace_id]

    def adjudication_processed() -> bool:
        return any(s.name.endswith(" process") and s.kind == SpanKind.CONSUMER for s in in_trace())

    async def check() -> bool:
        return adjudication_processed()

    await eventually(check, what="adjudication's consumer span in the request's trace")
    trace = in_trace()
    by_id = {s.context.span_id: s for s in trace}
    process = next(
        s
        for s in trace
        if s.name.endswith(" process")
        and s.attributes
        and s.attributes.get("messaging.consumer.group.name")
        == adjudication.container.worker.consumers[0].name
    )
    assert process.context.trace_id == request.context.trace_id
    chain = ancestry(process, by_id)
    # process ← publish ← intake's server span (← the test's own httpx client span: httpx is traced too)
    assert chain[:3] == ["intake.complaint.routed process", "intake.complaint publish", "POST /v1/complaints"]
    publish = by_id[process.parent.span_id]  # type: ignore[union-attr]
    assert publish.name.endswith(" publish") and publish.kind == SpanKind.PRODUCER
    assert process.attributes["messaging.message.id"] == publish.attributes["messaging.message.id"]  # type: ignore[index]
    # The consumer's effects are in the trace too: its SQL, and the events it wrote in turn.
    children = [s for s in trace if s.parent is not None and s.parent.span_id == process.context.span_id]
    assert any(s.attributes and s.attributes.get("db.system") == "postgresql" for s in children), [
        s.name for s in children
    ]

    # adjudication's own events (the case it opened) continue the same trace through its relay.
    async def case_event_published() -> bool:
        spans_now = {s.context.span_id: s for s in in_trace()}
        return any(
            s.name == "adjudication.case publish" and ancestry(s, spans_now)[1] == process.name
            for s in spans_now.values()
        )

    await eventually(case_event_published, what="adjudication's case event in the same trace")


async def test_a_webhook_request_is_a_client_span_and_carries_its_traceparent(
    spans: InMemorySpanExporter,
) -> None:
    from partners.adapters.http import WebhookClient
    from partners.domain.delivery import Attempt
    from shared.testing.serving import serving

    traceparents: list[str] = []

    async def endpoint(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        traceparents.extend(v.decode() for k, v in scope["headers"] if k == b"traceparent")
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async with serving(endpoint, what="the webhook endpoint") as base:
        client = WebhookClient(timeout=5.0)
        try:
            with tracing.tracer.start_as_current_span("webhooks round"):
                response = await client.send(Attempt(f"{base}/hook", {}, "{}"))
        finally:
            await client.close()

    assert response.status_code == 204
    (client_span,) = [s for s in spans.get_finished_spans() if s.kind is SpanKind.CLIENT]
    assert dict(client_span.attributes or {})["http.status_code"] == 204
    assert len(traceparents) == 1 and f"{client_span.context.trace_id:032x}" in traceparents[0]
