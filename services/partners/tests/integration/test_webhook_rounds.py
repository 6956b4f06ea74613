"""The webhook dispatcher's steps against real endpoints (one answers 204, one 500, one hangs past
the timeout) on a database of the test's own, so no other dispatcher takes its deliveries: a step
claims in one statement and records every ended attempt in one more; a claimed delivery is no other
dispatcher's until its lease ends; an endpoint that hangs holds only its own partner's slots."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
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
from partners.adapters.orm import feed, messaging, webhook_deliveries
from partners.domain.delivery import RetryPolicy
from partners.domain.registry import Channel, Partner, PartnerKind
from partners.handlers.webhooks import DispatchLimits, WebhookDispatcher
from partners.testing import unique_code
from partners.unit_of_work import PartnersUnitOfWork
from shared.db import make_engine, make_sessionmaker
from shared.retry import wait_any
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


LIMITS = DispatchLimits(batch=50, concurrency=16, per_partner=4, lease=dt.timedelta(seconds=40))


def dispatcher(db: Database, client: WebhookClient, limits: DispatchLimits = LIMITS) -> WebhookDispatcher:
    return WebhookDispatcher(db.uow, client.send, POLICY, limits)


@contextlib.contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine.sync_engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", note)


async def test_steps_claim_in_one_statement_and_record_delivered_retried_timed_out_and_given_up_in_one(
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

    client = WebhookClient(timeout=0.5)
    pipeline = dispatcher(database, client)
    now = dt.datetime.now(dt.UTC)
    try:
        with statements(database) as claiming:
            assert await pipeline.step(now) == 6
        await until(lambda: pipeline.in_flight == 0, what="every request to end")
        with statements(database) as recording:
            assert await pipeline.step(dt.datetime.now(dt.UTC)) == 0
    finally:
        await client.close()

    assert len(claiming) == 1 and "UPDATE" in claiming[0]
    assert [s.lstrip().split()[0].upper() for s in recording] == ["UPDATE", "WITH"], recording

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
    assert given_up["next_attempt_at"] > before[given_up["id"]]["next_attempt_at"]  # the claim's lease

    (timed_out,) = await rows(database, hanging)
    assert endpoints.hanging == 1
    assert timed_out["status"] == "pending" and timed_out["attempts"] == 1
    assert timed_out["last_status_code"] is None
    assert timed_out["last_error"] == "Timeout: no response within 0.5 s"
    assert timed_out["next_attempt_at"] == now + dt.timedelta(seconds=2)
    assert timed_out["delivered_at"] is None and timed_out["latency_ms"] is None

    (missing,) = await rows(database, gone)
    assert missing["status"] == "failed" and missing["attempts"] == 1 and missing["last_error"] == GONE


async def test_a_claimed_delivery_is_nobody_elses_while_its_request_is_out(
    database: Database, endpoints: Endpoints
) -> None:
    ok = await webhook_partner(database, endpoints.base + "/ok", 1)
    hanging = await webhook_partner(database, endpoints.base + "/hang", 1)
    first, second = WebhookClient(timeout=5.0), WebhookClient(timeout=5.0)
    one, other = dispatcher(database, first), dispatcher(database, second)
    try:
        now = dt.datetime.now(dt.UTC)
        assert await one.step(now) == 2
        await until(lambda: endpoints.hanging == 1, what="the first dispatcher's request to hang")
        assert await other.step(now) == 0  # its transaction has committed: the lease keeps them
        assert await other.step(now + LIMITS.lease - dt.timedelta(seconds=1)) == 0
        endpoints.release.set()
        await one.finish()
    finally:
        await first.close()
        await second.close()

    assert len(endpoints.verified) == 1 and endpoints.hanging == 1  # each sent once, by the first
    assert [row["status"] for code in (ok, hanging) for row in await rows(database, code)] == [
        "delivered",
        "delivered",
    ]


async def test_a_delivery_whose_dispatcher_died_goes_out_again_when_its_lease_ends(
    database: Database, endpoints: Endpoints
) -> None:
    code = await webhook_partner(database, endpoints.base + "/ok", 1)
    async with database.uow() as uow:  # a dispatcher that claimed it, and died before recording
        now = dt.datetime.now(dt.UTC)
        claimed = await uow.deliveries.claim(now, lease_until=now + LIMITS.lease, limit=10, per_partner=4)
        await uow.commit()
    assert [d.partner_code for d in claimed] == [code]

    client = WebhookClient(timeout=5.0)
    try:
        successor = dispatcher(database, client)
        assert await successor.step(now + LIMITS.lease - dt.timedelta(seconds=1)) == 0
        assert await successor.step(now + LIMITS.lease) == 1
        await successor.finish()
    finally:
        await client.close()
    assert [row["status"] for row in await rows(database, code)] == ["delivered"]
    assert len(endpoints.verified) == 1


async def test_concurrent_claims_never_take_a_delivery_twice(
    database: Database, endpoints: Endpoints
) -> None:
    codes = [await webhook_partner(database, endpoints.base + "/ok", 6) for _ in range(3)]
    everything = sorted([row["id"] for code in codes for row in await rows(database, code)])
    now = dt.datetime.now(dt.UTC)
    taken: list[int] = []

    async def claimer() -> None:
        for _ in range(100):
            if len(taken) >= len(everything):
                return
            async with database.uow() as uow:
                claimed = await uow.deliveries.claim(
                    now, lease_until=now + LIMITS.lease, limit=3, per_partner=2
                )
                await asyncio.sleep(0.01)  # the claimers' transactions overlap
                await uow.commit()
            taken.extend(d.id for d in claimed)

    await asyncio.gather(*(claimer() for _ in range(4)))
    assert sorted(taken) == everything  # every one claimed, none twice


async def test_a_claim_takes_each_partners_oldest_up_to_what_its_in_flight_leaves_of_its_share(
    database: Database, endpoints: Endpoints
) -> None:
    busy = await webhook_partner(database, endpoints.base + "/ok", 30)
    quiet = await webhook_partner(database, endpoints.base + "/ok", 2)
    full = await webhook_partner(database, endpoints.base + "/ok", 3)
    now = dt.datetime.now(dt.UTC)
    async with database.uow() as uow:
        claimed = await uow.deliveries.claim(
            now, lease_until=now + LIMITS.lease, limit=10, per_partner=5, in_flight={full: 5, quiet: 3}
        )
        await uow.rollback()

    taken = [(d.partner_code, d.seq) for d in claimed]  # in partner and seq order
    assert taken == sorted((code, seq) for code, n in ((busy, 5), (quiet, 2)) for seq in range(1, n + 1))
    async with database.uow() as uow:
        claimed = await uow.deliveries.claim(
            now, lease_until=now + LIMITS.lease, limit=10, per_partner=5, in_flight={full: 4, quiet: 4}
        )
        await uow.rollback()
    assert sorted((d.partner_code, d.seq) for d in claimed) == sorted(
        [(busy, seq) for seq in range(1, 6)] + [(quiet, 1), (full, 1)]
    )


async def test_an_endpoint_that_hangs_holds_its_own_slots_only(
    database: Database, endpoints: Endpoints
) -> None:
    """Four slots, two per partner: while the hanging partner's two requests wait, the other
    partner's ten deliveries go out, two at a time."""
    hanging = await webhook_partner(database, endpoints.base + "/hang", 6)
    ok = await webhook_partner(database, endpoints.base + "/ok", 10)
    client = WebhookClient(timeout=30.0)
    limits = DispatchLimits(batch=50, concurrency=4, per_partner=2, lease=dt.timedelta(seconds=60))
    pipeline = dispatcher(database, client, limits)

    async def delivered() -> int:
        return sum(row["status"] == "delivered" for row in await rows(database, ok))

    try:
        for _ in range(200):
            await pipeline.step(dt.datetime.now(dt.UTC))
            if await delivered() == 10:
                break
            await wait_any(pipeline.ended, seconds=1.0)
        assert await delivered() == 10
        assert endpoints.hanging == 2 and pipeline.in_flight == 2
        endpoints.release.set()
        await pipeline.finish()
    finally:
        await client.close()
    statuses = [row["status"] for row in await rows(database, hanging)]
    assert statuses == ["delivered"] * 2 + ["pending"] * 4


