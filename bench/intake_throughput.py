"""Benchmark: durable complaint intake, intake -> adjudication latency, and a broker restart.

Starts its own embedded PostgreSQL (durable: fsync on) and broker on free ports and runs the
services as real server processes, API and worker apart as in production. Three phases:

1. Throughput, endpoint against endpoint: complaint registration (POST /v1/complaints, with its
   rights verification, duplicate check, acceptance rules, triage and outbox, in one durable
   transaction) at 1 and 32 clients, against a bare FastAPI endpoint doing one ORM insert (the
   Python-service limit on this machine) and the raw asyncpg INSERT+COMMIT rate. No worker runs
   yet, so neither side pays for downstream work on the shared cores.
2. Latency, whole pipeline: intake, adjudication, credit and mediation with their workers; from the
   POST's response to the case being visible over GET /v1/cases?complaint_id= (p50/p99), at a
   moderate rate; plus registration throughput with every downstream consumer running.
3. With ``--restart-broker``: load while the broker is restarted midway, then a check that every
   complaint registered has its adjudication case (none lost).

Phase 1 ends with the audit trail's cost: the same intake API with ``AUDIT_ENABLED=false`` against
the real one, alternated, intake's audit sealer running throughout; besides throughput it reports
the CPU per registration of each API process and its PostgreSQL backends (plus the sealer's, on the
audited side), which a busy shared box disturbs far less. ``--audit-only`` runs just that.

``--registration-only`` runs just phase 1's 32-client pair (issue 19's target), ``--rounds`` alternated
rounds of it, with each API process's own CPU per request (from ``/proc``) beside the rates.

``--drain N`` runs only the drain measure (issue 19): with no worker running, N complaints are
registered (a backlog: outbox, relay and every downstream consumer behind); then the four workers
start and the time from the first to the last of the N adjudication cases gives the routed
complaints per second end to end, with the CPU per routed complaint of the worker processes and
their PostgreSQL backends (from /proc). Rounds alternate ``CONSUMER_BATCH_MAX=1`` (one record per
transaction, as before batching) and the batched default, fresh workers each round.

Usage: .venv/bin/python bench/intake_throughput.py [--seconds 10] [--restart-broker] [--audit-only]
       .venv/bin/python bench/intake_throughput.py --registration-only [--rounds 5] [--seconds 8]
       .venv/bin/python bench/intake_throughput.py --drain 3000 [--drain-rounds 2] [--batch-max 100]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import asyncpg
import httpx
from proc_cpu import process_cpu

from intake.testing import complaint_body as minimal_complaint
from shared import migrations
from shared.db import asyncpg_dsn
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port, wait_until_listening
from shared.devstack.postgres import EmbeddedPostgres
from shared.identity.dev_issuer import DevIssuer
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.web.auth import Role
from shared.web.identity import all_audiences

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 3
PIPELINE = ("intake", "adjudication", "mediation", "credit")


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def line(self) -> str:
        return (
            f"{self.name:<52} {self.rate:8.0f} req/s   p50 {pct(self.latencies_ms, 50):7.1f} ms"
            f"   p99 {pct(self.latencies_ms, 99):7.1f} ms   (n={self.requests})"
        )


def median_round(results: list[Result]) -> Result:
    return sorted(results, key=lambda r: r.rate)[len(results) // 2]


def pct(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def complaint_body() -> dict[str, object]:
    """The skeleton's minimal invention-patent complaint, with a paragraph of facts."""
    return minimal_complaint(facts="被请求人在其网店销售落入涉案专利权利要求1保护范围的产品。" * 3)


async def load(
    name: str, send: Callable[[], Awaitable[None]], *, clients: int, seconds: float, warmup: float = 1.5
) -> Result:
    latencies: list[float] = []
    stop_at = time.perf_counter() + warmup + seconds
    measure_from = time.perf_counter() + warmup

    async def client() -> None:
        while (now := time.perf_counter()) < stop_at:
            await send()
            if now >= measure_from:
                latencies.append((time.perf_counter() - now) * 1000)

    await asyncio.gather(*(client() for _ in range(clients)))
    return Result(name, len(latencies), seconds, latencies)


def spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    output = log.open("wb")
    return subprocess.Popen(
        args, env={**os.environ, **env}, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT
    )


