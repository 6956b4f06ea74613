"""Benchmark: two intake replicas — registration with one API vs two, relay fail-over, nothing lost.

Starts its own embedded PostgreSQL (durable: fsync on) and broker on free ports and runs, as real
processes: two intake APIs, two intake workers (relay, consumers, timers, sealer: the relay's
advisory lock makes one of them lead, the other stand by) and adjudication's API and worker to
consume what intake routes. An independent consumer reads ``intake.complaint`` from the start.

1. Throughput: 32 clients register complaints against one API, then spread request by request
   over both APIs (a client-side round-robin), alternated for ``--rounds`` rounds of ``--seconds``;
   the whole pipeline runs meanwhile. Besides the rate, the CPU each part used per registration
   (from ``/proc``: API processes with their PostgreSQL backends, intake workers, adjudication
   worker, all of PostgreSQL, the broker) and how busy the machine's cores were.
2. Relay fail-over, ``--kills`` times while 32 clients keep registering: find the worker leading
   the relay (its ``/metrics``), SIGKILL it, and time until the first event *written after the kill*
   reaches the topic (published, necessarily, by the other worker); then restart the killed one.
3. Nothing lost or doubled: once the pipeline has drained, every registered complaint's
   ``intake.complaint.routed`` is on the topic as exactly one event (a record the dead leader sent
   but had not marked published is sent again under the same event id: counted as republished,
   dropped by the consumers' inboxes), and adjudication holds exactly one case per complaint.

Usage: .venv/bin/python bench/replicas.py [--seconds 6] [--rounds 3] [--kills 3]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx

from intake.testing import complaint_body
from shared.contracts.intake import COMPLAINT_TOPIC, ComplaintRoutedV1
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.identity.dev_issuer import DevIssuer
from shared.testing.replicas import TopicWatch, the_relay_leader
from shared.testing.stack import ProcessStack
from shared.web.auth import Role
from shared.web.identity import all_audiences

CLIENTS = 32
APIS = ("intake-api", "intake-api-2")
WORKERS = ("intake-worker", "intake-worker-2")
BENCH_ENV = {
    "LOG_LEVEL": "WARNING",
    "RATE_LIMIT": "10000000/minute",
    "DATABASE_POOL_SIZE": "10",
}  # production default (the test stack uses 8)
TICK = os.sysconf("SC_CLK_TCK")


# --- CPU from /proc --------------------------------------------------------------------------------


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of ``pid`` so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (FileNotFoundError, ProcessLookupError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            if int(fields[1]) == parent:
                found.append(int(entry.name))
    return found


def machine_busy() -> tuple[float, float]:
    """(busy, total) jiffies of all cores so far, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


@dataclass
class Bench:
    stack: ProcessStack
    registered: list[str] = field(default_factory=list)
    unavailable: int = 0  # 503 answers (Retry-After), not registered

    async def commits(self) -> int:
        """Writing transactions so far in the cluster: the next transaction id to be assigned (read
        without taking one; read-only transactions get none, so this counts what wrote — exact and
        immediate, where ``pg_stat_database`` lags by up to a second per backend)."""
        return int(await self.stack.fetchval("SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint"))

    def postmaster(self) -> int:
        return int((self.stack.postgres.data_dir / "postmaster.pid").read_text().splitlines()[0])

    async def cpu_groups(self) -> dict[str, dict[int, float]]:
        """CPU seconds so far of each part of the stack, process by process."""
        pids = {name: p.pid for name, p in self.stack.processes.items()}
        backends = await self.stack.fetch(
            "SELECT pid, application_name FROM pg_stat_activity WHERE application_name LIKE 'ipcase-%'"
        )
        api_pids = {pids[name] for name in APIS}
        api_backends = [
            int(r["pid"]) for r in backends if int(r["application_name"].rsplit("-", 1)[1]) in api_pids
        ]
        postmaster = self.postmaster()
        broker = [pid for pid in children(os.getpid()) if pid not in pids.values()]
        groups = {  # each process in one group only
            "intake APIs": [*api_pids, *api_backends],  # with their PostgreSQL backends
            "intake workers": [pids[name] for name in WORKERS],
            "adjudication": [pids["adjudication-api"], pids["adjudication-worker"]],
            "PostgreSQL": [postmaster, *(pid for pid in children(postmaster) if pid not in api_backends)],
            "broker": broker,
        }
        return {group: {pid: process_cpu(pid) for pid in members} for group, members in groups.items()}


def cpu_used(before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]) -> dict[str, float]:
    return {
        group: sum(cpu - before.get(group, {}).get(pid, 0.0) for pid, cpu in now.items())
        for group, now in after.items()
    }


# --- load ------------------------------------------------------------------------------------------


@dataclass
class Round:
    name: str
    requests: int
    seconds: float
    latencies_ms: list[float]
    cpu: dict[str, float]
    busy_cores: float
    commits: int  # writing transactions in PostgreSQL meanwhile, by every process

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def cpu_ms(self, group: str) -> float:
        return 1000 * self.cpu[group] / max(1, self.requests)