async def test_the_retention_purge_takes_an_entrys_deliveries_with_it_and_keeps_the_rest(
    database: Database, endpoints: Endpoints
) -> None:
    old = await webhook_partner(database, endpoints.base + "/ok", 3)
    recent = await webhook_partner(database, endpoints.base + "/ok", 3)
    cutoff = dt.datetime.now(dt.UTC) - dt.timedelta(days=10)
    async with database.uow() as uow:  # the first partner's entries 1 and 2 are past retention
        await uow.session.execute(
            update(feed)
            .where(feed.c.partner_code == old, feed.c.seq.in_([1, 2]))
            .values(recorded_at=cutoff - dt.timedelta(days=1))
        )
        await uow.commit()
        head = await uow.feed.head(old)

    async with database.uow() as uow:
        assert await uow.feed.purge(cutoff, batch=1) == 1
        assert await uow.feed.purge(cutoff) == 1
        assert await uow.feed.purge(cutoff) == 0
        await uow.commit()

    async with database.uow() as uow:
        kept = await uow.session.execute(select(feed.c.partner_code, feed.c.seq).order_by(feed.c.seq))
        assert sorted(row.seq for row in kept if row.partner_code == old) == [3]
        assert await uow.feed.head(old) == head  # the next entry's seq is still 4
    assert [row["seq"] for row in await rows(database, old)] == [3]
    assert [row["seq"] for row in await rows(database, recent)] == [1, 2, 3]