@dataclass
class Stack:
    workdir: Path
    postgres: EmbeddedPostgres = field(init=False)
    broker: EmbeddedBroker = field(init=False)
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    ports: dict[str, int] = field(default_factory=dict)
    pids: dict[str, int] = field(default_factory=dict)

    issuer_port: int = field(default_factory=free_port)

    def __post_init__(self) -> None:
        self.postgres = EmbeddedPostgres(self.workdir / "pg", free_port(), durable=True)
        self.broker = EmbeddedBroker(free_port(), self.workdir / "broker.log")

    @property
    def issuer(self) -> DevIssuer:
        url = f"http://127.0.0.1:{self.issuer_port}"
        return DevIssuer(self.workdir / "issuer.pem", url, all_audiences())

    @property
    def database_url(self) -> str:
        return self.postgres.url("ipcase")

    @property
    def env(self) -> dict[str, str]:
        return {
            "DATABASE_URL": self.database_url,
            "KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
            "ENVIRONMENT": "dev",
            "RUN_WORKERS": "false",
            "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
            "RATE_LIMIT": "10000000/minute",
            "KAFKA_WATCH_INTERVAL": "1",
            "EVIDENCE_DIR": str(self.workdir / "evidence"),
            "IMPORT_DIR": str(self.workdir / "imports"),
            "AUTH_ISSUER": f"http://127.0.0.1:{self.issuer_port}",
            "AUTH_DEV_KEY_FILE": str(self.workdir / "issuer.pem"),
        }

    async def start(self) -> None:
        self.postgres.start()
        self.postgres.create_database("ipcase")
        # The baselines' tables (bench code, not a service: no migration history of its own).
        self.postgres.psql(
            "CREATE SCHEMA IF NOT EXISTS bench;"
            " CREATE TABLE IF NOT EXISTS bench.raw (id uuid PRIMARY KEY, body text);"
            " CREATE TABLE IF NOT EXISTS bench.items (id uuid PRIMARY KEY, body text);",
            database="ipcase",
        )
        self.broker.start()
        issuer = [
            sys.executable,
            "-m",
            "shared.cli",
            "issuer",
            "--key-file",
            str(self.workdir / "issuer.pem"),
        ]
        self.processes.append(
            spawn([*issuer, "--port", str(self.issuer_port)], self.env, self.workdir / "issuer.log")
        )
        wait_until_listening("127.0.0.1", self.issuer_port, timeout=60)
        await ensure_topics(KafkaConfig(self.broker.bootstrap_servers, "bench"), all_topics())
        for spec in discover_services().values():
            await migrations.upgrade(spec, self.database_url)
        for name in PIPELINE:
            self.serve([sys.executable, "-m", "shared.cli", "api", name], name, self.env)
        # The same intake API with its audit trail off: what the trail costs per registration.
        unaudited = {**self.env, "AUDIT_ENABLED": "false"}
        self.serve([sys.executable, "-m", "shared.cli", "api", "intake"], "intake-unaudited", unaudited)
        bare = [
            sys.executable, "-m", "uvicorn", "bench.bare_app:create_app", "--factory", "--loop", "uvloop",
            "--http", "httptools", "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip
        self.serve(bare, "bare", {"BENCH_DATABASE_URL": self.database_url}, port_flag=True)
        for name in (*PIPELINE, "intake-unaudited"):
            await wait_ready(self.ports[name])
        self.start_sealer()  # intake's own cost (its worker's part), not downstream work

    def serve(self, args: list[str], name: str, env: dict[str, str], *, port_flag: bool = False) -> None:
        port = self.ports[name] = free_port()
        command = [*args, "--port", str(port)] if port_flag else args
        process = spawn(command, {**env, "HTTP_PORT": str(port)}, self.workdir / f"{name}.log")
        self.processes.append(process)
        self.pids[name] = process.pid
        wait_until_listening("127.0.0.1", port, timeout=180)  # a loaded shared box starts slowly

    def start_sealer(self) -> None:
        """Intake's audit sealer alone (what its worker runs), so the audited side pays for chaining."""
        sealer = [sys.executable, "-m", "shared.cli", "audit", "seal", "--service", "intake", "--watch"]
        process = spawn(sealer, self.env, self.workdir / "intake-sealer.log")
        self.processes.append(process)
        self.pids["intake-sealer"] = process.pid

    def start_workers(self, env: dict[str, str] | None = None) -> list[subprocess.Popen[bytes]]:
        started = []
        for name in PIPELINE:
            worker = [sys.executable, "-m", "shared.cli", "worker", name]
            log = self.workdir / f"{name}-worker.log"
            started.append(spawn(worker, {**self.env, **(env or {})}, log))
        self.processes.extend(started)
        return started

    def stop_workers(self, workers: list[subprocess.Popen[bytes]]) -> None:
        for process in workers:
            process.terminate()
        for process in workers:
            process.wait(timeout=60)
            self.processes.remove(process)

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)
        self.broker.stop()
        self.postgres.stop()


