"""Webhooks by the Standard Webhooks spec, to a receiver the test starts: signed, retried with
backoff, failed after the last attempt, redelivered on request, replayed from a date."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest_asyncio
from prometheus_client.parser import text_string_to_metric_families
from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.requests import Request
from starlette.responses import Response

from partners.testing import Register, decision_issued, partner_client
from shared.identity.principals import Role
from shared.testing.events import publish_event
from shared.testing.plugin import BrokerHandle
from shared.testing.services import RunningService
from shared.testing.serving import serving
from shared.testing.waiting import eventually, until

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


@dataclass
class Receiver:
    url: str
    fail: bool = True
    verified: list[dict[str, Any]] = field(default_factory=list)
    refused: int = 0
    attempts: int = 0


@pytest_asyncio.fixture(loop_scope="session")
async def receiver() -> AsyncIterator[Receiver]:
    """A partner's webhook endpoint: verifies every request, answers 500 while ``fail`` is set."""
    state = Receiver(url="")
    hook = Webhook(SECRET)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        body = (await request.body()).decode()
        state.attempts += 1
        try:
            hook.verify(body, dict(request.headers))
        except WebhookVerificationError:
            state.refused += 1
            await Response(status_code=400)(scope, receive, send)
            return
        if state.fail:
            await Response(status_code=500)(scope, receive, send)
            return
        state.verified.append({"id": request.headers["webhook-id"], "event": json.loads(body)})
        await Response(status_code=204)(scope, receive, send)

    async with serving(app, what="the webhook receiver") as base:
        state.url = f"{base}/hook"
        yield state


async def deliveries(client: httpx.AsyncClient, code: str) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/partners/{code}/deliveries")
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


async def test_a_failing_endpoint_is_retried_then_redelivered_on_request(
    partners_service: RunningService, register: Register, broker: BrokerHandle, receiver: Receiver
) -> None:
    code, _ = await register(channels=["webhook", "http"], webhook_url=receiver.url, webhook_secret=SECRET)
    court = partner_client(partners_service, code)
    data = decision_issued()
    await publish_event(
        broker.bootstrap_servers, data, key=str(data.case_id), source="/ipcase/330102/adjudication"
    )

    async def gave_up() -> bool:
        items = await deliveries(court, code)
        return bool(items) and items[0]["status"] == "failed"

    await eventually(gave_up, within=30, what="the delivery to fail after its retries")
    (failed,) = await deliveries(court, code)
    assert failed["attempts"] == 3 and failed["last_status_code"] == 500
    assert receiver.attempts == 3 and receiver.refused == 0  # every attempt was correctly signed
    operator = partners_service.client(Role.ADMIN)
    status = (await operator.get("/ops/status")).json()
    assert status["webhooks"][code] == {"due": 0, "retrying": 0, "failed": 1, "oldest_due_seconds": 0}
    assert await gauges(operator, code) == {"due": 0.0, "retrying": 0.0, "failed": 1.0, "oldest": 0.0}
    page = await operator.get("/ops/page")
    assert page.status_code == 200 and "Partner webhooks" in page.text
    row = re.search(rf"<tr><th>{code}</th>(.*?)</tr>", page.text, re.DOTALL)
    assert row is not None and 'class="num bad">1</td>' in row.group(1)  # one given up, flagged

    receiver.fail = False
    again = await court.post(f"/v1/partners/{code}/deliveries/{failed['id']}/redeliver")
    assert again.status_code == 202, again.text

    async def delivered() -> bool:
        items = await deliveries(court, code)
        return bool(receiver.verified) and items[0]["status"] == "delivered"

    await eventually(delivered, what="the redelivery, recorded")
    (got,) = receiver.verified
    assert got["event"]["type"] == "partner.court.decision_issued" and got["event"]["seq"] == 1
    assert got["id"] == got["event"]["id"]
    (done,) = await deliveries(court, code)
    assert done["status"] == "delivered" and done["attempts"] == 4
    assert code not in (await operator.get("/ops/status")).json()["webhooks"]
    assert await gauges(operator, code) == {"due": 0.0, "retrying": 0.0, "failed": 0.0, "oldest": 0.0}


