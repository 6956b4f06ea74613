"""Benchmark: durable complaint intake and intake -> adjudication latency, with baselines.

Starts its own embedded PostgreSQL (durable: fsync on) and broker on free ports, runs intake and
adjudication as real server processes (API with worker inside, as `make run` does), and measures:

* complaint registration (POST /v1/complaints): requests/s and p50/p99 at 1 and 32 clients;
* the same load against a bare FastAPI endpoint doing one ORM insert (the Python-service limit);
* the raw asyncpg single-row INSERT+COMMIT rate on the same PostgreSQL;
* intake -> adjudication: from the POST's response to the case being visible over
  GET /v1/cases?complaint_id= (p50/p99);
* with ``--restart-broker``: a load phase during which the broker is restarted, then a check that
  every complaint registered has its adjudication case (none lost).

Usage: .venv/bin/python bench/intake_throughput.py [--seconds 10] [--restart-broker]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import asyncpg
import httpx

from shared import migrations
from shared.db import asyncpg_dsn
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port, wait_until_listening
from shared.devstack.postgres import EmbeddedPostgres
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.settings import DEV_AUTH_SECRET
from shared.testing.refs import random_name, random_patent_number, random_uscc
from shared.web.auth import Role, TokenService

ROOT = Path(__file__).resolve().parents[1]


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
            f"{self.name:<44} {self.rate:8.0f} req/s   p50 {pct(self.latencies_ms, 50):7.1f} ms"
            f"   p99 {pct(self.latencies_ms, 99):7.1f} ms   (n={self.requests})"
        )


def pct(values: list[float], q: int) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def complaint_body() -> dict[str, object]:
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
        "facts": "被请求人在其网店销售落入涉案专利权利要求1保护范围的产品。" * 3,
    }


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


def start_process(args: list[str], env: dict[str, str], port: int, log: Path) -> subprocess.Popen[bytes]:
    process = spawn(args, env, log)
    wait_until_listening("127.0.0.1", port, timeout=60)
    return process


class Stack:
    """``split``: API and worker in separate processes, as in production; ``dev``: worker inside the API."""

    def __init__(self, workdir: Path, topology: str) -> None:
        self.workdir = workdir
        self.topology = topology
        self.postgres = EmbeddedPostgres(workdir / "pg", free_port(), durable=True)
        self.broker = EmbeddedBroker(free_port(), workdir / "broker.log")
        self.processes: list[subprocess.Popen[bytes]] = []
        self.ports: dict[str, int] = {}

    @property
    def database_url(self) -> str:
        return self.postgres.url("ipcase")

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
        await ensure_topics(KafkaConfig(self.broker.bootstrap_servers, "bench"), all_topics())
        for spec in discover_services().values():
            await migrations.upgrade(spec, self.database_url)
        env = {
            "DATABASE_URL": self.database_url,
            "KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
            "ENVIRONMENT": "dev",
            "RUN_WORKERS": "true" if self.topology == "dev" else "false",
            "LOG_LEVEL": "WARNING",
            "KAFKA_WATCH_INTERVAL": "1",
        }
        for name in ("intake", "adjudication"):
            port = self.ports[name] = free_port()
            self.processes.append(
                start_process(
                    [sys.executable, "-m", "shared.cli", "api", name],
                    {**env, "HTTP_PORT": str(port)},
                    port,
                    self.workdir / f"{name}.log",
                )
            )
            if self.topology == "split":
                worker = [sys.executable, "-m", "shared.cli", "worker", name]
                self.processes.append(spawn(worker, env, self.workdir / f"{name}-worker.log"))
        port = self.ports["bare"] = free_port()
        self.processes.append(
            start_process(
                [
                    sys.executable,
                    "-m",
                    "uvicorn",
                    "bench.bare_app:create_app",
                    "--factory",
                    "--port",
                    str(port),
                    "--loop",
                    "uvloop",
                    "--http",
                    "httptools",
                    "--no-access-log",
                    "--log-level",
                    "warning",
                ],
                {"BENCH_DATABASE_URL": self.database_url},
                port,
                self.workdir / "bare.log",
            )
        )
        await wait_ready(self.ports["intake"])
        await wait_ready(self.ports["adjudication"])

    def stop(self) -> None:
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=30)
        self.broker.stop()
        self.postgres.stop()


async def wait_ready(port: int) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(300):
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


async def until_case_visible(adjudication: httpx.AsyncClient, complaint_id: str, poll: float = 0.002) -> None:
    for _ in range(int(30 / poll)):
        if await has_case(adjudication, complaint_id):
            return
        await asyncio.sleep(poll)
    raise TimeoutError(f"no case for complaint {complaint_id}")


async def has_case(adjudication: httpx.AsyncClient, complaint_id: str) -> bool:
    response = await adjudication.get("/v1/cases", params={"complaint_id": complaint_id})
    return bool(response.json()["items"])


async def broker_restart_phase(
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
    while missing and time.perf_counter() - started < 120:
        for complaint_id in list(missing):
            if await has_case(adjudication, complaint_id):
                missing.discard(complaint_id)
        await asyncio.sleep(0.5)
    waited = time.perf_counter() - started
    return (
        f"{len(registered)} complaints registered across a broker restart: {len(missing)} lost"
        f" (every case visible {waited:.1f} s after the load ended)"
    )


async def main(seconds: float, restart_broker: bool, topology: str) -> None:
    with tempfile.TemporaryDirectory(prefix="ipcase-bench-") as directory:
        workdir = Path(directory)
        os.chmod(workdir, 0o755)  # the PostgreSQL system user must reach its data directory
        stack = Stack(workdir, topology)
        try:
            await stack.start()
            await run(stack, seconds, restart_broker)
        finally:
            stack.stop()


async def run(stack: Stack, seconds: float, restart_broker: bool) -> None:
    token = TokenService(
        secret=DEV_AUTH_SECRET, issuer="ipcase", ttl=__import__("datetime").timedelta(hours=1)
    ).issue("bench", [Role.ADMIN])
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with (
        httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{stack.ports['intake']}", headers=headers, limits=limits
        ) as intake,
        httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{stack.ports['adjudication']}", headers=headers
        ) as adjudication,
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{stack.ports['bare']}", limits=limits) as bare,
    ):

        async def post_complaint() -> None:
            (await intake.post("/v1/complaints", json=complaint_body())).raise_for_status()

        async def post_item() -> None:
            (await bare.post("/items", json={"body": "x" * 200})).raise_for_status()

        results = [await raw_insert_rate(stack.database_url, seconds)]
        for clients in (1, 32):
            results.append(
                await load(
                    f"bare FastAPI + 1 ORM insert, {clients} clients",
                    post_item,
                    clients=clients,
                    seconds=seconds,
                )
            )
            results.append(
                await load(
                    f"intake POST /v1/complaints, {clients} clients",
                    post_complaint,
                    clients=clients,
                    seconds=seconds,
                )
            )
        seen = await visibility(intake, adjudication, samples=200)
        print(f"\ntopology: {stack.topology} (split = API and worker processes apart, as in production)")
        for result in results:
            print(result.line())
        bare32, intake32 = results[3], results[4]
        bare1, intake1 = results[1], results[2]
        print()
        print(f"intake / bare endpoint at 32 clients: {intake32.rate / bare32.rate:6.1%}   (target >= 80%)")
        print(f"intake / bare endpoint at  1 client : {intake1.rate / bare1.rate:6.1%}")
        print(f"intake at 1 client / raw INSERT+COMMIT: {intake1.rate / results[0].rate:6.1%}")
        print(
            f"intake -> adjudication case visible: p50 {pct(seen, 50):.1f} ms, p99 {pct(seen, 99):.1f} ms,"
            f" max {max(seen):.1f} ms, mean {statistics.mean(seen):.1f} ms"
            f" (n={len(seen)}, target p99 < 100 ms)"
        )
        if restart_broker:
            print(await broker_restart_phase(stack, intake, adjudication, seconds))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per phase")
    parser.add_argument(
        "--restart-broker", action="store_true", help="add the broker-restart durability phase"
    )
    parser.add_argument(
        "--topology",
        choices=["split", "dev"],
        default="split",
        help="worker in its own process (split) or in the API",
    )
    arguments = parser.parse_args()
    asyncio.run(main(arguments.seconds, arguments.restart_broker, arguments.topology))