async def wait_ready(port: int) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(1200):  # 2 minutes: a service starting on a box loaded by others can take one
            try:
                if (await client.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"service on {port} not ready")


async def raw_insert_rate(database_url: str, seconds: float) -> Result:
    connection = await asyncpg.connect(asyncpg_dsn(database_url))

    async def send() -> None:
        async with connection.transaction():
            await connection.execute("INSERT INTO bench.raw VALUES ($1, $2)", uuid.uuid4(), "x" * 200)

    result = await load("raw asyncpg INSERT+COMMIT, 1 connection", send, clients=1, seconds=seconds)
    await connection.close()
    return result


async def has_case(adjudication: httpx.AsyncClient, complaint_id: str) -> bool:
    response = await adjudication.get("/v1/cases", params={"complaint_id": complaint_id})
    return bool(response.json()["items"])


async def until_case_visible(
    adjudication: httpx.AsyncClient, complaint_id: str, poll: float = 0.002, within: float = 30
) -> None:
    for _ in range(int(within / poll)):
        if await has_case(adjudication, complaint_id):
            return
        await asyncio.sleep(poll)
    raise TimeoutError(f"no case for complaint {complaint_id}")


async def visibility(intake: httpx.AsyncClient, adjudication: httpx.AsyncClient, samples: int) -> list[float]:
    latencies = []
    for _ in range(samples):
        response = await intake.post("/v1/complaints", json=complaint_body())
        response.raise_for_status()
        posted = time.perf_counter()
        await until_case_visible(adjudication, response.json()["id"])
        latencies.append((time.perf_counter() - posted) * 1000)
        await asyncio.sleep(random.uniform(0.01, 0.05))
    return latencies


async def broker_restart(
    stack: Stack, intake: httpx.AsyncClient, adjudication: httpx.AsyncClient, seconds: float
) -> str:
    registered: list[str] = []

    async def send() -> None:
        response = await intake.post("/v1/complaints", json=complaint_body())
        response.raise_for_status()
        registered.append(response.json()["id"])

    async def restart_midway() -> None:
        await asyncio.sleep(seconds / 2)
        await asyncio.to_thread(stack.broker.restart)

    await asyncio.gather(
        load("during broker restart", send, clients=8, seconds=seconds, warmup=0), restart_midway()
    )
    started = time.perf_counter()
    missing = set(registered)
    while missing and time.perf_counter() - started < 180:
        for complaint_id in list(missing):
            if await has_case(adjudication, complaint_id):
                missing.discard(complaint_id)
        await asyncio.sleep(0.5)
    waited = time.perf_counter() - started
    return (
        f"{len(registered)} complaints registered across a broker restart: {len(missing)} lost"
        f" (every case visible {waited:.1f} s after the load ended)"
    )


def clients(
    stack: Stack,
) -> tuple[httpx.AsyncClient, httpx.AsyncClient, httpx.AsyncClient, httpx.AsyncClient]:
    token = stack.issuer.issue("bench", [Role.STAFF], office_code="000000", ttl=timedelta(hours=2))
    headers = {"Authorization": f"Bearer {token}"}
    # Expire idle connections before uvicorn does (5 s), or a reused one can be closed mid-request.
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64, keepalive_expiry=2)
    timeout = httpx.Timeout(30.0)  # a shared, overloaded box has multi-second tails; they count in p99
    url = "http://127.0.0.1:{}".format
    return (
        httpx.AsyncClient(
            base_url=url(stack.ports["intake"]), headers=headers, limits=limits, timeout=timeout
        ),
        httpx.AsyncClient(base_url=url(stack.ports["adjudication"]), headers=headers, timeout=timeout),
        httpx.AsyncClient(base_url=url(stack.ports["bare"]), limits=limits, timeout=timeout),
        httpx.AsyncClient(
            base_url=url(stack.ports["intake-unaudited"]), headers=headers, limits=limits, timeout=timeout
        ),
    )


