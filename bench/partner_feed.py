"""Benchmark: the partner feed projection at a steady rate, and webhook delivery latency.

Runs on the embedded stack (PostgreSQL, broker): migrates a fresh database, starts the partners
service with its worker, registers courts (HTTP feed), a customs office and a court that
takes webhooks (its receiver is started here), then publishes ``adjudication.decision_issued``
events at ``--rate`` per second for ``--seconds``, as adjudication would. Each court's feed is read
by long-poll as a court's system would; the partner-visible lag of an event is the time from its
publication on the internal topic to the moment the court's long-poll returns it. Webhook latency is
publication to receipt by the receiver (signature verified).

    .venv/bin/python bench/partner_feed.py [--rate 200] [--seconds 30] [--courts 3] [--batch-max 100]
        [--webhook-batch 50] [--layout service|split|inprocess] [--dead-hook]

``--layout`` says where the service runs. ``service`` (the default) is ``make run``'s layout:
``ipcase api partners`` with its worker inside (``RUN_WORKERS=true``), one process of its own, as
``ipcase dev`` starts it. ``split`` is production's (compose, Kubernetes): ``ipcase api partners``
serving the feeds and ``ipcase worker partners`` projecting and delivering, two processes. In both,
this bench's publisher, feed readers and webhook receiver run apart from the service, as a court's
system would, and the CPU printed is the service processes' and their PostgreSQL backends'.
``inprocess`` runs the service inside this bench's own event loop, sharing it with the readers and
the receiver (the CPU printed is then this whole process's).

``--batch-max`` is the projection consumer's ``CONSUMER_BATCH_MAX`` (1: one internal event per
transaction, as before batching). Besides rates and latencies it prints the CPU per internal event
(see ``--layout`` for whose), from /proc.

Quote the numbers as measured on the machine at hand; CI boxes are shared and noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from aiokafka import AIOKafkaProducer
from proc_cpu import process_cpu
from standardwebhooks.webhooks import Webhook
from starlette.requests import Request
from starlette.responses import Response

from partners.testing import decision_issued
from shared import migrations
from shared.contracts import CloudEvent
from shared.db import asyncpg_dsn
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.identity.dev_issuer import DevIssuer
from shared.identity.principals import NATIONAL_OFFICE, PrincipalKind, Role
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.signing import SigningKey
from shared.testing.identity import LocalIssuer, serving_dev_issuer
from shared.testing.services import RunningService, bearer_client, start_service
from shared.testing.serving import serving
from shared.testing.waiting import until
from shared.web.identity import all_audiences

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
WEBHOOK_TIMEOUT = 10.0  # PARTNERS_WEBHOOK_TIMEOUT_SECONDS, the default


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=200.0, help="internal events per second")
    parser.add_argument("--seconds", type=float, default=30.0, help="how long to publish")
    parser.add_argument("--courts", type=int, default=3, help="courts reading their HTTP feed")
    parser.add_argument("--batch-max", type=int, default=100, help="the consumer's CONSUMER_BATCH_MAX")
    parser.add_argument(
        "--webhook-batch", type=int, default=None, help="PARTNERS_WEBHOOK_BATCH (default: the service's)"
    )
    parser.add_argument(
        "--dead-hook",
        action="store_true",
        help="also a webhook court whose endpoint never answers (each request times out)",
    )
    parser.add_argument(
        "--layout",
        choices=("service", "split", "inprocess"),
        default="service",
        help="service: one process, API with its worker inside (make run); split: API and worker"
        " processes of their own (production); inprocess: the service inside this bench's process",
    )
    return parser.parse_args()


class PartnersProcesses:
    """The partners service in processes of its own: ``ipcase api partners`` with its worker inside
    (``service``, as ``ipcase dev`` starts it) or beside ``ipcase worker partners`` (``split``)."""

    def __init__(self, layout: str, settings: dict[str, Any], issuer: LocalIssuer, workdir: Path) -> None:
        self.port, self._health = free_port(), free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self._issuer = DevIssuer(issuer.key_file, issuer.url, all_audiences())
        env = {
            key.upper(): ("" if value is None else str(value))
            for key, value in {**issuer.settings(), **settings}.items()
        }
        split = layout == "split"
        env |= {
            "RUN_WORKERS": "false" if split else "true",
            "HTTP_PORT": str(self.port),
            "WORKER_HEALTH_PORT": str(self._health),
        }
        self._ports = (self.port, self._health) if split else (self.port,)
        self._processes = [
            subprocess.Popen(
                [sys.executable, "-m", "shared.cli", command, "partners"],
                env={**os.environ, **env},
                stdout=(workdir / f"{command}.log").open("wb"),
                stderr=subprocess.STDOUT,
            )
            for command in (("api", "worker") if split else ("api",))
        ]
        self._clients: list[httpx.AsyncClient] = []

    @property
    def pids(self) -> list[int]:
        return [process.pid for process in self._processes]

    async def ready(self) -> None:
        async with httpx.AsyncClient() as client:
            for port in self._ports:
                for _ in range(1200):
                    with contextlib.suppress(httpx.HTTPError):
                        if (await client.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                            break
                    await asyncio.sleep(0.1)
                else:
                    raise RuntimeError(f"partners on {port} not ready")

    def client(
        self,
        *roles: Role,
        subject: str,
        kind: PrincipalKind = PrincipalKind.PERSON,
        partner: str | None = None,
    ) -> httpx.AsyncClient:
        token = self._issuer.issue(
            subject, roles, office_code=NATIONAL_OFFICE, kind=kind, partner_code=partner
        )
        client = bearer_client(self.base_url, token)
        self._clients.append(client)
        return client

    async def stop(self) -> None:
        for client in self._clients:
            await client.aclose()
        for process in self._processes:
            process.terminate()
        for process in self._processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


async def register(admin: httpx.AsyncClient, code: str, kind: str, **extra: Any) -> None:
    key = SigningKey.generate("EdDSA", kid=f"{code}-k1")
    body = {"code": code, "kind": kind, "name": code, "jurisdiction": ["330000"], "keys": [key.public_jwk()]}
    response = await admin.post("/v1/partners", json={**body, **extra})
    if response.status_code != 201:
        raise RuntimeError(f"{code}: {response.status_code} {response.text}")


async def register_partners(admin: httpx.AsyncClient, courts: int, hook_url: str) -> list[str]:
    """The bench's partners: ``courts`` courts reading their HTTP feed, a customs office and a court
    taking webhooks at ``hook_url``; the feed-reading courts' codes."""
    codes = [f"BENCH{n}" for n in range(courts)]
    for code in codes:
        await register(admin, code, "court")
    await register(admin, "BENCHCUSTOMS", "customs", jurisdiction=["000000"])
    await register(
        admin, "BENCHHOOK", "court", channels=["webhook"], webhook_url=hook_url, webhook_secret=SECRET
    )
    return codes


