"""One dispatcher round against real endpoints (one answers 204, one 500, one hangs past the
timeout) on a database of the test's own, so no other dispatcher takes its deliveries: the round
reads its due deliveries in one statement, records every outcome in one more, and keeps its rows
locked from a second dispatcher until it has recorded them."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

import pytest_asyncio
from sqlalchemy import event, select, update
from sqlalchemy.ext.asyncio import AsyncEngine
from standardwebhooks.webhooks import Webhook
from starlette.requests import Request
from starlette.responses import Response

from partners.adapters.feed import NewEntry
from partners.adapters.http import WebhookClient
from partners.adapters.orm import messaging, webhook_deliveries
from partners.domain.delivery import RetryPolicy
from partners.domain.registry import Channel, Partner, PartnerKind
from partners.handlers.webhooks import deliver_due
from partners.testing import unique_code
from partners.unit_of_work import PartnersUnitOfWork
from shared.db import make_engine, make_sessionmaker
from shared.testing.plugin import PostgresHandle, fresh_database
from shared.testing.serving import serving
from shared.testing.waiting import until

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
POLICY = RetryPolicy(max_attempts=3, backoff=2.0, backoff_max=60.0)
GONE = "partner, entry or webhook endpoint gone"


@dataclass
class Endpoints:
    """``/ok`` verifies the signature and answers 204, ``/fail`` answers 500, ``/hang`` never answers."""

    base: str
    verified: list[dict[str, Any]] = field(default_factory=list)
    hanging: int = 0
    release: asyncio.Event = field(default_factory=asyncio.Event)


@pytest_asyncio.fixture
async def endpoints() -> AsyncIterator[Endpoints]:
    state = Endpoints(base="")
    hook = Webhook(SECRET)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        body = (await request.body()).decode()
        if request.url.path == "/hang":
            state.hanging += 1
            await state.release.wait()
            await Response(status_code=204)(scope, receive, send)
        elif request.url.path == "/fail":
            await Response(status_code=500)(scope, receive, send)
        else:
            hook.verify(body, dict(request.headers))
            state.verified.append({"id": request.headers["webhook-id"], "event": json.loads(body)})
            await Response(status_code=204)(scope, receive, send)

    async with serving(app, what="the partners' endpoints") as base:
        state.base = base
        try:
            yield state
        finally:
            state.release.set()


@dataclass
class Database:
    engine: AsyncEngine
    uow: Callable[[], PartnersUnitOfWork]


@pytest_asyncio.fixture
async def database(postgres: PostgresHandle) -> AsyncIterator[Database]:
    """A database of the test's own: no other dispatcher, no other test's deliveries."""
    engine = make_engine(await fresh_database(postgres, "partners_rounds", services=["partners"]))
    sessions = make_sessionmaker(engine)
    try:
        yield Database(engine, lambda: PartnersUnitOfWork(sessions, messaging, "/ipcase/330100/partners"))
    finally:
        await engine.dispose()


async def webhook_partner(db: Database, url: str, entries: int) -> str:
    """A court taking webhooks at ``url`` with ``entries`` feed entries, each with a delivery due."""
    code = unique_code()
    partner = Partner(
        code=code,
        kind=PartnerKind.COURT,
        name=code,
        jurisdiction=("330100",),
        channels=(Channel.WEBHOOK,),
        webhook_url=url,
        webhook_secret=SECRET,
    )
    now = dt.datetime.now(dt.UTC)
    async with db.uow() as uow:
        await uow.partners.add(partner)
        uow.feed.stage(
            [
                NewEntry(
                    partner_code=code,
                    event={
                        "specversion": "1.0",
                        "id": str(uuid.uuid4()),
                        "type": "partner.court.decision_issued",
                        "source": "/ipcase/330100/partners",
                        "data": {"n": n},
                    },
                    signature="-",
                    source_event_id=str(uuid.uuid4()),
                    time=now,
                )
                for n in range(entries)
            ],
            webhook={code},
        )
        await uow.commit()
    return code


async def rows(db: Database, code: str) -> list[dict[str, Any]]:
    async with db.uow() as uow:
        query = (
            select(webhook_deliveries)
            .where(webhook_deliveries.c.partner_code == code)
            .order_by(webhook_deliveries.c.seq)
        )
        return [dict(row) for row in (await uow.session.execute(query)).mappings()]


async def test_a_round_records_delivered_retried_timed_out_and_given_up_in_one_statement(
    database: Database, endpoints: Endpoints
) -> None:
    ok = await webhook_partner(database, endpoints.base + "/ok", 2)
    failing = await webhook_partner(database, endpoints.base + "/fail", 2)
    hanging = await webhook_partner(database, endpoints.base + "/hang", 1)
    gone = await webhook_partner(database, endpoints.base + "/ok", 0)
    async with database.uow() as uow:
        await uow.deliveries.schedule(gone, [7])  # an entry that is not (or no longer) on the feed
        last_try = (await rows(database, failing))[1]["id"]
        await uow.session.execute(
            update(webhook_deliveries).where(webhook_deliveries.c.id == last_try).values(attempts=2)
        )
        await uow.commit()
    before = {row["id"]: row for code in (ok, failing, hanging, gone) for row in await rows(database, code)}

    statements: list[str] = []

    def seen(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        statements.append(statement)

    client = WebhookClient(timeout=0.5)
    now = dt.datetime.now(dt.UTC)
    event.listen(database.engine.sync_engine, "before_cursor_execute", seen)
    try:
        async with database.uow() as uow:
            attempted = await deliver_due(uow, client.send, POLICY, now=now, limit=50, concurrency=4)
            await uow.commit()
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", seen)
        await client.close()

    assert attempted == 6
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    writes = [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    assert len(reads) == 1 and "SKIP LOCKED" in reads[0]
    assert len(writes) == 1 and len(statements) == 2, statements

    first, second = await rows(database, ok)
    for row in (first, second):
        assert row["status"] == "delivered" and row["attempts"] == 1 and row["last_status_code"] == 204
        assert row["last_error"] is None and row["delivered_at"] >= now and row["latency_ms"] is not None
    assert sorted(got["event"]["seq"] for got in endpoints.verified) == [1, 2]
    assert all(got["id"] == got["event"]["id"] for got in endpoints.verified)

    retried, given_up = await rows(database, failing)
    assert retried["status"] == "pending" and retried["attempts"] == 1
    assert retried["last_status_code"] == 500 and retried["last_error"] == "HTTP 500"
    assert retried["next_attempt_at"] == now + dt.timedelta(seconds=2)
    assert (
        given_up["status"] == "failed" and given_up["attempts"] == 3 and given_up["last_status_code"] == 500
    )
    assert given_up["next_attempt_at"] == before[given_up["id"]]["next_attempt_at"]

    (timed_out,) = await rows(database, hanging)
    assert endpoints.hanging == 1
    assert timed_out["status"] == "pending" and timed_out["attempts"] == 1
    assert timed_out["last_status_code"] is None and timed_out["last_error"].startswith("ReadTimeout")
    assert timed_out["next_attempt_at"] == now + dt.timedelta(seconds=2)
    assert timed_out["delivered_at"] is None and timed_out["latency_ms"] is None

    (missing,) = await rows(database, gone)
    assert missing["status"] == "failed" and missing["attempts"] == 1 and missing["last_error"] == GONE


async def test_a_second_dispatcher_skips_the_rows_a_round_holds_until_it_has_recorded_them(
    database: Database, endpoints: Endpoints
) -> None:
    ok = await webhook_partner(database, endpoints.base + "/ok", 1)
    hanging = await webhook_partner(database, endpoints.base + "/hang", 1)
    first, second = WebhookClient(timeout=2.0), WebhookClient(timeout=2.0)
    try:
        async with database.uow() as uow:
            now = dt.datetime.now(dt.UTC)
            round_one = asyncio.create_task(
                deliver_due(uow, first.send, POLICY, now=now, limit=50, concurrency=4)
            )
            await until(lambda: endpoints.hanging == 1, what="the first round's request to hang")
            async with database.uow() as other:
                assert await deliver_due(other, second.send, POLICY, now=now, limit=50, concurrency=4) == 0
            endpoints.release.set()
            assert await round_one == 2
            await uow.commit()
    finally:
        await first.close()
        await second.close()

    assert len(endpoints.verified) == 1 and endpoints.hanging == 1  # each sent once, by the first round
    assert [row["status"] for code in (ok, hanging) for row in await rows(database, code)] == [
        "delivered",
        "delivered",
    ]