def pct(values: list[float], q: int) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))] if ordered else float("nan")


def make_clients(stack: ProcessStack) -> dict[str, httpx.AsyncClient]:
    issuer = DevIssuer(stack.issuer_key_file, stack.issuer_url, all_audiences())
    token = issuer.issue("bench", (Role.STAFF,), office_code="000000", ttl=timedelta(hours=2))
    # Expire idle connections before uvicorn does (5 s), or a reused one can be closed mid-request.
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64, keepalive_expiry=2)
    return {
        name: httpx.AsyncClient(
            base_url=stack.url(name),
            headers={"Authorization": f"Bearer {token}"},
            limits=limits,
            timeout=httpx.Timeout(30.0),
        )
        for name in APIS
    }


def registrar(bench: Bench, clients: list[httpx.AsyncClient]) -> Callable[[], Awaitable[None]]:
    """One registration per call, over ``clients`` in turn (a round-robin of one request each)."""
    turn = itertools.cycle(clients)

    async def register() -> None:
        response = await next(turn).post("/v1/complaints", json=complaint_body())
        if response.status_code == 503:  # the pool's wait ran out on an overloaded box: counted, not fatal
            bench.unavailable += 1
            return
        response.raise_for_status()
        bench.registered.append(response.json()["id"])

    return register


async def load(send: Callable[[], Awaitable[None]], *, seconds: float, warmup: float = 1.0) -> list[float]:
    latencies: list[float] = []
    stop_at = time.perf_counter() + warmup + seconds
    measure_from = time.perf_counter() + warmup

    async def client() -> None:
        while (now := time.perf_counter()) < stop_at:
            await send()
            if now >= measure_from:
                latencies.append((time.perf_counter() - now) * 1000)

    await asyncio.gather(*(client() for _ in range(CLIENTS)))
    return latencies


async def measured(bench: Bench, name: str, send: Callable[[], Awaitable[None]], seconds: float) -> Round:
    warmup = 1.0
    await load(send, seconds=0, warmup=warmup)
    before, busy_before = await bench.cpu_groups(), machine_busy()
    commits_before = await bench.commits()
    registered_before = len(bench.registered)
    latencies = await load(send, seconds=seconds, warmup=0)
    registered = len(bench.registered) - registered_before  # 503 answers do not count
    commits = await bench.commits() - commits_before
    after, busy_after = await bench.cpu_groups(), machine_busy()
    busy = (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]) * (os.cpu_count() or 1)
    return Round(name, registered, seconds, latencies, cpu_used(before, after), busy, commits)


# --- phases ----------------------------------------------------------------------------------------


async def throughput(
    bench: Bench, clients: dict[str, httpx.AsyncClient], seconds: float, rounds: int
) -> None:
    one = registrar(bench, [clients["intake-api"]])
    two = registrar(bench, [clients[name] for name in APIS])
    results: list[tuple[Round, Round]] = []
    for _ in range(rounds):  # alternated, so a noisy moment on this shared box hits both sides
        single = await measured(bench, "1 intake API ", one, seconds)
        double = await measured(bench, "2 intake APIs", two, seconds)
        results.append((single, double))
    print(f"\nphase 1: registration at {CLIENTS} clients, two intake workers and adjudication running")
    print(
        f"  {'':<14}{'req/s':>8}{'p50 ms':>9}{'p99 ms':>9}{'writes/reg':>12}{'cores busy':>12}"
        "   CPU ms per registration (APIs with their backends; PostgreSQL: every other backend)"
    )
    groups = list(results[0][0].cpu)
    for single, double in results:
        for r in (single, double):
            per = "  ".join(f"{g} {r.cpu_ms(g):.1f}" for g in groups)
            print(
                f"  {r.name:<14}{r.rate:8.1f}{pct(r.latencies_ms, 50):9.0f}{pct(r.latencies_ms, 99):9.0f}"
                f"{r.commits / max(1, r.requests):12.2f}{r.busy_cores:12.2f}   {per}"
            )
    ratio = statistics.median(d.rate / s.rate for s, d in results)
    print(f"  2 APIs / 1 API, median of {rounds} alternated rounds: {ratio:6.1%}")
    for label, side in (("1 API ", 0), ("2 APIs", 1)):
        chosen = [pair[side] for pair in results]
        total = statistics.median(sum(r.cpu.values()) * 1000 / max(1, r.requests) for r in chosen)
        busy = statistics.median(r.busy_cores for r in chosen)
        print(
            f"  {label}: whole stack {total:.1f} CPU ms per registration;"
            f" machine {busy:.2f} of {os.cpu_count()} cores busy"
        )