def service_settings(database_url: str, bootstrap_servers: str, scratch: Path) -> dict[str, Any]:
    """The partners service's settings in these benches (keys and checkpoints in ``scratch``)."""
    return {
        "database_url": database_url,
        "kafka_bootstrap_servers": bootstrap_servers,
        "log_level": "WARNING",
        "office_code": "330100",
        "partners_signing_key_file": scratch / "signing.pem",
        "audit_signing_key_file": scratch / "audit.pem",
        "audit_checkpoint_dir": scratch / "checkpoints",
        "database_pool_size": 10,
        "rate_limit": None,
    }


async def publish(bootstrap: str, rate: float, seconds: float, sent: dict[str, float]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=False, linger_ms=0)
    await producer.start()
    try:
        count = int(rate * seconds)
        began = time.perf_counter()
        for n in range(count):
            due = began + n / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            data = decision_issued()
            event = CloudEvent.from_data(
                data, source="/ipcase/330106/adjudication", subject=str(data.case_id)
            )
            sent[str(data.case_id)] = time.perf_counter()
            await producer.send(
                data.topic,
                key=str(data.case_id).encode(),
                value=event.kafka_value(),
                headers=event.kafka_headers(),
            )
        await producer.flush()
    finally:
        await producer.stop()


async def read_feed(
    client: httpx.AsyncClient, code: str, expected: int, seen: dict[str, float], deadline: float
) -> None:
    after = 0
    while len(seen) < expected and time.perf_counter() < deadline:
        response = await client.get(
            f"/v1/feeds/{code}/events", params={"after": after, "limit": 500, "wait": 5}
        )
        arrived = time.perf_counter()
        page = response.json()
        for event in page["events"]:
            seen[event["data"]["case_id"]] = arrived
        after = page["next_after"]


