"""Benchmark: the customs risk profile (``POST /v1/risk-profiles`` on credit), 1,000 codes per request.

The target (issue 15): p99 < 100 ms per 1,000-code request against 10^5 subjects. It seeds the
subjects, listings and grades as ``credit_bulk_check.py`` does, adds effective infringement findings,
penalty records and repeat-infringer flags for a share of them, starts credit in-process on a real
port and asks it over HTTP as a port office would (half the codes known, half unknown, a few
malformed). It prints p50/p99 of sequential requests, the throughput with concurrent clients, and
the database's own execution time for the statement (EXPLAIN ANALYZE).

Before/after in the same run: the view as it was (``risk_profile_before.py``: JSONB per fact kind,
decoded and re-serialised in Python) and the one-statement JSON answer the service now uses are
called in-process on the same 1,000 codes, alternating which goes first each round; each side's
wall time, this process's CPU (``time.process_time``) and PostgreSQL's CPU (``/proc`` of the
postmaster and its backends) per request are reported, with the ratio.

    .venv/bin/python bench/customs_risk_profile.py [--subjects 100000] [--requests 200] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from credit_bulk_check import CODES_PER_REQUEST, TODAY, percentile, record_row, request_codes, seed
from proc_cpu import postgres_cpu_seconds, postmaster_of
from risk_profile_before import RiskProfileViewBefore
from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine

from credit.adapters.orm import findings, records, repeat_flags, subjects
from credit.views.risk_profile import PROFILES_SQL, RiskProfileView
from shared import migrations
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.identity.principals import PrincipalKind
from shared.service import discover_services
from shared.testing.identity import serving_dev_issuer
from shared.testing.services import start_service
from shared.web.auth import Role


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--listed-share", type=float, default=0.05)
    parser.add_argument(
        "--finding-share", type=float, default=0.10, help="subjects with infringement findings"
    )
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--rounds", type=int, default=100, help="alternated before/after rounds")
    return parser.parse_args()


async def seed_findings(url: str, share: float) -> None:
    """Findings (1-3 each), a penalty record for a third and a repeat flag for a fifth of them."""
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        ids = list((await connection.execute(select(subjects.c.id))).scalars())
        chosen = random.sample(ids, int(len(ids) * share))
        now = dt.datetime.now(dt.UTC)
        rows, penalties, flags = [], [], []
        for index, subject_id in enumerate(chosen):
            decisions = [f"浙知裁〔2026〕{uuid.uuid4().hex[:8]}号" for _ in range(random.randint(1, 3))]
            number = f"ZL2023{index:07d}.X"
            for decision in decisions:
                rows.append(
                    {
                        "subject_id": subject_id,
                        "ip_type": "invention_patent",
                        "right_number": number,
                        "right_key": f"invention_patent:{number}:{decision}",
                        "case_id": uuid.uuid4(),
                        "decision_no": decision,
                        "effective_on": TODAY - dt.timedelta(days=random.randint(1, 900)),
                        "recorded_at": now,
                    }
                )
            if index % 3 == 0:
                penalty = record_row(subject_id, state="PUBLISHED", decided_on=TODAY - dt.timedelta(days=60))
                penalties.append(
                    {**penalty, "behaviour": "counterfeit_patent", "list_type": "penalty_publication"}
                )
            if index % 5 == 0 and len(decisions) > 1:
                flags.append(
                    {
                        "subject_id": subject_id,
                        "ip_type": "invention_patent",
                        "right_number": number,
                        "decision_no": decisions[-1],
                        "effective_on": TODAY,
                        "prior_decisions": decisions[:-1],
                        "flagged_at": now,
                    }
                )
        for table, batch in ((findings, rows), (records, penalties), (repeat_flags, flags)):
            for start in range(0, len(batch), 5000):
                await connection.execute(insert(table), batch[start : start + 5000])
        await connection.execute(text("ANALYZE"))
    await engine.dispose()


async def latency(client: httpx.AsyncClient, known: list[str], requests: int) -> list[float]:
    timings = []
    for _ in range(requests):
        body = {"codes": request_codes(known)}
        started = time.perf_counter()
        response = await client.post("/v1/risk-profiles", json=body)
        timings.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{response.status_code}: {response.text}")
        assert len(response.json()["results"]) == CODES_PER_REQUEST
    return timings


async def throughput(client: httpx.AsyncClient, known: list[str], concurrency: int, duration: float) -> int:
    bodies = [{"codes": request_codes(known)} for _ in range(50)]
    deadline = time.perf_counter() + duration
    done = 0

    async def worker() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            (await client.post("/v1/risk-profiles", json=random.choice(bodies))).raise_for_status()
            done += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done


async def explain(url: str, known: list[str]) -> str:
    """EXPLAIN ANALYZE of the one statement the service runs, on one request's codes."""
    engine = create_async_engine(url)
    codes = request_codes(known)
    try:
        async with engine.connect() as connection:
            plan = await connection.execute(
                text(f"EXPLAIN (ANALYZE, FORMAT JSON) {PROFILES_SQL.text}"),
                {
                    "today": TODAY,
                    "codes": codes,
                    "errors": [None] * len(codes),
                    "finding_basis": "[]",
                    "repeat_basis": "[]",
                },
            )
            raw = plan.scalar_one()
        document: Any = json.loads(raw) if isinstance(raw, str) else raw
    finally:
        await engine.dispose()
    return f"{document[0]['Execution Time']:.1f} ms execution, plan root: {document[0]['Plan']['Node Type']}"