async def failover(
    bench: Bench, clients: dict[str, httpx.AsyncClient], watch: TopicWatch, kills: int
) -> list[float]:
    stack = bench.stack
    send = registrar(bench, [clients[name] for name in APIS])

    async def keep_loading(stop: asyncio.Event) -> None:
        async def client() -> None:
            while not stop.is_set():
                await send()

        await asyncio.gather(*(client() for _ in range(CLIENTS)))

    times: list[float] = []
    for kill in range(kills):
        leader = await the_relay_leader(stack, WORKERS, "intake")
        survivor = next(name for name in WORKERS if name != leader)
        stop = asyncio.Event()
        loading = asyncio.create_task(keep_loading(stop))
        try:
            await watch.first_written_after(time.time(), within=120)  # events are flowing
            killed_at = time.time()
            stack.processes[leader].kill()
            first = await watch.first_written_after(killed_at, within=120)
            times.append(first.seen_at - killed_at)
            now_leading = await the_relay_leader(stack, WORKERS, "intake")
        finally:
            stop.set()
            await loading
        print(
            f"  kill {kill + 1}: SIGKILL {leader} (the relay leader);"
            f" first event written after the kill on the topic {times[-1]:.2f} s later;"
            f" {now_leading} leads now{'' if now_leading == survivor else ' (unexpected)'}"
        )
        # The load pauses while the killed worker restarts: on a loaded box a start-up competing
        # with 32 clients took minutes. The next kill needs it back as the standby.
        stack.restart(leader)
        try:
            await stack.wait_healthy(leader, within=600)
        except TimeoutError:
            print(stack.processes[leader].log_tail())
            raise
    return times


async def drained(bench: Bench, within: float) -> float:
    """Seconds until every registered complaint has its one adjudication case and both outboxes are empty."""
    began = time.monotonic()
    while True:
        row = (
            await bench.stack.fetch(
                """
                SELECT (SELECT count(*) FROM unnest($1::uuid[]) AS a(id)
                         WHERE NOT EXISTS (SELECT 1 FROM adjudication.cases c WHERE c.complaint_id = a.id)),
                       (SELECT count(*) FROM intake.outbox WHERE published_at IS NULL)
                     + (SELECT count(*) FROM adjudication.outbox WHERE published_at IS NULL)
                """,
                bench.registered,
            )
        )[0]
        if row[0] == 0 and row[1] == 0:
            return time.monotonic() - began
        if time.monotonic() - began > within:
            raise TimeoutError(f"not drained after {within:.0f} s: {row[0]} complaints without a case")
        await asyncio.sleep(0.5)


async def run(bench: Bench, seconds: float, rounds: int, kills: int) -> None:
    stack = bench.stack
    clients = make_clients(stack)
    try:
        async with TopicWatch(stack.broker.bootstrap_servers, COMPLAINT_TOPIC) as watch:
            commits_before = await bench.commits()
            await throughput(bench, clients, seconds, rounds)
            print(f"\nphase 2: relay fail-over under load ({CLIENTS} clients over both APIs)")
            times = await failover(bench, clients, watch, kills)
            print(
                "  kill -> first event written after it seen by a consumer:"
                f" p50 {statistics.median(times):.2f} s, max {max(times):.2f} s (n={len(times)})"
            )
            print("\nphase 3: nothing lost or doubled")
            waited = await drained(bench, within=900)
            print(
                f"  pipeline drained {waited:.0f} s after the load ended ({len(bench.registered)} complaints)"
            )
            commits = await bench.commits() - commits_before
            print(
                f"  {commits / max(1, len(bench.registered)):.2f} writing transactions per complaint,"
                " end to end (registration, relay, adjudication's case, intake's record of it, sealers)"
            )
            census = await watch.census(ComplaintRoutedV1.event_type, bench.registered, within=120)
            print(f"  intake.complaint.routed on the topic: {census.line()}")
            rows = await stack.fetch(
                "SELECT count(*) AS cases, count(DISTINCT complaint_id) AS complaints FROM adjudication.cases"
            )
            cases, complaints = int(rows[0]["cases"]), int(rows[0]["complaints"])
            print(
                f"  adjudication: {cases} cases for {complaints} complaints"
                f" ({len(bench.registered)} registered; {cases - complaints} doubled)"
            )
    finally:
        for client in clients.values():
            await client.aclose()


async def main(seconds: float, rounds: int, kills: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ipcase-bench-") as directory:
        workdir = Path(directory)
        os.chmod(workdir, 0o755)  # the PostgreSQL system user must reach its data directory
        stack = ProcessStack(workdir, extra_env=BENCH_ENV)
        stack.postgres = EmbeddedPostgres(workdir / "pg", free_port(), durable=True)
        print(f"load average at start: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
        try:
            await stack.start()
            stack.spawn("intake-api-2", ["api", "intake"])
            stack.spawn("intake-worker-2", ["worker", "intake"], http_port=False)
            await asyncio.gather(stack.wait_healthy("intake-api-2"), stack.wait_healthy("intake-worker-2"))
            await run(Bench(stack), seconds, rounds, kills)
        finally:
            stack.stop()
        print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seconds", type=float, default=6.0, help="measured seconds per throughput round")
    parser.add_argument("--rounds", type=int, default=3, help="alternated rounds of 1 API vs 2 APIs")
    parser.add_argument("--kills", type=int, default=3, help="relay leaders killed in the fail-over phase")
    arguments = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    asyncio.run(main(arguments.seconds, arguments.rounds, arguments.kills))
