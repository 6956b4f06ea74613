"""Benchmark: what an idle stack costs in CPU, and the intake -> adjudication latency it still gives.

Starts its own embedded PostgreSQL and broker on free ports and the four services as real
processes, either as ``make run`` lays them out (``--layout dev``: one process per service, API and
worker together) or as production does (``--layout split``: an API and a worker process per
service, eight in all). Then:

1. Idle CPU: after a settling pause, the CPU time (user + system, from ``/proc/<pid>/stat``) that
   the broker, PostgreSQL (postmaster and every backend) and the service processes use over
   ``--seconds`` (60) with nothing happening, as a share of one core, per component and in total.
2. Latency: complaints posted one at a time to intake (with small random gaps, as people file them);
   for each, the time from the POST's response until adjudication's ``GET /v1/cases?complaint_id=``
   shows the case (p50/p99/max over ``--samples``).

Usage: .venv/bin/python bench/idle_cost.py [--layout dev|split] [--seconds 60] [--samples 200]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx

from intake.testing import complaint_body
from shared import migrations
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port, wait_until_listening
from shared.devstack.postgres import EmbeddedPostgres
from shared.devstack.stack import DEV_KAFKA_TIMINGS
from shared.identity.dev_issuer import DevIssuer
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.web.auth import Role
from shared.web.identity import all_audiences

ROOT = Path(__file__).resolve().parents[1]
SERVICES = ("intake", "adjudication", "mediation", "credit")
TICKS = os.sysconf("SC_CLK_TCK")
SETTLE_SECONDS = 15.0


@dataclass
class Stack:
    workdir: Path
    layout: str
    postgres: EmbeddedPostgres = field(init=False)
    broker: EmbeddedBroker = field(init=False)
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    issuer_port: int = field(default_factory=free_port)

    def __post_init__(self) -> None:
        self.postgres = EmbeddedPostgres(self.workdir / "pg", free_port(), durable=True)
        self.broker = EmbeddedBroker(free_port(), self.workdir / "broker.log")

    @property
    def issuer(self) -> DevIssuer:
        return DevIssuer(self.workdir / "issuer.pem", f"http://127.0.0.1:{self.issuer_port}", all_audiences())

    @property
    def env(self) -> dict[str, str]:
        return {
            **DEV_KAFKA_TIMINGS,  # as `make run` sets them
            "DATABASE_URL": self.postgres.url("ipcase"),
            "KAFKA_BOOTSTRAP_SERVERS": self.broker.bootstrap_servers,
            "ENVIRONMENT": "dev",
            "LOG_LEVEL": os.environ.get("BENCH_LOG_LEVEL", "WARNING"),
            "RATE_LIMIT": "10000000/minute",  # the latency probe polls adjudication every 2 ms
            "EVIDENCE_DIR": str(self.workdir / "evidence"),
            "IMPORT_DIR": str(self.workdir / "imports"),
            "AUTH_ISSUER": f"http://127.0.0.1:{self.issuer_port}",
            "AUTH_DEV_KEY_FILE": str(self.workdir / "issuer.pem"),
        }

    async def start(self) -> None:
        self.postgres.start()
        self.postgres.create_database("ipcase")
        self.broker.start()
        key = str(self.workdir / "issuer.pem")
        port = str(self.issuer_port)
        issuer = [sys.executable, "-m", "shared.cli", "issuer", "--key-file", key, "--port", port]
        self.spawn("issuer", issuer, {})
        wait_until_listening("127.0.0.1", self.issuer_port, timeout=60)
        await ensure_topics(KafkaConfig(self.broker.bootstrap_servers, "bench"), all_topics())
        for spec in discover_services().values():
            await migrations.upgrade(spec, self.postgres.url("ipcase"))
        together = self.layout == "dev"
        for name in SERVICES:
            port = self.ports[name] = free_port()
            env = {"HTTP_PORT": str(port), "RUN_WORKERS": str(together).lower()}
            self.spawn(name, [sys.executable, "-m", "shared.cli", "api", name], env)
            if not together:
                health = {"WORKER_HEALTH_PORT": str(free_port())}
                self.spawn(f"{name}-worker", [sys.executable, "-m", "shared.cli", "worker", name], health)
        for name in SERVICES:
            await wait_ready(self.ports[name])

    def spawn(self, name: str, args: list[str], env: dict[str, str]) -> None:
        output = (self.workdir / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            args, env={**os.environ, **self.env, **env}, stdout=output, stderr=subprocess.STDOUT, cwd=ROOT
        )

    def pids(self) -> dict[str, set[int]]:
        """Every process of each component (PostgreSQL: the postmaster and all its children)."""
        postmaster = int((self.postgres.data_dir / "postmaster.pid").read_text().split()[0])
        broker = self.broker._process
        components = {"PostgreSQL": {postmaster, *_children(postmaster)}}
        if broker is not None:
            components["broker (Tansu)"] = {broker.pid}
        for name, process in self.processes.items():
            if name != "issuer":
                components[name] = {process.pid, *_children(process.pid)}
        return components

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            process.wait(timeout=30)
        self.broker.stop()
        self.postgres.stop()


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int(_stat(int(entry.name))[1])
            except (OSError, IndexError, ValueError):
                continue
            if parent == pid:
                child = int(entry.name)
                found |= {child, *_children(child)}
    return found


def _stat(pid: int) -> list[str]:
    """Fields of /proc/<pid>/stat after the command name: [state, ppid, ...]."""
    raw = Path(f"/proc/{pid}/stat").read_text()
    return raw[raw.rindex(")") + 2 :].split()


def cpu_seconds(pids: set[int]) -> float:
    total = 0
    for pid in pids:
        try:
            fields = _stat(pid)
        except OSError:
            continue  # exited: its time is lost to this sample (PostgreSQL backends are pooled)
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


async def wait_ready(port: int) -> None:
    async with httpx.AsyncClient() as client:
        for _ in range(1800):  # the shared machine can be slow to start eight Python processes
            try:
                if (await client.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise RuntimeError(f"service on {port} not ready")


async def idle_cpu(stack: Stack, seconds: float) -> dict[str, float]:
    components = stack.pids()
    before = {name: cpu_seconds(pids) for name, pids in components.items()}
    started = time.monotonic()
    await asyncio.sleep(seconds)
    components = {name: pids | stack.pids().get(name, set()) for name, pids in components.items()}
    elapsed = time.monotonic() - started
    return {name: (cpu_seconds(pids) - before[name]) / elapsed for name, pids in components.items()}


def pct(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def latency(stack: Stack, samples: int) -> list[float]:
    token = stack.issuer.issue("bench", [Role.STAFF], office_code="000000", ttl=timedelta(hours=1))
    headers = {"Authorization": f"Bearer {token}"}
    url = "http://127.0.0.1:{}".format
    intake = httpx.AsyncClient(base_url=url(stack.ports["intake"]), headers=headers)
    adjudication = httpx.AsyncClient(base_url=url(stack.ports["adjudication"]), headers=headers)
    latencies = []
    async with intake, adjudication:
        for _ in range(samples):
            body = complaint_body(facts="被请求人销售侵权产品。")
            response = await intake.post("/v1/complaints", json=body)
            response.raise_for_status()
            posted = time.perf_counter()
            complaint_id = response.json()["id"]
            while True:
                found = await adjudication.get("/v1/cases", params={"complaint_id": complaint_id})
                found.raise_for_status()
                if found.json()["items"]:
                    break
                if time.perf_counter() - posted > 30:
                    raise TimeoutError(f"no case for complaint {complaint_id}")
                await asyncio.sleep(0.002)
            latencies.append((time.perf_counter() - posted) * 1000)
            await asyncio.sleep(random.uniform(0.05, 0.5))
    return latencies


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--layout", choices=["dev", "split"], default="dev")
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the work directory (logs) afterwards")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="ipcase-idle-"))
    stack = Stack(workdir, args.layout)
    try:
        await stack.start()
        await asyncio.sleep(SETTLE_SECONDS)  # replays, group joins and first timers pass
        usage = await idle_cpu(stack, args.seconds)
        print(f"idle CPU over {args.seconds:.0f} s, layout {args.layout} (% of one core):")
        for name, share in sorted(usage.items(), key=lambda item: -item[1]):
            print(f"  {name:<22} {share * 100:6.2f} %")
        print(f"  {'total':<22} {sum(usage.values()) * 100:6.2f} %", flush=True)
        if args.samples:
            values = await latency(stack, args.samples)
            print(
                f"intake -> adjudication case visible (n={len(values)}): p50 {pct(values, 50):.1f} ms,"
                f" p99 {pct(values, 99):.1f} ms, max {max(values):.1f} ms"
            )
    finally:
        stack.stop()
        if args.keep:
            print(f"logs kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    asyncio.run(main())