async def cpu_snapshot(stack: Stack, name: str) -> dict[int, float]:
    """CPU so far of the process ``name`` and of the PostgreSQL backends serving it."""
    pid = stack.pids[name]
    connection = await asyncpg.connect(asyncpg_dsn(stack.database_url))
    try:
        backends = await connection.fetch(
            "SELECT pid FROM pg_stat_activity WHERE application_name LIKE $1", f"ipcase-%-{pid}"
        )
    finally:
        await connection.close()
    return {p: process_cpu(p) for p in (pid, *(int(row["pid"]) for row in backends))}


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    return sum(cpu - before.get(pid, 0.0) for pid, cpu in after.items())


@dataclass
class CpuTally:
    """CPU seconds of a process and its database backends, and the requests it served meanwhile."""

    seconds: float = 0.0
    requests: int = 0

    def per_request_ms(self) -> float:
        return 1000 * self.seconds / max(1, self.requests)


async def metered(
    stack: Stack, name: str, tally: CpuTally, send: Callable[[], Awaitable[None]], label: str, seconds: float
) -> Result:
    """``load`` at 32 clients, adding the CPU ``name`` and its backends used, and the requests served."""
    served = 0

    async def counted() -> None:
        nonlocal served
        await send()
        served += 1

    before = await cpu_snapshot(stack, name)
    result = await load(label, counted, clients=32, seconds=seconds)
    tally.seconds += cpu_used(before, await cpu_snapshot(stack, name))
    tally.requests += served
    return result


async def audit_cost(
    stack: Stack,
    post_unaudited: Callable[[], Awaitable[None]],
    post_audited: Callable[[], Awaitable[None]],
    seconds: float,
) -> list[tuple[Result, Result]]:
    """Registration with the audit trail off and on, alternated; intake's sealer runs throughout
    (started with the APIs, as its worker would), so the audited side pays for chaining too."""
    rounds: list[tuple[Result, Result]] = []
    off_cpu, on_cpu = CpuTally(), CpuTally()
    for _ in range(600):  # the sealer's start-up (imports, bootstrap) is not what it costs per entry
        if len(await cpu_snapshot(stack, "intake-sealer")) > 1:
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(2)
    sealer_before = await cpu_snapshot(stack, "intake-sealer")
    for _ in range(ROUNDS):
        off_label, on_label = (
            "intake registration, audit trail off, 32",
            "intake registration, audit trail on, 32",
        )
        off = await metered(stack, "intake-unaudited", off_cpu, post_unaudited, off_label, seconds)
        on = await metered(stack, "intake", on_cpu, post_audited, on_label, seconds)
        rounds.append((off, on))
    await asyncio.sleep(3)  # the sealer chains the last entries
    sealer_ms = (
        1000 * cpu_used(sealer_before, await cpu_snapshot(stack, "intake-sealer")) / max(1, on_cpu.requests)
    )
    off_ms, on_ms = off_cpu.per_request_ms(), on_cpu.per_request_ms()
    print("\nCPU per registration (API process + its PostgreSQL backends: the shared box's load cancels out)")
    print(f"  audit off {off_ms:.2f} ms; audit on {on_ms:.2f} ms + sealer {sealer_ms:.2f} ms")
    print(f"  off / on = {off_ms / (on_ms + sealer_ms):6.1%}   (the on/off throughput ratio if CPU bound)")
    return rounds


async def registration_only(
    stack: Stack,
    post_item: Callable[[], Awaitable[None]],
    post_complaint: Callable[[], Awaitable[None]],
    seconds: float,
    rounds: int,
) -> None:
    """Bare endpoint against registration at 32 clients, alternated, with each process's CPU per request."""
    pairs: list[tuple[Result, Result]] = []
    cpu = {"bare": CpuTally(), "intake": CpuTally()}

    async def measured(name: str, send: Callable[[], Awaitable[None]], label: str) -> Result:
        pid, tally = stack.pids[name], cpu[name]

        async def counted() -> None:
            await send()
            tally.requests += 1  # warm-up included: the CPU below is the whole round's

        before = process_cpu(pid)
        result = await load(label, counted, clients=32, seconds=seconds)
        tally.seconds += process_cpu(pid) - before
        return result

    for _ in range(rounds):
        bare_round = await measured("bare", post_item, "bare FastAPI + 1 ORM insert, 32 clients")
        intake_round = await measured("intake", post_complaint, "intake registration, 32 clients")
        print(
            f"  round: bare {bare_round.rate:.0f}, intake {intake_round.rate:.0f} req/s"
            f" ({intake_round.rate / bare_round.rate:.1%})",
            flush=True,
        )
        pairs.append((bare_round, intake_round))
    print(f"\nregistration against the bare endpoint, median of {rounds} alternated rounds")
    print(median_round([b for b, _ in pairs]).line())
    print(median_round([i for _, i in pairs]).line())
    ratio = statistics.median(i.rate / b.rate for b, i in pairs)
    print(f"  intake / bare endpoint at 32 clients: {ratio:6.1%}   (target >= 80%)")
    print(
        f"  API process CPU per request: bare"
        f" {cpu['bare'].per_request_ms():.2f} ms, intake {cpu['intake'].per_request_ms():.2f} ms"
    )


