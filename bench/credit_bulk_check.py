"""Benchmark: the credit bulk check (``POST /v1/credit-checks``) answering 1,000 codes per request.

Runs against the embedded stack: it starts embedded PostgreSQL and the broker, migrates a fresh
database, seeds subjects (a share of them listed, graded, with an expired listing in their
history), starts the credit service in-process on a real port and asks it over HTTP, as customs
would. It prints the latency of one 1,000-code request (p50/p99, sequential), the throughput with
concurrent clients, and the database's own execution time for the query (EXPLAIN ANALYZE).

    .venv/bin/python bench/credit_bulk_check.py [--subjects 100000] [--requests 200] [--concurrency 8]

Quote the numbers as measured on the machine at hand; CI boxes are shared and noisy.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import random
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import insert, text
from sqlalchemy.ext.asyncio import create_async_engine

from credit.adapters.orm import grades, records, subject_names, subjects
from credit.testing import uscc_in
from credit.views.bulk_check import lookup_query
from shared import migrations
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.service import discover_services
from shared.testing.services import start_service
from shared.web.auth import Role

CODES_PER_REQUEST = 1000
DIVISIONS = ("330100", "310000", "110000", "440300")
TODAY = dt.date.today()
MEASURES = [
    {
        "code": "key_supervision",
        "description": "Key supervision",
        "description_zh": "重点监管",
        "ends_on": None,
    },
    {
        "code": "credit_commitment_unavailable",
        "description": "No commitments",
        "description_zh": "不适用信用承诺制",
        "ends_on": None,
    },
]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--subjects", type=int, default=100_000, help="subjects in the database")
    parser.add_argument(
        "--listed-share", type=float, default=0.05, help="share of subjects with a listing in force"
    )
    parser.add_argument(
        "--requests", type=int, default=200, help="sequential requests for the latency figures"
    )
    parser.add_argument(
        "--concurrency", type=int, default=8, help="concurrent clients for the throughput figure"
    )
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of the throughput run")
    return parser.parse_args()


def subject_rows(count: int) -> list[dict[str, Any]]:
    now = dt.datetime.now(dt.UTC)
    rows = []
    for index in range(count):
        name = f"基准测试{index:07d}科技有限公司"
        rows.append(
            {
                "id": uuid.uuid4(),
                "kind": "organisation",
                "credit_code": uscc_in(random.choice(DIVISIONS)),
                "id_number_masked": None,
                "name": name,
                "name_normalised": name,
                "legal_representative": None,
                "first_seen_at": now,
                "last_seen_at": now,
            }
        )
    return rows


def record_row(subject_id: uuid.UUID, *, state: str, decided_on: dt.date) -> dict[str, Any]:
    now = dt.datetime.now(dt.UTC)
    period_end = decided_on.replace(year=decided_on.year + 1)
    return {
        "id": uuid.uuid4(),
        "record_no": f"CRB-{uuid.uuid4().hex[:12]}",
        "subject_id": subject_id,
        "office_code": "330100",  # records belong to an office since credit migration 0006
        "list_type": random.choice(("cnipa_dishonest", "samr_serious", "penalty_publication")),
        "behaviour": "refusal_to_perform",
        "state": state,
        "underlying_decision": {
            "authority": "bench",
            "doc_no": uuid.uuid4().hex,
            "date": str(decided_on),
            "type": "x",
        },
        "basis_doc_nos": [uuid.uuid4().hex],
        "finding": "bench",
        "origin": {"source": "bench", "reference": "bench"},
        "dedup_key": uuid.uuid4().hex,
        "requires_notice": True,
        "repair_available": True,
        "legal_basis": [],
        "terms": {
            "decided_on": str(decided_on),
            "publication_due": str(decided_on),
            "decision_no": None,
            "period_end": str(period_end),
            "repair_eligible_from": None,
            "measures": MEASURES,
        },
        "decided_on": decided_on,
        "period_end": period_end,
        "published_on": decided_on,
        "overdue": [],
        "created_at": now,
        "updated_at": now,
    }


async def seed(url: str, count: int, listed_share: float) -> list[str]:
    """Insert the subjects, their listings and grades; return every stored credit code."""
    engine = create_async_engine(url)
    rows = subject_rows(count)
    listed = random.sample(rows, int(count * listed_share))
    graded = random.sample(rows, count // 3)
    async with engine.begin() as connection:
        for start in range(0, count, 5000):
            batch = rows[start : start + 5000]
            await connection.execute(insert(subjects), batch)
            await connection.execute(
                insert(subject_names),
                [
                    {
                        "subject_id": r["id"],
                        "name_normalised": r["name"],
                        "name": r["name"],
                        "first_seen_at": r["first_seen_at"],
                    }
                    for r in batch
                ],
            )
        recent, old = TODAY - dt.timedelta(days=30), TODAY - dt.timedelta(days=800)
        history = [record_row(r["id"], state="PUBLISHED", decided_on=recent) for r in listed]
        history += [record_row(r["id"], state="EXPIRED", decided_on=old) for r in listed[: len(listed) // 2]]
        for start in range(0, len(history), 5000):
            await connection.execute(insert(records), history[start : start + 5000])
        grade_rows = [
            {
                "subject_id": r["id"],
                "grade": random.choice("ABCD"),
                "source": "samr",
                "as_of": TODAY,
                "valid_until": TODAY + dt.timedelta(days=30),
                "recorded_by": "bench",
                "recorded_at": dt.datetime.now(dt.UTC),
            }
            for r in graded
        ]
        for start in range(0, len(grade_rows), 5000):
            await connection.execute(insert(grades), grade_rows[start : start + 5000])
        await connection.execute(text("ANALYZE"))
    await engine.dispose()
    return [r["credit_code"] for r in rows]


def request_codes(known: list[str]) -> list[str]:
    """Half known subjects, half codes nobody has seen, a few malformed: a customs manifest."""
    codes = random.sample(known, CODES_PER_REQUEST // 2)
    codes += [uscc_in(random.choice(DIVISIONS)) for _ in range(CODES_PER_REQUEST // 2 - 5)]
    codes += ["NOT-A-CODE"] * 5
    random.shuffle(codes)
    return codes


async def latency(client: httpx.AsyncClient, known: list[str], requests: int) -> list[float]:
    timings = []
    for _ in range(requests):
        body = {"codes": request_codes(known)}
        started = time.perf_counter()
        response = await client.post("/v1/credit-checks", json=body)
        timings.append(time.perf_counter() - started)
        response.raise_for_status()
        assert len(response.json()["results"]) == CODES_PER_REQUEST
    return timings


async def throughput(client: httpx.AsyncClient, known: list[str], concurrency: int, duration: float) -> int:
    bodies = [{"codes": request_codes(known)} for _ in range(50)]
    deadline = time.perf_counter() + duration
    done = 0

    async def worker() -> None:
        nonlocal done
        while time.perf_counter() < deadline:
            response = await client.post("/v1/credit-checks", json=random.choice(bodies))
            response.raise_for_status()
            done += 1

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return done


async def explain(url: str, known: list[str]) -> str:
    """The database's own time for one 1,000-code lookup, with the plan's headline."""
    engine = create_async_engine(url)
    try:
        codes = sorted({c for c in request_codes(known) if c != "NOT-A-CODE"})
        compiled = lookup_query(codes, TODAY, ["samr", "local_rules"]).compile(
            engine, compile_kwargs={"render_postcompile": True}
        )
        parameters = tuple(compiled.params[name] for name in compiled.positiontup or ())
        async with engine.connect() as connection:
            plan = await connection.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {compiled}", parameters)
            raw = plan.scalar_one()
        document = json.loads(raw) if isinstance(raw, str) else raw
    finally:
        await engine.dispose()
    return f"{document[0]['Execution Time']:.1f} ms execution, plan root: {document[0]['Plan']['Node Type']}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="credit-bench-") as scratch:
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
            print(f"seeded {args.subjects:,} subjects in {time.perf_counter() - started:.1f} s")
            service = await start_service(
                spec,
                {
                    "database_url": url,
                    "kafka_bootstrap_servers": broker.bootstrap_servers,
                    "run_workers": False,
                    "log_level": "WARNING",
                    "database_pool_size": args.concurrency,
                },
            )
            try:
                client = service.client(Role.CUSTOMS)
                client.timeout = httpx.Timeout(60.0)
                await latency(client, known, 10)  # warm up: connections, caches, JIT-free plans
                timings = await latency(client, known, args.requests)
                done = await throughput(client, known, args.concurrency, args.duration)
                plan = await explain(url, known)
            finally:
                await service.stop()
        finally:
            broker.stop()
            postgres.stop()
    print(f"bulk check, {CODES_PER_REQUEST:,} codes per request, {args.subjects:,} subjects stored")
    p50, p99 = (percentile(timings, share) * 1000 for share in (0.5, 0.99))
    print(
        f"  latency  p50 {p50:.1f} ms   p99 {p99:.1f} ms   mean {statistics.mean(timings) * 1000:.1f} ms"
        f"   ({args.requests} sequential requests)"
    )
    rate = done / args.duration
    print(
        f"  throughput {rate:.1f} requests/s = {rate * CODES_PER_REQUEST:,.0f} codes/s "
        f"({args.concurrency} concurrent clients, {args.duration:.0f} s, one uvicorn worker)"
    )
    print(f"  database: {plan}")


if __name__ == "__main__":
    asyncio.run(main())
