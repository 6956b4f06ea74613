"""Bulk import of the rights registry: 100,000 CSV rows through the API and the worker job.

Starts a throw-away embedded PostgreSQL and broker, the intake service in-process (API + worker),
uploads a generated CSV (1% of rows deliberately invalid), and follows the job's progress endpoint
with a progress bar, as staff would. Prints rows/s and the job's counters at the end.

    .venv/bin/python bench/intake_registry_import.py [--rows 100000] [--batch 2000]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
import time
from pathlib import Path

import httpx
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from shared import migrations
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.testing.refs import random_uscc
from shared.testing.services import start_service
from shared.web.auth import Role

HEADER = "ip_type,number,holder_name,holder_credit_code,status,valid_until,title,licensees\n"


def generate(path: Path, rows: int) -> int:
    """Write ``rows`` registry rows; every 100th has a bad credit code. Returns the bad count."""
    rng = random.Random(4)
    bad = 0
    with path.open("w", encoding="utf-8") as out:
        out.write(HEADER)
        for i in range(rows):
            code = random_uscc()
            if i % 100 == 99:
                code, bad = code[:-1] + ("0" if code[-1] != "0" else "1"), bad + 1
            status = rng.choice(["valid"] * 8 + ["lapsed", "invalidated"])
            licensee = f"被许可人{i}||exclusive" if i % 10 == 0 else ""
            number = f"ZL2024{i:08d}.{i % 10}"
            out.write(f"invention_patent,{number},权利人{i}有限公司,{code},{status},2040-12-31,,{licensee}\n")
    return bad


async def run(rows: int, batch: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ipcase-bench-") as tmp:
        root = Path(tmp)
        postgres = EmbeddedPostgres(data_dir=root / "pg", port=free_port(), durable=False)
        broker = EmbeddedBroker(port=free_port(), log_file=root / "broker.log")
        postgres.start()
        broker.start()
        try:
            await _bench(root, postgres, broker, rows, batch)
        finally:
            broker.stop()
            postgres.stop()


async def _bench(
    root: Path, postgres: EmbeddedPostgres, broker: EmbeddedBroker, rows: int, batch: int
) -> None:
    postgres.create_database("bench")
    url = postgres.url("bench")
    await ensure_topics(KafkaConfig(broker.bootstrap_servers, client_id="bench"), all_topics())
    spec = discover_services()["intake"]
    await migrations.upgrade(spec, url)
    csv_path = root / "rights.csv"
    bad = generate(csv_path, rows)
    print(f"generated {rows:,} rows ({csv_path.stat().st_size / 1e6:.1f} MB, {bad:,} invalid)")
    intake = await start_service(
        spec,
        {
            "environment": "dev",
            "log_level": "WARNING",
            "log_format": "console",
            "database_url": url,
            "kafka_bootstrap_servers": broker.bootstrap_servers,
            "run_workers": True,
            "import_dir": root / "imports",
            "evidence_dir": root / "evidence",
            "import_batch_size": batch,
        },
    )
    try:
        await _upload_and_follow(intake.client(Role.STAFF), csv_path, rows)
    finally:
        await intake.stop()


async def _upload_and_follow(client: httpx.AsyncClient, csv_path: Path, rows: int) -> None:
    content = await asyncio.to_thread(csv_path.read_bytes)
    started = time.perf_counter()
    queued = await client.post(
        "/v1/rights/imports", files={"file": ("rights.csv", content, "text/csv")}, timeout=120
    )
    queued.raise_for_status()
    uploaded = time.perf_counter()
    columns = (TextColumn("import"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns) as progress:
        task = progress.add_task("rows", total=rows)
        while True:
            job = (await client.get(queued.headers["location"])).json()
            progress.update(task, completed=job["processed_rows"])
            if job["status"] in ("completed", "failed"):
                break
            await asyncio.sleep(0.25)
    finished = time.perf_counter()
    errors = (await client.get(f"{queued.headers['location']}/errors", params={"limit": 3})).json()
    print(
        f"status {job['status']}: {job['inserted']:,} inserted, {job['updated']:,} updated, "
        f"{job['failed_rows']:,} rows refused ({errors['total']:,} errors; first: {errors['items'][:1]})"
    )
    print(
        f"upload {uploaded - started:.2f} s, import {finished - uploaded:.2f} s, "
        f"total {finished - started:.2f} s = {rows / (finished - started):,.0f} rows/s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=2000)
    args = parser.parse_args()
    asyncio.run(run(args.rows, args.batch))


if __name__ == "__main__":
    main()