def print_audit(audit_rounds: list[tuple[Result, Result]]) -> None:
    audit_ratio = statistics.median(on.rate / off.rate for off, on in audit_rounds)
    print(f"\naudit trail cost, median of {ROUNDS} alternated rounds (intake's sealer running)")
    print(median_round([off for off, _ in audit_rounds]).line())
    print(median_round([on for _, on in audit_rounds]).line())
    print(f"  audit trail on / off at 32 clients: {audit_ratio:6.1%}   (target >= 90%)")


async def run(
    stack: Stack,
    seconds: float,
    restart_broker: bool,
    audit_only: bool = False,
    registration_rounds: int | None = None,
) -> None:
    intake, adjudication, bare, unaudited = clients(stack)
    async with intake, adjudication, bare, unaudited:
        registered: list[str] = []

        async def post_complaint() -> None:
            response = await intake.post("/v1/complaints", json=complaint_body())
            response.raise_for_status()
            registered.append(response.json()["id"])

        async def post_unaudited() -> None:
            response = await unaudited.post("/v1/complaints", json=complaint_body())
            response.raise_for_status()
            registered.append(response.json()["id"])

        async def post_item() -> None:
            (await bare.post("/items", json={"body": "x" * 200})).raise_for_status()

        if registration_rounds is not None:
            await registration_only(stack, post_item, post_complaint, seconds, registration_rounds)
            return
        if audit_only:
            print_audit(await audit_cost(stack, post_unaudited, post_complaint, seconds))
            return
        raw = await raw_insert_rate(stack.database_url, seconds)
        rounds: dict[int, list[tuple[Result, Result]]] = {1: [], 32: []}
        for n in (1, 32):
            for _ in range(ROUNDS):  # alternated, so a noisy moment on this shared box hits both sides
                bare_round = await load(
                    f"bare FastAPI + 1 ORM insert, {n} client(s)", post_item, clients=n, seconds=seconds
                )
                intake_round = await load(
                    f"intake registration, {n} client(s)", post_complaint, clients=n, seconds=seconds
                )
                rounds[n].append((bare_round, intake_round))
        audit_rounds = await audit_cost(stack, post_unaudited, post_complaint, seconds)
        print_audit(audit_rounds)  # now: a later phase may fail on an overloaded box

        stack.start_workers()
        await asyncio.sleep(3)  # the workers join their consumer groups
        pipeline = await load(
            "intake registration, 32 clients, whole pipeline running",
            post_complaint,
            clients=32,
            seconds=seconds,
        )
        # Latency is measured on a quiet pipeline: first every complaint so far must have its case.
        drain_started = time.perf_counter()
        for complaint_id in registered:
            await until_case_visible(adjudication, complaint_id, poll=0.2, within=600)
        drained = time.perf_counter() - drain_started
        await asyncio.sleep(2)
        seen = await visibility(intake, adjudication, samples=200)

        print(
            f"\nphase 1: endpoint against endpoint (no worker running), median of {ROUNDS} alternated rounds"
        )
        print(raw.line())
        for n in (1, 32):
            bare_median = median_round([b for b, _ in rounds[n]])
            intake_median = median_round([i for _, i in rounds[n]])
            ratio = statistics.median(i.rate / b.rate for b, i in rounds[n])
            print(bare_median.line())
            print(intake_median.line())
            target = "   (target >= 80%)" if n == 32 else ""
            print(f"  intake / bare endpoint at {n:>2} client(s): {ratio:6.1%}{target}")
        print("\nphase 2: whole pipeline (four services, API and worker processes, two cores)")
        print(pipeline.line())
        print(
            f"  all {len(registered)} complaints so far had their case {drained:.0f} s after the load ended"
        )
        print(
            f"  intake -> adjudication case visible: p50 {pct(seen, 50):.1f} ms, p99 {pct(seen, 99):.1f} ms,"
            f" max {max(seen):.1f} ms (n={len(seen)}, target p99 < 100 ms)"
        )
        if restart_broker:
            print("\nphase 3: broker restart under load")
            print(" ", await broker_restart(stack, intake, adjudication, seconds))


