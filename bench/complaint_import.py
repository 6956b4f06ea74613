"""Bulk complaint import: N complaints (JSONL) through intake's API and the worker job, end to end.

Starts a throw-away embedded PostgreSQL (durable, fsync on) and broker, intake in-process with its
worker (the relay publishes what the import registers while it runs), uploads a generated JSONL
file streamed from disk (1% of rows deliberately invalid, 2% repeating an earlier complaint's
parties and right so the duplicate check links them), and follows the job's progress endpoint.
Then it imports the same file again (nothing may be registered twice). Prints rows/s, the job's
counters, and the process's resident memory sampled through the import (peak included): memory
must stay flat whatever the file's size.

    .venv/bin/python bench/complaint_import.py [--rows 100000] [--batch 500] [--no-again]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from shared import migrations
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.testing.identity import serving_dev_issuer
from shared.testing.refs import random_patent_number, random_uscc
from shared.testing.services import start_service
from shared.web.auth import Role

OFFICE = "330106"


def generate(path: Path, rows: int) -> int:
    """Write ``rows`` complaints; every 100th has a bad right number. Returns the bad count."""
    rng = random.Random(19)
    bad = 0
    earlier: list[dict[str, Any]] = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(rows):
            if earlier and i % 50 == 25:
                body = {**rng.choice(earlier), "facts": f"再次投诉 {i}"}  # a duplicate candidate
            else:
                body = _complaint(i)
                if len(earlier) < 1000:
                    earlier.append(body)
            if i % 100 == 99:
                body, bad = {**body, "right_number": "ZL202310000001.4"}, bad + 1
            out.write(json.dumps(body, ensure_ascii=False) + "\n")
    return bad


def _complaint(i: int) -> dict[str, Any]:
    return {
        "ip_type": "invention_patent",
        "right_number": random_patent_number(),
        "complainant": {"kind": "organisation", "name": f"权利人{i}有限公司", "credit_code": random_uscc()},
        "respondents": [
            {"kind": "organisation", "name": f"被请求人{i}贸易有限公司", "credit_code": random_uscc()}
        ],
        "facts": f"被请求人在其网店销售的产品落入涉案专利权利要求1的保护范围（第{i}号）。",
        "alleged_acts": ["offer_to_sell", "sell"],
        "listings": [{"platform": "taobao", "listing_id": f"66{i:08d}"}],
    }


TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: set[int]) -> float:
    """User + system CPU of ``pids`` (from /proc/<pid>/stat); a process gone meanwhile counts 0."""
    total = 0
    for pid in pids:
        try:
            raw = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = raw[raw.rindex(")") + 2 :].split()
        total += int(fields[11]) + int(fields[12])
    return total / TICKS


def postgres_pids(data_dir: Path) -> set[int]:
    """The postmaster (from its pid file) and its children: the backends, the writers, the WAL."""
    postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
    pids = {postmaster}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                raw = (entry / "stat").read_text()
            except OSError:
                continue
            if int(raw[raw.rindex(")") + 2 :].split()[1]) == postmaster:
                pids.add(int(entry.name))
    return pids


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def run(rows: int, batch: int, again: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="ipcase-bench-") as tmp:
        root = Path(tmp)
        postgres = EmbeddedPostgres(data_dir=root / "pg", port=free_port(), durable=True)
        broker = EmbeddedBroker(port=free_port(), log_file=root / "broker.log")
        postgres.start()
        broker.start()
        try:
            await _bench(root, postgres, broker, rows, batch, again)
        finally:
            broker.stop()
            postgres.stop()


async def _bench(
    root: Path, postgres: EmbeddedPostgres, broker: EmbeddedBroker, rows: int, batch: int, again: bool
) -> None:
    postgres.create_database("bench")
    url = postgres.url("bench")
    await ensure_topics(KafkaConfig(broker.bootstrap_servers, client_id="bench"), all_topics())
    spec = discover_services()["intake"]
    await migrations.upgrade(spec, url)
    path = root / "complaints.jsonl"
    bad = await asyncio.to_thread(generate, path, rows)
    print(f"generated {rows:,} complaints ({path.stat().st_size / 1e6:.1f} MB, {bad:,} invalid)")
    async with serving_dev_issuer(root / "issuer.pem") as issuer:
        await _import_twice(
            root, spec, url, broker, path, rows, batch, again, issuer.settings(), postgres.data_dir
        )


async def _import_twice(
    root: Path,
    spec: Any,
    url: str,
    broker: EmbeddedBroker,
    path: Path,
    rows: int,
    batch: int,
    again: bool,
    identity: dict[str, object],
    pg_dir: Path,
) -> None:
    intake = await start_service(
        spec,
        {
            **identity,
            "environment": "dev",
            "log_level": "WARNING",
            "log_format": "console",
            "database_url": url,
            "kafka_bootstrap_servers": broker.bootstrap_servers,
            "run_workers": True,
            "import_dir": root / "imports",
            "evidence_dir": root / "evidence",
            "import_max_bytes": 4 * 1024**3,
            "http_max_upload_bytes": 4 * 1024**3,
            "complaint_import_batch_size": batch,
            "complaint_import_rows_per_second": 0,
        },
    )
    try:
        client = intake.client(Role.STAFF, office=OFFICE)
        job = await _upload_and_follow(client, path, rows, "first import", pg_dir)
        assert job["imported"] + job["skipped"] + job["failed_rows"] == rows, job
        if again:
            repeat = await _upload_and_follow(client, path, rows, "same file again", pg_dir)
            assert repeat["imported"] == 0, f"the second import registered {repeat['imported']} rows"
    finally:
        await intake.stop()


async def _upload_and_follow(
    client: httpx.AsyncClient, path: Path, rows: int, what: str, pg_dir: Path
) -> dict[str, Any]:
    started = time.perf_counter()
    with path.open("rb") as handle:
        queued = await client.post(
            "/v1/complaint-imports",
            files={"file": ("complaints.jsonl", handle, "application/octet-stream")},
            timeout=600,
        )
    if queued.status_code != 202:
        raise SystemExit(f"upload refused: {queued.status_code} {queued.text}")
    uploaded = time.perf_counter()
    me, pg = {os.getpid()}, postgres_pids(pg_dir)
    cpu_before, pg_before = cpu_seconds(me), cpu_seconds(pg)
    samples: list[float] = []
    columns = (TextColumn(what), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns) as progress:
        task = progress.add_task("rows", total=rows)
        while True:
            job: dict[str, Any] = await _poll(client, queued.headers["location"])
            progress.update(task, completed=job["processed_rows"])
            samples.append(rss_mb())
            if job["status"] in ("completed", "failed"):
                break
            await asyncio.sleep(1.0)
    finished = time.perf_counter()
    cpu_used = cpu_seconds(me) - cpu_before
    pg = postgres_pids(pg_dir) | pg  # backends started during the import, and those of before
    pg_used = cpu_seconds(pg) - pg_before
    print(
        f"{what}: {job['status']}: {job['imported']:,} imported, {job['skipped']:,} already imported, "
        f"{job['failed_rows']:,} refused"
    )
    print(
        f"  upload {uploaded - started:.1f} s, import {finished - uploaded:.1f} s "
        f"= {rows / (finished - uploaded):,.0f} rows/s; 10^6 rows at this rate: "
        f"{1_000_000 / (rows / (finished - uploaded)) / 60:.1f} min"
    )
    print(
        f"  CPU per row: {cpu_used / rows * 1e3:.2f} ms intake (API, worker, relay; this process), "
        f"{pg_used / rows * 1e3:.2f} ms PostgreSQL; load average {os.getloadavg()[0]:.1f}"
    )
    tenth = max(1, len(samples) // 10)
    print(
        f"  RSS (MB) through the import: {', '.join(f'{s:.0f}' for s in samples[::tenth])}; "
        f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return job


async def _poll(client: httpx.AsyncClient, location: str) -> dict[str, Any]:
    """The job's progress; a poll that meets a kept-alive connection the server just closed (the
    bench and intake share one event loop, which a batch can hold past the keep-alive timeout on a
    loaded box) is sent again: reading progress is idempotent."""
    for attempt in range(3):
        try:
            progress: dict[str, Any] = (await client.get(location)).json()
            return progress
        except httpx.TransportError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--no-again", action="store_true", help="Skip importing the file a second time")
    args = parser.parse_args()
    asyncio.run(run(args.rows, args.batch, not args.no_again))


if __name__ == "__main__":
    main()
