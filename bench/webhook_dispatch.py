"""Benchmark: the webhook dispatcher alone, draining a backlog of due deliveries.

Migrates a fresh embedded PostgreSQL, registers ``--partners`` courts taking webhooks, puts
``--deliveries`` signed-entry deliveries due on their feeds, then runs the dispatcher's rounds
(``WebhookDispatcher`` steps, as the partners worker drives them, with the service's HTTP client)
until none is due.
The partners' endpoint is a separate process (it verifies each signature and answers 204), so this
process's CPU is the dispatcher's: it prints deliveries/s, CPU per delivery of this process and of
its PostgreSQL backends (from /proc) and the statements per delivery (a statement hook).

    .venv/bin/python bench/webhook_dispatch.py [--deliveries 3000] [--partners 1] [--batch 50]
        [--concurrency 64] [--per-partner 16] [--coalesce-ms 25]

Compare two versions of the dispatcher by running the script alternately with each on
``PYTHONPATH`` (the entry point, ``partners.handlers.webhooks.WebhookDispatcher``, is the same); on
a shared box compare the CPU per delivery, not the rate.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from proc_cpu import process_cpu
from sqlalchemy import event

from partners.adapters.feed import NewEntry
from partners.adapters.http import WebhookClient
from partners.adapters.orm import messaging
from partners.domain.delivery import RetryPolicy
from partners.domain.registry import Channel, Partner, PartnerKind
from partners.handlers.webhooks import DispatchLimits, WebhookDispatcher
from partners.unit_of_work import PartnersUnitOfWork
from shared import migrations
from shared.db import asyncpg_dsn, make_engine, make_sessionmaker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.retry import wait_any
from shared.service import discover_services

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deliveries", type=int, default=3000)
    parser.add_argument("--partners", type=int, default=1)
    parser.add_argument("--batch", type=int, default=50, help="PARTNERS_WEBHOOK_BATCH")
    parser.add_argument("--concurrency", type=int, default=64, help="PARTNERS_WEBHOOK_CONCURRENCY")
    parser.add_argument("--per-partner", type=int, default=16, help="PARTNERS_WEBHOOK_PARTNER_CONCURRENCY")
    parser.add_argument("--coalesce-ms", type=int, default=25, help="PARTNERS_WAKE_COALESCE_MS")
    parser.add_argument("--label", default="", help="printed with the results")
    parser.add_argument("--receiver", type=int, default=None, help=argparse.SUPPRESS)
    return parser.parse_args()


def serve_receiver(port: int) -> None:
    """The partners' endpoint (run as its own process): verify the signature, answer 204."""
    import uvicorn
    from standardwebhooks.webhooks import Webhook
    from starlette.requests import Request
    from starlette.responses import Response

    hook = Webhook(SECRET)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        if request.method == "POST":  # the GET is the bench's probe that it listens
            hook.verify((await request.body()).decode(), dict(request.headers))
        await Response(status_code=204)(scope, receive, send)

    uvicorn.run(app, host="127.0.0.1", port=port, log_config=None, lifespan="off", access_log=False)


def entry(code: str, now: dt.datetime) -> NewEntry:
    event_id = str(uuid.uuid4())
    data = {"case_id": event_id, "case_no": "杭知裁字〔2026〕1号", "outcome": "INFRINGEMENT_ESTABLISHED"}
    return NewEntry(
        partner_code=code,
        event={
            "specversion": "1.0",
            "id": event_id,
            "type": "partner.court.decision_issued",
            "source": "/ipcase/330100/partners",
            "time": now.isoformat(),
            "datacontenttype": "application/json",
            "data": data,
        },
        signature="eyJhbGciOiJFZERTQSJ9..c2lnbmF0dXJl",
        source_event_id=event_id,
        time=now,
    )


async def backends(dsn: str, application_name: str) -> list[int]:
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT pid FROM pg_stat_activity WHERE application_name = $1", application_name
        )
    finally:
        await connection.close()
    return [int(row["pid"]) for row in rows]