async def before_after(
    sessions: async_sessionmaker[AsyncSession], known: list[str], rounds: int, data_dir: Path
) -> dict[str, dict[str, list[float]]]:
    """Alternated rounds of the old and the new view on the same codes: wall, own CPU, PostgreSQL CPU."""
    views = {"before": RiskProfileViewBefore(sessions), "after": RiskProfileView(sessions)}
    samples: dict[str, dict[str, list[float]]] = {
        name: {"wall": [], "cpu": [], "pg_cpu": []} for name in views
    }
    for index in range(rounds + 5):
        codes = request_codes(known)
        order = ["before", "after"] if index % 2 == 0 else ["after", "before"]
        bodies = {}
        for name in order:
            pg, cpu, wall = (
                postgres_cpu_seconds(postmaster_of(data_dir)),
                time.process_time(),
                time.perf_counter(),
            )
            bodies[name] = await views[name].profiles(codes, today=TODAY)
            if index >= 5:  # the first rounds warm the caches
                samples[name]["wall"].append(time.perf_counter() - wall)
                samples[name]["cpu"].append(time.process_time() - cpu)
                samples[name]["pg_cpu"].append(postgres_cpu_seconds(postmaster_of(data_dir)) - pg)
        if index == 0:
            same_answers(json.loads(bodies["before"]), json.loads(bodies["after"]))
    return samples


def same_answers(before: dict[str, Any], after: dict[str, Any]) -> None:
    """The two views answer the same (facts compared as sets: neither promises an order within a list)."""

    def canonical(result: dict[str, Any]) -> dict[str, Any]:
        return {
            key: sorted(json.dumps(item, sort_keys=True) for item in value)
            if isinstance(value, list)
            else value
            for key, value in result.items()
        }

    assert before["as_of"] == after["as_of"]
    assert [canonical(r) for r in before["results"]] == [canonical(r) for r in after["results"]]