async def register(intake: httpx.AsyncClient, count: int, clients: int = 8) -> list[str]:
    """Register ``count`` complaints over ``clients`` connections; their ids."""
    registered: list[str] = []

    async def client() -> None:
        while len(registered) < count:
            response = await intake.post("/v1/complaints", json=complaint_body())
            if response.status_code == 503:  # an overloaded shared box: the API sheds, we come back
                await asyncio.sleep(0.5)
                continue
            response.raise_for_status()
            registered.append(response.json()["id"])

    await asyncio.gather(*(client() for _ in range(clients)))
    return registered


async def cases_for(connection: asyncpg.Connection, complaints: list[uuid.UUID]) -> int:
    query = "SELECT count(*) FROM adjudication.cases WHERE complaint_id = ANY($1::uuid[])"
    return int(await connection.fetchval(query, complaints))


async def until_cases(connection: asyncpg.Connection, complaints: list[uuid.UUID], count: int) -> None:
    """Until ``count`` of ``complaints`` have their adjudication case (a 30-minute bound)."""
    for _ in range(18000):
        if await cases_for(connection, complaints) >= count:
            return
        await asyncio.sleep(0.1)
    raise TimeoutError(f"fewer than {count} cases after 30 minutes")


async def until_quiet(stack: Stack, workers: list[subprocess.Popen[bytes]]) -> None:
    """Until the workers and their backends use under 15% of a core for three seconds running (idle
    workers still seal audit entries and look for timers; on a loaded box that is several percent)."""
    quiet = 0
    before = await pipeline_cpu(stack, workers)
    for _ in range(600):
        await asyncio.sleep(1)
        after = await pipeline_cpu(stack, workers)
        quiet = quiet + 1 if cpu_used(before, after) < 0.15 else 0
        if quiet >= 3:
            return
        before = after
    raise TimeoutError("the workers never went quiet")


async def pipeline_cpu(stack: Stack, workers: list[subprocess.Popen[bytes]]) -> dict[int, float]:
    """CPU so far of the worker processes and of the PostgreSQL backends serving them."""
    return {pid: cpu for pid, (_, cpu) in (await pipeline_cpu_by_part(stack, workers)).items()}


async def pipeline_cpu_by_part(
    stack: Stack, workers: list[subprocess.Popen[bytes]]
) -> dict[int, tuple[str, float]]:
    """As :func:`pipeline_cpu`, each pid with its part: ``<service> worker`` or ``<service> backends``."""
    names = {worker.pid: name for name, worker in zip(PIPELINE, workers, strict=True)}
    connection = await asyncpg.connect(asyncpg_dsn(stack.database_url))
    try:
        rows = await connection.fetch(
            "SELECT pid, application_name FROM pg_stat_activity WHERE application_name LIKE 'ipcase-%'"
        )
    finally:
        await connection.close()
    parts = {pid: f"{name} worker" for pid, name in names.items()}
    for row in rows:
        owner = str(row["application_name"]).rsplit("-", 1)[-1]
        if owner.isdigit() and int(owner) in names:
            parts[int(row["pid"])] = f"{names[int(owner)]} backends"
    return {pid: (part, process_cpu(pid)) for pid, part in parts.items()}


def cpu_by_part(
    before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]]
) -> dict[str, float]:
    """CPU seconds used between two :func:`pipeline_cpu_by_part` snapshots, per part."""
    used: dict[str, float] = {}
    for pid, (part, cpu) in after.items():
        used[part] = used.get(part, 0.0) + cpu - before.get(pid, (part, 0.0))[1]
    return used