async def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="webhook-bench-") as scratch:
        postgres = EmbeddedPostgres(data_dir=Path(scratch) / "pg", port=free_port(), durable=False)
        postgres.start()
        port = free_port()
        receiver = await asyncio.create_subprocess_exec(sys.executable, __file__, "--receiver", str(port))
        name = f"ipcase-webhook-bench-{os.getpid()}"
        engine = None
        try:
            postgres.create_database("bench")
            url = postgres.url("bench")
            await migrations.upgrade(discover_services()["partners"], url)
            engine = make_engine(url, pool_size=2, application_name=name)
            sessions = make_sessionmaker(engine)

            def uow() -> PartnersUnitOfWork:
                return PartnersUnitOfWork(sessions, messaging, "/ipcase/330100/partners")

            codes = [f"HOOK{n}" for n in range(args.partners)]
            now = dt.datetime.now(dt.UTC)
            async with uow() as unit:
                for code in codes:
                    await unit.partners.add(
                        Partner(
                            code=code,
                            kind=PartnerKind.COURT,
                            name=code,
                            jurisdiction=("330100",),
                            channels=(Channel.WEBHOOK,),
                            webhook_url=f"http://127.0.0.1:{port}/hook",
                            webhook_secret=SECRET,
                        )
                    )
                await unit.commit()
            for start in range(0, args.deliveries, 500):
                async with uow() as unit:
                    count = min(500, args.deliveries - start)
                    unit.feed.stage(
                        [entry(codes[(start + n) % len(codes)], now) for n in range(count)],
                        webhook=set(codes),
                    )
                    await unit.commit()
            async with httpx.AsyncClient() as probe:
                for _ in range(200):
                    try:
                        await probe.get(f"http://127.0.0.1:{port}/")
                        break
                    except httpx.TransportError:
                        await asyncio.sleep(0.05)

            statements = 0

            def count(*_: Any) -> None:
                nonlocal statements
                statements += 1

            event.listen(engine.sync_engine, "before_cursor_execute", count)
            client = WebhookClient(10.0)
            policy = RetryPolicy(max_attempts=12, backoff=2.0, backoff_max=3600.0)
            limits = DispatchLimits(
                batch=args.batch,
                concurrency=args.concurrency,
                per_partner=args.per_partner,
                lease=dt.timedelta(seconds=40),
            )
            dispatcher = WebhookDispatcher(uow, client.send, policy, limits)
            dsn = asyncpg_dsn(url)
            await dispatcher.step(now - dt.timedelta(days=1))  # open the pool's connections first
            pids = await backends(dsn, name)
            cpu_before = {pid: process_cpu(pid) for pid in (os.getpid(), receiver.pid, *pids)}
            statements, rounds, delivered = 0, 0, 0
            began = time.perf_counter()
            while True:  # as the worker's part drives it (partners.bootstrap), without the bell
                asked = dispatcher.free_slots
                claimed = await dispatcher.step(dt.datetime.now(dt.UTC))
                rounds += 1
                delivered += claimed
                if not claimed and not dispatcher.in_flight:
                    break
                if not (claimed and claimed == asked and dispatcher.free_slots):
                    await wait_any(dispatcher.ended, seconds=1.0)
                    await asyncio.sleep(args.coalesce_ms / 1000)
            await dispatcher.finish()
            took = time.perf_counter() - began
            pids = sorted(set(pids) | set(await backends(dsn, name)))
            used = {
                pid: process_cpu(pid) - cpu_before.get(pid, 0.0) for pid in (os.getpid(), receiver.pid, *pids)
            }
            await client.close()
        finally:
            if engine is not None:
                await engine.dispose()
            receiver.terminate()
            await receiver.wait()
            postgres.stop()

    mine = used[os.getpid()]
    database = sum(cpu for pid, cpu in used.items() if pid not in (os.getpid(), receiver.pid))
    answering = used[receiver.pid]
    print(
        f"webhook dispatch {args.label}: {delivered:,} deliveries to {args.partners} partner(s), "
        f"batch {args.batch}, concurrency {args.concurrency} ({args.per_partner} per partner), {rounds} steps"
    )
    print(
        f"  {delivered / took:.0f} deliveries/s ({took:.2f} s); CPU per delivery: dispatcher "
        f"{1000 * mine / delivered:.2f} ms + its PostgreSQL backends {1000 * database / delivered:.2f} ms "
        f"= {1000 * (mine + database) / delivered:.2f} ms "
        f"(receiver {1000 * answering / delivered:.2f} ms); "
        f"{statements / delivered:.2f} statements per delivery; load {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    options = parse_args()
    if options.receiver is not None:
        serve_receiver(options.receiver)
    else:
        asyncio.run(main())