async def main() -> None:
    args = parse_args()
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="risk-bench-") as scratch:
        postgres = EmbeddedPostgres(data_dir=Path(scratch) / "pg", port=free_port(), durable=False)
        broker = EmbeddedBroker(port=free_port(), log_file=Path(scratch) / "broker.log")
        postgres.start()
        broker.start()
        try:
            postgres.create_database("bench")
            url = postgres.url("bench")
            spec = discover_services()["credit"]
            await migrations.upgrade(spec, url)
            started = time.perf_counter()
            known = await seed(url, args.subjects, args.listed_share)
            await seed_findings(url, args.finding_share)
            print(
                f"seeded {args.subjects:,} subjects (with findings) in {time.perf_counter() - started:.1f} s"
            )
            async with serving_dev_issuer(Path(scratch) / "issuer.pem") as issuer:
                await measure(
                    spec, url, broker.bootstrap_servers, issuer.settings(), known, args, results,
                    Path(scratch) / "pg",
                )  # fmt: skip
        finally:
            broker.stop()
            postgres.stop()
    timings, done, plan = results["timings"], results["done"], results["plan"]
    print(f"risk profile, {CODES_PER_REQUEST:,} codes per request, {args.subjects:,} subjects stored")
    p50, p99 = (percentile(timings, share) * 1000 for share in (0.5, 0.99))
    print(
        f"  latency  p50 {p50:.1f} ms   p99 {p99:.1f} ms   mean {statistics.mean(timings) * 1000:.1f} ms"
        f"   ({args.requests} sequential requests)"
    )
    rate = done / args.duration
    print(f"  throughput {rate:.1f} requests/s ({args.concurrency} concurrent clients, one uvicorn worker)")
    print(f"  database: {plan}")
    print(f"  in-process, {args.rounds} alternated rounds, same codes per round (ms per 1,000-code request):")
    compared = results["compared"]
    for name in ("before", "after"):
        side = compared[name]
        p50, p99 = (percentile(side["wall"], share) * 1000 for share in (0.5, 0.99))
        cpu, pg = (statistics.mean(side[key]) * 1000 for key in ("cpu", "pg_cpu"))
        print(
            f"    {name:6}  wall p50 {p50:6.1f}  p99 {p99:6.1f}"
            f"   python CPU {cpu:5.1f}   postgres CPU {pg:5.1f}"
        )
    wall = statistics.median(compared["after"]["wall"]) / statistics.median(compared["before"]["wall"])
    ratio = {
        "wall": wall,
        "cpu": statistics.mean(compared["after"]["cpu"]) / statistics.mean(compared["before"]["cpu"]),
    }
    pg_ratio = statistics.mean(compared["after"]["pg_cpu"]) / max(
        statistics.mean(compared["before"]["pg_cpu"]), 1e-9
    )
    print(
        f"    after/before: wall p50 {ratio['wall']:.2f}, python CPU {ratio['cpu']:.2f},"
        f" postgres CPU {pg_ratio:.2f}"
    )
    print(f"  load average {os.getloadavg()}")


async def measure(
    spec: Any,
    url: str,
    bootstrap_servers: str,
    identity: dict[str, object],
    known: list[str],
    args: argparse.Namespace,
    results: dict[str, Any],
    data_dir: Path,
) -> None:
    service = await start_service(
        spec,
        {
            **identity,
            "database_url": url,
            "kafka_bootstrap_servers": bootstrap_servers,
            "run_workers": False,
            "log_level": "WARNING",
            "database_pool_size": args.concurrency,
            # one customs token drives every request: the per-principal limit (600/minute) would
            # answer 429 within seconds on a quiet box; the limit has tests of its own
            "rate_limit": None,
        },
    )
    try:
        client = service.client(Role.CUSTOMS, kind=PrincipalKind.CUSTOMS, partner="5100")
        client.timeout = httpx.Timeout(60.0)
        await latency(client, known, 10)
        results["timings"] = await latency(client, known, args.requests)
        results["done"] = await throughput(client, known, args.concurrency, args.duration)
        results["plan"] = await explain(url, known)
        results["compared"] = await before_after(
            service.container.platform.sessions, known, args.rounds, data_dir
        )
    finally:
        await service.stop()


if __name__ == "__main__":
    asyncio.run(main())