@dataclass
class Drain:
    batch_max: int
    complaints: int
    startup_s: float  # workers started -> first case
    seconds: float  # first case -> last case
    cpu_s: float  # workers + their backends, first case -> last case
    parts: dict[str, float] = field(default_factory=dict)  # the same CPU per worker / its backends

    @property
    def rate(self) -> float:
        return (self.complaints - 1) / self.seconds

    def line(self) -> str:
        cpu_ms = 1000 * self.cpu_s / (self.complaints - 1)
        return (
            f"  CONSUMER_BATCH_MAX={self.batch_max:<4} {self.complaints} complaints:"
            f" {self.rate:7.1f} routed/s"
            f"   ({self.seconds:.1f} s first -> last case; workers up {self.startup_s:.1f} s)"
            f"   CPU {cpu_ms:.2f} ms per routed complaint"
        )

    def breakdown(self) -> str:
        """The CPU per routed complaint of each worker process and of its PostgreSQL backends."""
        per = {part: 1000 * cpu / (self.complaints - 1) for part, cpu in sorted(self.parts.items())}
        return "    " + ", ".join(f"{part} {ms:.2f}" for part, ms in per.items() if ms >= 0.005) + " (ms)"


@dataclass(frozen=True)
class DrainSide:
    """Which workers a drain round runs: ``CONSUMER_BATCH_MAX`` and, to compare code, where from."""

    batch_max: int
    source: Path | None = None  # a checkout whose shared/ and services/ the workers import instead
    profile: Path | None = None  # py-spy profiles of the workers over the measured window go here

    def env(self) -> dict[str, str]:
        env = {"CONSUMER_BATCH_MAX": str(self.batch_max)}
        if self.source is not None:
            paths = [self.source / "shared" / "src", *sorted((self.source / "services").glob("*/src"))]
            env["PYTHONPATH"] = os.pathsep.join(str(path) for path in paths)
        return env

    @property
    def label(self) -> str:
        return f"workers from {self.source}" if self.source else "workers of this checkout"