async def gauges(operator: httpx.AsyncClient, code: str) -> dict[str, float]:
    """The partner's webhook gauges as a scrape of ``/metrics`` shows them."""
    response = await operator.get("/metrics")
    assert response.status_code == 200, response.text
    found: dict[str, float] = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.labels.get("partner") != code:
                continue
            if sample.name == "ipcase_partner_webhooks":
                found[sample.labels["state"]] = sample.value
            elif sample.name == "ipcase_partner_webhooks_oldest_due_seconds":
                found["oldest"] = sample.value
    return found


async def test_replay_from_a_date_resends_to_that_partner_only(
    partners_service: RunningService,
    register: Register,
    broker: BrokerHandle,
    receiver: Receiver,
    admin: httpx.AsyncClient,
) -> None:
    receiver.fail = False
    code, _ = await register(channels=["webhook"], webhook_url=receiver.url, webhook_secret=SECRET)
    bystander, _ = await register(
        channels=["webhook"], webhook_url=receiver.url + "?b", webhook_secret=SECRET
    )
    for _ in range(2):
        data = decision_issued()
        await publish_event(
            broker.bootstrap_servers, data, key=str(data.case_id), source="/ipcase/330102/adjudication"
        )

    async def both_delivered() -> bool:
        return len(receiver.verified) >= 4

    await eventually(both_delivered, what="two events to two partners")
    before = len(receiver.verified)
    replay = await admin.post(
        f"/v1/partners/{code}/replays",
        json={"since": (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).isoformat()},
    )
    assert replay.status_code == 202 and replay.json() == {"scheduled": 2}

    async def replayed() -> bool:
        return len(receiver.verified) >= before + 2

    await eventually(replayed, what="the replay")
    assert len(await deliveries(admin, bystander)) == 2
    assert len(await deliveries(admin, code)) == 4


@pytest_asyncio.fixture(loop_scope="session")
async def hanging_endpoint() -> AsyncIterator[tuple[str, asyncio.Event]]:
    """A partner's endpoint that holds every request until the test lets it answer."""
    release = asyncio.Event()

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        await release.wait()
        await Response(status_code=204)(scope, receive, send)

    async with serving(app, what="the hanging endpoint") as base:
        try:
            yield f"{base}/hook", release
        finally:
            release.set()


async def test_a_partner_whose_endpoint_hangs_holds_up_no_other_partners_delivery(
    partners_service: RunningService,
    register: Register,
    broker: BrokerHandle,
    receiver: Receiver,
    hanging_endpoint: tuple[str, asyncio.Event],
) -> None:
    receiver.fail = False
    hanging_url, release = hanging_endpoint
    # Due deliveries are taken in partner-code order: the hanging partner's come first in a round.
    slow, _ = await register(
        code=f"C0{uuid.uuid4().hex[:9].upper()}", channels=["webhook"], webhook_url=hanging_url,
        webhook_secret=SECRET,
    )  # fmt: skip
    healthy, _ = await register(
        code=f"CF{uuid.uuid4().hex[:9].upper()}", channels=["webhook"], webhook_url=receiver.url,
        webhook_secret=SECRET,
    )  # fmt: skip
    data = decision_issued()
    await publish_event(
        broker.bootstrap_servers, data, key=str(data.case_id), source="/ipcase/330102/adjudication"
    )

    # Well inside the 10 s request timeout the hanging endpoint would hold a one-at-a-time dispatcher for.
    await until(lambda: bool(receiver.verified), within=5, what="the healthy partner's delivery")
    assert not release.is_set(), "the slow partner's request is still held"

    # The round records its outcomes when its slowest request ends (at most the timeout).
    release.set()
    logs = {code: partner_client(partners_service, code) for code in (slow, healthy)}

    async def both_recorded() -> bool:
        statuses = [[d["status"] for d in await deliveries(c, code)] for code, c in logs.items()]
        return statuses == [["delivered"], ["delivered"]]

    await eventually(both_recorded, what="both deliveries recorded once the slow endpoint answers")
    (got,) = receiver.verified
    assert got["event"]["type"] == "partner.court.decision_issued"
