"""Staff reads: the case file, the work queue and the complaint lists against a bare FastAPI GET.

Starts its own embedded PostgreSQL (durable) and broker, intake's API and worker as separate
processes (production layout) and the bare baseline app. Builds the database through the bulk
complaint import (``--complaints``, default 100,000; one in ten held for correction, so the work
queue has open deadlines), waits until the relay has published everything, stops the worker (a
quiet box), then measures at 32 clients, alternating each intake endpoint with the bare endpoint
(one primary-key read) and taking the median of the rounds:

* ``GET /v1/complaints/{id}`` (the case file; a random complaint; the read is audited),
* ``GET /v1/queue`` (open deadlines, soonest first),
* ``GET /v1/complaints?limit=50`` and ``?status=CORRECTION_REQUESTED&limit=50`` (lists, with total).

Prints rate, p50/p99, intake / bare per endpoint (targets: >= 70% and p99 < 30 ms) and the intake
API process's CPU per request (steadier than rates on a shared box), then ``EXPLAIN (ANALYZE,
BUFFERS)`` of the hot queries.

    .venv/bin/python bench/staff_reads.py [--complaints 100000] [--seconds 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from shared import migrations
from shared.db import asyncpg_dsn
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port, wait_until_listening
from shared.devstack.postgres import EmbeddedPostgres
from shared.identity.dev_issuer import DevIssuer
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.testing.refs import random_patent_number, random_uscc
from shared.web.auth import Role
from shared.web.identity import all_audiences

sys.path.insert(0, str(Path(__file__).resolve().parent))
from intake_throughput import Result, load, median_round, pct, process_cpu, spawn, wait_ready

ROUNDS = 3
ENDPOINTS = (
    "GET /v1/complaints/{id}",
    "GET /v1/queue",
    "GET /v1/complaints?limit=50",
    "GET /v1/complaints?status=CORRECTION_REQUESTED",
)
CLIENTS = 32
OFFICE = "330106"
HOT_QUERIES = {
    "case file: the complaint by id": "SELECT * FROM intake.complaints WHERE id = '{id}'",
    "list: total of the office's complaints": (
        "SELECT count(*) FROM intake.complaints WHERE office_code LIKE '330106%' ESCAPE '\\'"
    ),
    "list: newest 50 of the office": (
        "SELECT * FROM intake.complaints WHERE office_code LIKE '330106%' ESCAPE '\\'"
        " ORDER BY received_at DESC, sequence DESC LIMIT 50"
    ),
    "list: total by status": (
        "SELECT count(*) FROM intake.complaints WHERE status = 'CORRECTION_REQUESTED'"
        " AND office_code LIKE '330106%' ESCAPE '\\'"
    ),
    "list: newest 50 by status": (
        "SELECT * FROM intake.complaints WHERE status = 'CORRECTION_REQUESTED'"
        " AND office_code LIKE '330106%' ESCAPE '\\' ORDER BY received_at DESC, sequence DESC LIMIT 50"
    ),
    "work queue: open deadlines, soonest first": (
        "SELECT d.*, c.sequence, c.received_at, c.status, c.track, c.centre, c.examiner_id"
        " FROM intake.deadlines d JOIN intake.complaints c ON c.id = d.complaint_id"
        " WHERE d.status = 'open' AND c.office_code LIKE '330106%' ESCAPE '\\'"
        " ORDER BY d.due_at ASC NULLS LAST, d.created_at LIMIT 500"
    ),
}


def generate(path: Path, count: int) -> None:
    """``count`` complaints; every 10th names a respondent nobody can identify (held for correction)."""
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            respondent: dict[str, Any] = {"kind": "organisation", "name": f"被请求人{i}贸易有限公司"}
            if i % 10:
                respondent["credit_code"] = random_uscc()
            body = {
                "ip_type": "invention_patent",
                "right_number": random_patent_number(),
                "complainant": {
                    "kind": "organisation",
                    "name": f"权利人{i}有限公司",
                    "credit_code": random_uscc(),
                },
                "respondents": [respondent],
                "facts": f"被请求人销售落入涉案专利权利要求1保护范围的产品（第{i}号）。",
            }
            out.write(json.dumps(body, ensure_ascii=False) + "\n")


class Stack:
    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.postgres = EmbeddedPostgres(workdir / "pg", free_port(), durable=True)
        self.broker = EmbeddedBroker(free_port(), workdir / "broker.log")
        self.issuer_port = free_port()
        self.processes: dict[str, Any] = {}
        self.ports: dict[str, int] = {}

    @property
    def url(self) -> str:
        return self.postgres.url("ipcase")

    @property
    def env(self) -> dict[str, str]:
        return {
            "DATABASE_URL": self.url,
            "KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
            "ENVIRONMENT": "dev",
            "RUN_WORKERS": "false",
            "LOG_LEVEL": "WARNING",
            "RATE_LIMIT": "10000000/minute",
            "EVIDENCE_DIR": str(self.workdir / "evidence"),
            "IMPORT_DIR": str(self.workdir / "imports"),
            "IMPORT_MAX_BYTES": str(4 * 1024**3),
            "HTTP_MAX_UPLOAD_BYTES": str(4 * 1024**3),
            "COMPLAINT_IMPORT_ROWS_PER_SECOND": "0",
            "AUTH_ISSUER": f"http://127.0.0.1:{self.issuer_port}",
            "AUTH_DEV_KEY_FILE": str(self.workdir / "issuer.pem"),
        }

    def token(self, role: Role) -> str:
        issuer = DevIssuer(
            self.workdir / "issuer.pem", f"http://127.0.0.1:{self.issuer_port}", all_audiences()
        )
        return issuer.issue("bench-reader", [role], office_code=OFFICE, ttl=timedelta(hours=3))

    async def start(self) -> None:
        self.postgres.start()
        self.postgres.create_database("ipcase")
        self.postgres.psql(
            "CREATE SCHEMA IF NOT EXISTS bench;"
            " CREATE TABLE IF NOT EXISTS bench.items (id uuid PRIMARY KEY, body text);",
            database="ipcase",
        )
        self.broker.start()
        cli = [sys.executable, "-m", "shared.cli"]
        issuer = [
            *cli,
            "issuer",
            "--key-file",
            str(self.workdir / "issuer.pem"),
            "--port",
            str(self.issuer_port),
        ]
        self.processes["issuer"] = spawn(issuer, self.env, self.workdir / "issuer.log")
        wait_until_listening("127.0.0.1", self.issuer_port, timeout=60)
        await ensure_topics(KafkaConfig(self.broker.bootstrap_servers, "bench"), all_topics())
        await migrations.upgrade(discover_services()["intake"], self.url)
        self.serve("intake", [*cli, "api", "intake"], self.env)
        bare = [
            sys.executable, "-m", "uvicorn", "bench.bare_app:create_app", "--factory", "--loop", "uvloop",
            "--http", "httptools", "--no-access-log", "--log-level", "warning",
        ]  # fmt: skip
        self.serve("bare", bare, {"BENCH_DATABASE_URL": self.url}, port_flag=True)
        worker_env = {**self.env, "WORKER_HEALTH_PORT": str(free_port())}  # not 8201: others run too
        self.processes["worker"] = spawn([*cli, "worker", "intake"], worker_env, self.workdir / "worker.log")
        await wait_ready(self.ports["intake"])

    def serve(self, name: str, args: list[str], env: dict[str, str], *, port_flag: bool = False) -> None:
        port = self.ports[name] = free_port()
        command = [*args, "--port", str(port)] if port_flag else args
        self.processes[name] = spawn(command, {**env, "HTTP_PORT": str(port)}, self.workdir / f"{name}.log")
        wait_until_listening("127.0.0.1", port, timeout=60)

    def stop_worker(self) -> None:
        worker = self.processes.pop("worker")
        worker.terminate()
        worker.wait(timeout=60)

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            process.wait(timeout=30)
        self.broker.stop()
        self.postgres.stop()


async def build(stack: Stack, staff: httpx.AsyncClient, count: int) -> None:
    path = stack.workdir / "complaints.jsonl"
    await asyncio.to_thread(generate, path, count)
    started = time.perf_counter()
    with path.open("rb") as handle:
        queued = await staff.post(
            "/v1/complaint-imports",
            files={"file": ("c.jsonl", handle, "application/octet-stream")},
            timeout=600,
        )
    if queued.status_code != 202:
        raise SystemExit(f"upload refused: {queued.status_code} {queued.text}")
    while (job := (await staff.get(queued.headers["location"])).json())["status"] not in (
        "completed",
        "failed",
    ):
        print(f"  import {job['percent']:5.1f}% ({job['rows_per_second']} rows/s)", end="\r", flush=True)
        await asyncio.sleep(2)
    took = time.perf_counter() - started
    print(
        f"\nbuilt: {job['imported']:,} complaints imported in {took:.0f} s"
        f" ({job['imported'] / took:,.0f} rows/s)"
    )
    connection = await asyncpg.connect(asyncpg_dsn(stack.url))
    try:
        unpublished = "SELECT count(*) FROM intake.outbox WHERE published_at IS NULL"
        while await connection.fetchval(unpublished):  # noqa: ASYNC110 - polling another process's work
            await asyncio.sleep(2)
        print(f"  relay drained ({time.perf_counter() - started:.0f} s after the upload)")
        stack.stop_worker()
        await connection.executemany(
            "INSERT INTO bench.items VALUES ($1, $2)", [(uuid.uuid4(), "x" * 200) for _ in range(10_000)]
        )
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()


async def measure(
    stack: Stack, seconds: float, cpu_ms: dict[str, list[float]]
) -> dict[str, list[tuple[Result, Result]]]:
    headers = {"Authorization": f"Bearer {stack.token(Role.STAFF)}"}
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64, keepalive_expiry=2)
    url = "http://127.0.0.1:{}".format
    intake = httpx.AsyncClient(
        base_url=url(stack.ports["intake"]), headers=headers, limits=limits, timeout=60
    )
    bare = httpx.AsyncClient(base_url=url(stack.ports["bare"]), limits=limits, timeout=60)
    connection = await asyncpg.connect(asyncpg_dsn(stack.url))
    complaint_ids = [str(r[0]) for r in await connection.fetch("SELECT id FROM intake.complaints")]
    item_ids = [str(r[0]) for r in await connection.fetch("SELECT id FROM bench.items")]
    await connection.close()

    def getter(client: httpx.AsyncClient, path: Callable[[], str]) -> Callable[[], Awaitable[None]]:
        async def send() -> None:
            (await client.get(path())).raise_for_status()

        return send

    endpoints: dict[str, Callable[[], Awaitable[None]]] = {
        "GET /v1/complaints/{id}": getter(intake, lambda: f"/v1/complaints/{random.choice(complaint_ids)}"),
        "GET /v1/queue": getter(intake, lambda: "/v1/queue"),
        "GET /v1/complaints?limit=50": getter(intake, lambda: "/v1/complaints?limit=50"),
        "GET /v1/complaints?status=CORRECTION_REQUESTED": getter(
            intake, lambda: "/v1/complaints?status=CORRECTION_REQUESTED&limit=50"
        ),
    }
    bare_get = getter(bare, lambda: f"/items/{random.choice(item_ids)}")
    rounds: dict[str, list[tuple[Result, Result]]] = {name: [] for name in endpoints}
    api_pid = stack.processes["intake"].pid
    async with intake, bare:
        for _ in range(ROUNDS):
            for name, send in endpoints.items():
                base = await load(
                    "bare FastAPI GET (1 row by key)", bare_get, clients=CLIENTS, seconds=seconds
                )
                served = 0

                async def counted(send: Callable[[], Awaitable[None]] = send) -> None:
                    nonlocal served
                    await send()
                    served += 1

                cpu_before = process_cpu(api_pid)
                mine = await load(f"intake {name}", counted, clients=CLIENTS, seconds=seconds)
                cpu_ms[name].append(1000 * (process_cpu(api_pid) - cpu_before) / max(1, served))
                rounds[name].append((base, mine))
    return rounds


async def explain(stack: Stack) -> None:
    connection = await asyncpg.connect(asyncpg_dsn(stack.url))
    try:
        some_id = await connection.fetchval("SELECT id FROM intake.complaints LIMIT 1")
        for name, sql in HOT_QUERIES.items():
            plan = await connection.fetch("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql.format(id=some_id))
            print(f"\n-- {name}\n{sql.format(id=some_id)}")
            for row in plan:
                print("   ", row[0])
    finally:
        await connection.close()


async def main(count: int, seconds: float) -> None:
    with tempfile.TemporaryDirectory(prefix="ipcase-bench-") as directory:
        workdir = Path(directory)
        os.chmod(workdir, 0o755)  # the PostgreSQL system user must reach its data directory
        stack = Stack(workdir)
        try:
            await stack.start()
            staff = httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{stack.ports['intake']}",
                headers={"Authorization": f"Bearer {stack.token(Role.STAFF)}"},
            )
            async with staff:
                await build(stack, staff, count)
            cpu_ms: dict[str, list[float]] = {name: [] for name in ENDPOINTS}
            rounds = await measure(stack, seconds, cpu_ms)
            print(f"\n{count:,} complaints; {CLIENTS} clients; median of {ROUNDS} alternated rounds")
            for name, pairs in rounds.items():
                base, mine = median_round([b for b, _ in pairs]), median_round([m for _, m in pairs])
                ratio = statistics.median(m.rate / b.rate for b, m in pairs)
                p99 = statistics.median(pct(m.latencies_ms, 99) for _, m in pairs)
                print(base.line())
                print(mine.line())
                print(
                    f"  {name}: intake / bare {ratio:6.1%} (target >= 70%),"
                    f" p99 {p99:.1f} ms (target < 30 ms),"
                    f" API CPU {statistics.median(cpu_ms[name]):.2f} ms/request"
                )
            await explain(stack)
        finally:
            stack.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--complaints", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=8.0)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.complaints, arguments.seconds))