def start_profiles(workers: list[subprocess.Popen[bytes]], directory: Path) -> list[subprocess.Popen[bytes]]:
    """py-spy (raw collapsed stacks, 100 Hz) on each worker until :func:`stop_profiles`."""
    directory.mkdir(parents=True, exist_ok=True)
    spy = str(Path(sys.executable).parent / "py-spy")
    return [
        subprocess.Popen(
            [spy, "record", "--pid", str(w.pid), "-r", "100", "-f", "raw", "-o", str(directory / f"{n}.txt")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background shell ignores it
        )
        for n, w in zip(PIPELINE, workers, strict=True)
    ]


def stop_profiles(profilers: list[subprocess.Popen[bytes]]) -> None:
    for profiler in profilers:
        profiler.send_signal(signal.SIGINT)  # py-spy writes its file on SIGINT
    for profiler in profilers:
        profiler.wait(timeout=60)


async def drain_round(stack: Stack, intake: httpx.AsyncClient, complaints: int, side: DrainSide) -> Drain:
    registered = [uuid.UUID(c) for c in await register(intake, complaints)]
    connection = await asyncpg.connect(asyncpg_dsn(stack.database_url))
    try:
        workers = stack.start_workers(side.env())
        started = time.perf_counter()
        try:
            await until_cases(connection, registered, 1)
            first = time.perf_counter()
            profilers = start_profiles(workers, side.profile) if side.profile else []
            cpu_before = await pipeline_cpu_by_part(stack, workers)
            await until_cases(connection, registered, len(registered))
            last = time.perf_counter()
            parts = cpu_by_part(cpu_before, await pipeline_cpu_by_part(stack, workers))
            stop_profiles(profilers)
            # Credit, mediation and intake's own consumers may still be behind: let them finish, so
            # the next round starts from no backlog (the workers go quiet once every consumer parks).
            await until_quiet(stack, workers)
        finally:
            stack.stop_workers(workers)
    finally:
        await connection.close()
    return Drain(side.batch_max, len(registered), first - started, last - first, sum(parts.values()), parts)


async def drain(
    stack: Stack,
    complaints: int,
    rounds: int,
    batch_max: int,
    baseline: Path | None = None,
    profile: Path | None = None,
) -> None:
    """Alternated rounds: one record per transaction against batched; or, with ``baseline``, the
    batched workers of that checkout against this one's (``profile``: py-spy of this one's)."""
    before = DrainSide(batch_max, baseline) if baseline else DrainSide(1)
    after = DrainSide(batch_max, profile=profile)
    intake, adjudication, bare, unaudited = clients(stack)
    async with intake, adjudication, bare, unaudited:
        results: list[tuple[Drain, Drain]] = []
        for n in range(rounds):  # alternated: a noisy moment on this shared box hits both sides
            if profile:
                after = DrainSide(batch_max, profile=profile / f"round{n + 1}")
            one = await drain_round(stack, intake, complaints, before)
            print(one.line(), f"  [{before.label}]", one.breakdown(), sep="\n", flush=True)
            batched = await drain_round(stack, intake, complaints, after)
            print(batched.line(), f"  [{after.label}]", batched.breakdown(), sep="\n", flush=True)
            print(f"  round {n + 1}: after / before = {batched.rate / one.rate:.2f}x"
                  f" (load average {os.getloadavg()[0]:.1f})", flush=True)  # fmt: skip
            results.append((one, batched))
        ratio = statistics.median(b.rate / o.rate for o, b in results)
        best = statistics.median(b.rate for _, b in results)
        sides = ([o for o, _ in results], [b for _, b in results])
        cpu = [statistics.median(1000 * d.cpu_s / (d.complaints - 1) for d in side) for side in sides]
        print(f"\ndrain, median of {rounds} alternated rounds: batched {best:.1f} routed complaints/s,")
        print(f"  {ratio:.2f}x {before.label if baseline else 'one record per transaction'}"
              "   (target >= 150 routed complaints/s)")  # fmt: skip
        print(f"  CPU per routed complaint: before {cpu[0]:.2f} ms, after {cpu[1]:.2f} ms")


def copy_logs(workdir: Path, destination: Path) -> None:
    destination.mkdir(parents=True, exist_ok=True)
    for log in workdir.glob("*.log"):
        (destination / log.name).write_bytes(log.read_bytes())


async def main(
    seconds: float,
    restart_broker: bool,
    keep_logs: Path | None,
    audit_only: bool,
    registration_rounds: int | None = None,
    drain_complaints: int = 0,
    drain_rounds: int = 2,
    batch_max: int = 100,
    baseline: Path | None = None,
    profile: Path | None = None,
) -> None:
    with tempfile.TemporaryDirectory(prefix="ipcase-bench-") as directory:
        workdir = Path(directory)
        os.chmod(workdir, 0o755)  # the PostgreSQL system user must reach its data directory
        stack = Stack(workdir)
        try:
            await stack.start()
            print(f"intake API pid {stack.pids['intake']}, bare pid {stack.pids['bare']}", flush=True)
            if drain_complaints:
                await drain(stack, drain_complaints, drain_rounds, batch_max, baseline, profile)
            else:
                await run(stack, seconds, restart_broker, audit_only, registration_rounds)
        finally:
            stack.stop()
            if keep_logs:
                copy_logs(workdir, keep_logs)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per phase")
    parser.add_argument(
        "--restart-broker", action="store_true", help="add the broker-restart durability phase"
    )
    parser.add_argument("--keep-logs", type=Path, default=None, help="copy every process's log here")
    parser.add_argument(
        "--audit-only", action="store_true", help="only the audit trail off/on rounds (phase 1's last part)"
    )
    parser.add_argument(
        "--registration-only",
        action="store_true",
        help="only the 32-client bare/registration pair, --rounds alternated rounds, with CPU per request",
    )
    parser.add_argument("--rounds", type=int, default=5, help="rounds for --registration-only")
    parser.add_argument("--drain", type=int, default=0, help="only the drain measure, with N complaints")
    parser.add_argument("--drain-rounds", type=int, default=2, help="alternated drain rounds")
    parser.add_argument("--batch-max", type=int, default=100, help="CONSUMER_BATCH_MAX of the batched side")
    parser.add_argument(
        "--drain-baseline",
        type=Path,
        default=None,
        help="drain: compare batched workers run from this checkout (e.g. a `git archive` of main)",
    )
    parser.add_argument(
        "--drain-profile", type=Path, default=None, help="drain: py-spy raw profiles of this side's workers"
    )
    arguments = parser.parse_args()
    asyncio.run(
        main(
            arguments.seconds,
            arguments.restart_broker,
            arguments.keep_logs,
            arguments.audit_only,
            arguments.rounds if arguments.registration_only else None,
            arguments.drain,
            arguments.drain_rounds,
            arguments.batch_max,
            arguments.drain_baseline,
            arguments.drain_profile,
        )
    )