async def main() -> None:
    args = parse_args()
    expected = int(args.rate * args.seconds)
    received: dict[str, float] = {}
    dead_requests: list[float] = []
    hook = Webhook(SECRET)

    async def receiver(scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        request = Request(scope, receive)
        body = (await request.body()).decode()
        if scope["path"] == "/dead":  # an endpoint that never answers in time (a dropping firewall)
            dead_requests.append(time.perf_counter())
            await asyncio.sleep(WEBHOOK_TIMEOUT + 1)
            return
        hook.verify(body, dict(request.headers))
        received[json.loads(body)["data"]["case_id"]] = time.perf_counter()
        await Response(status_code=204)(scope, receive, send)

    with tempfile.TemporaryDirectory(prefix="partners-bench-") as scratch:
        postgres = EmbeddedPostgres(data_dir=Path(scratch) / "pg", port=free_port(), durable=False)
        broker = EmbeddedBroker(port=free_port(), log_file=Path(scratch) / "broker.log")
        postgres.start()
        broker.start()
        service: RunningService | PartnersProcesses | None = None
        stack = contextlib.AsyncExitStack()
        try:
            hook_url = await stack.enter_async_context(serving(receiver, what="the webhook receiver"))
            postgres.create_database("bench")
            url = postgres.url("bench")
            await ensure_topics(KafkaConfig(broker.bootstrap_servers, client_id="bench"), all_topics())
            spec = discover_services()["partners"]
            await migrations.upgrade(spec, url)
            issuer = await stack.enter_async_context(serving_dev_issuer(Path(scratch) / "issuer.pem"))
            settings: dict[str, Any] = {
                **service_settings(url, broker.bootstrap_servers, Path(scratch)),
                "kafka_fetch_max_wait_ms": 25,
                # The bench produces straight to Kafka, as no relay announces (shared.messaging.wakeup):
                # the consumer fetches all the time instead of parking between doorbells.
                "consumer_wake_on_notify": False,
                "partners_webhook_timeout_seconds": WEBHOOK_TIMEOUT,
                "consumer_batch_max": args.batch_max,
                **({"partners_webhook_batch": args.webhook_batch} if args.webhook_batch else {}),
            }
            if args.layout != "inprocess":
                service = PartnersProcesses(args.layout, settings, issuer, Path(scratch))
                await service.ready()
                service_pids = service.pids
            else:
                service = await start_service(spec, {**issuer.settings(), **settings, "run_workers": True})
                service_pids = [os.getpid()]
            admin = service.client(Role.ADMIN, subject="bench-admin")
            courts = await register_partners(admin, args.courts, f"{hook_url}/hook")
            if args.dead_hook:
                await register(
                    admin,
                    "BENCHDEAD",
                    "court",
                    channels=["webhook"],
                    webhook_url=f"{hook_url}/dead",
                    webhook_secret=SECRET,
                )
            sent: dict[str, float] = {}
            seen: dict[str, dict[str, float]] = {code: {} for code in courts}
            clients = [
                service.client(Role.COURT, subject=code, kind=PrincipalKind.COURT, partner=code)
                for code in courts
            ]
            for client in clients:
                client.timeout = httpx.Timeout(30.0)
            deadline = time.perf_counter() + args.seconds + 120
            cpu_before = await stack_cpu(url, service_pids)
            began = time.perf_counter()
            readers = [
                asyncio.create_task(read_feed(client, code, expected, seen[code], deadline))
                for client, code in zip(clients, courts, strict=True)
            ]
            await publish(broker.bootstrap_servers, args.rate, args.seconds, sent)
            published = time.perf_counter() - began
            await asyncio.gather(*readers)
            with contextlib.suppress(AssertionError):
                await until(
                    lambda: len(received) >= expected, within=max(deadline - time.perf_counter(), 1.0)
                )
            finished = time.perf_counter() - began
            cpu = cpu_used(cpu_before, await stack_cpu(url, service_pids))
        finally:
            if service is not None:
                await service.stop()
            await stack.aclose()
            broker.stop()
            postgres.stop()

    feeds = sum(len(s) for s in seen.values()) + len(received)
    lags = [(at - sent[case]) * 1000 for s in seen.values() for case, at in s.items()]
    hooks = [(at - sent[case]) * 1000 for case, at in received.items()]
    print(
        f"partner feed projection: {expected:,} internal events at {args.rate:.0f}/s for {args.seconds:.0f} s"
    )
    print(f"  published in {published:.1f} s; every feed complete after {finished:.1f} s")
    print(
        f"  partners: {args.courts} courts (HTTP long-poll), 1 customs office, 1 webhook court; "
        f"{feeds:,} feed entries written ({feeds / finished:.0f}/s signed + stored)"
    )
    print(
        f"  partner-visible lag (publish -> court's long-poll returns it): "
        f"p50 {percentile(lags, 0.5):.0f} ms  p99 {percentile(lags, 0.99):.0f} ms  "
        f"max {max(lags):.0f} ms  ({len(lags):,} observations)"
    )
    print(
        f"  webhook delivery latency (publish -> receiver verified it): "
        f"p50 {percentile(hooks, 0.5):.0f} ms  p99 {percentile(hooks, 0.99):.0f} ms  "
        f"mean {statistics.mean(hooks):.0f} ms  ({len(hooks):,} deliveries)"
    )
    if args.dead_hook:
        print(f"  the dead webhook court was sent {len(dead_requests):,} requests, none answered in time")
    print(
        f"  CONSUMER_BATCH_MAX={args.batch_max}: CPU {1000 * cpu / expected:.2f} ms per internal event"
        f" ({'this process' if args.layout == 'inprocess' else 'the service processes'}"
        f" + their PostgreSQL backends); {expected / finished:.1f} internal events/s overall"
    )


async def stack_cpu(url: str, pids: list[int]) -> dict[int, float]:
    """CPU so far of the service's processes ``pids`` and of every PostgreSQL backend serving them."""
    connection = await asyncpg.connect(asyncpg_dsn(url))
    try:
        rows = await connection.fetch(
            "SELECT pid FROM pg_stat_activity WHERE application_name = ANY($1::text[])",
            [f"ipcase-partners-{pid}" for pid in pids],
        )
    finally:
        await connection.close()
    return {pid: process_cpu(pid) for pid in (*pids, *(int(r["pid"]) for r in rows))}


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


if __name__ == "__main__":
    asyncio.run(main())
