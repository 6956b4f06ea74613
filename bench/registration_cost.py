"""What one complaint registration costs: database statements and service CPU, one at a time.

Starts an embedded PostgreSQL (durable) and broker, a development issuer, and intake's API as its
own process (no worker), registers ``--count`` complaints one after another over HTTP, and reads
the API process's CPU time from ``/proc`` before and after: CPU per registration, free of the
client's. Before that, the statements one registration sends are counted exactly by a statement
hook on the engine of an in-process intake registering the same bodies, and the transactions it
begins (each a ``BEGIN`` and a ``COMMIT`` round trip) by a hook on asyncpg's ``transaction``.

    .venv/bin/python bench/registration_cost.py [--count 500]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import asyncpg
import httpx
from sqlalchemy import event

from intake.testing import complaint_body
from shared import migrations
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.testing.identity import serving_dev_issuer
from shared.testing.services import start_service
from shared.web.auth import Role

sys.path.insert(0, str(Path(__file__).resolve().parent))
from intake_throughput import spawn, wait_ready

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


async def api_process_cost(
    root: Path, url: str, broker: EmbeddedBroker, identity: dict[str, Any], count: int
) -> None:
    port = free_port()
    env = {
        "DATABASE_URL": url,
        "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap_servers,
        "ENVIRONMENT": "dev",
        "RUN_WORKERS": "false",
        "LOG_LEVEL": "WARNING",
        "RATE_LIMIT": "10000000/minute",
        "HTTP_PORT": str(port),
        "EVIDENCE_DIR": str(root / "evidence"),
        "IMPORT_DIR": str(root / "imports"),
        "AUTH_ISSUER": str(identity["auth_issuer"]),
        "AUTH_DEV_KEY_FILE": str(identity["auth_dev_key_file"]),
    }
    process = spawn([sys.executable, "-m", "shared.cli", "api", "intake"], env, root / "api.log")
    try:
        await wait_ready(port)
        issuer = identity["issuer"]
        token = issuer.issue("bench", [Role.STAFF], office_code="330106")
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token}"}
        ) as client:
            for _ in range(20):  # warm up: imports, caches, prepared statements
                (await client.post("/v1/complaints", json=complaint_body())).raise_for_status()
            cpu, started = cpu_seconds(process.pid), time.perf_counter()
            for _ in range(count):
                (await client.post("/v1/complaints", json=complaint_body())).raise_for_status()
            cpu, wall = cpu_seconds(process.pid) - cpu, time.perf_counter() - started
        print(
            f"API process: {cpu / count * 1000:.2f} ms CPU per registration, "
            f"{wall / count * 1000:.2f} ms wall per registration (one at a time, n={count})"
        )
    finally:
        process.terminate()
        process.wait(timeout=30)


async def statements(
    url: str, broker: EmbeddedBroker, identity: dict[str, Any], root: Path, count: int
) -> None:
    settings = {
        "auth_issuer": identity["auth_issuer"],
        "auth_dev_key_file": identity["auth_dev_key_file"],
        "environment": "dev",
        "log_level": "WARNING",
        "database_url": url,
        "kafka_bootstrap_servers": broker.bootstrap_servers,
        "run_workers": False,
        "evidence_dir": root / "evidence2",
        "import_dir": root / "imports2",
    }
    intake = await start_service(discover_services()["intake"], settings)
    seen: collections.Counter[str] = collections.Counter()
    try:
        client = intake.client(Role.STAFF, office="330106")
        (await client.post("/v1/complaints", json=complaint_body())).raise_for_status()

        def count_statement(*args: Any) -> None:
            seen[" ".join(str(args[2]).split())[:90]] += 1

        begun = 0
        transaction = asyncpg.Connection.transaction

        def counted_transaction(self: asyncpg.Connection, **kwargs: Any) -> Any:
            nonlocal begun
            begun += 1
            return transaction(self, **kwargs)

        engine = intake.container.platform.engine.sync_engine
        event.listen(engine, "before_cursor_execute", count_statement)
        asyncpg.Connection.transaction = counted_transaction
        try:
            for _ in range(count):
                (await client.post("/v1/complaints", json=complaint_body())).raise_for_status()
        finally:
            asyncpg.Connection.transaction = transaction
            event.remove(engine, "before_cursor_execute", count_statement)
    finally:
        await intake.stop()
    print(
        f"statements per registration: {sum(seen.values()) / count:.1f}, plus BEGIN and COMMIT"
        f" {begun / count:.1f} times (transactions begun on the database)"
    )
    for statement, n in seen.most_common():
        print(f"  {n / count:4.1f}  {statement}")


async def main(count: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ipcase-bench-") as directory:
        root = Path(directory)
        os.chmod(root, 0o755)
        postgres = EmbeddedPostgres(data_dir=root / "pg", port=free_port(), durable=True)
        broker = EmbeddedBroker(port=free_port(), log_file=root / "broker.log")
        postgres.start()
        broker.start()
        try:
            postgres.create_database("bench")
            url = postgres.url("bench")
            await ensure_topics(KafkaConfig(broker.bootstrap_servers, client_id="bench"), all_topics())
            await migrations.upgrade(discover_services()["intake"], url)
            async with serving_dev_issuer(root / "issuer.pem") as issuer:
                identity = {**issuer.settings(), "issuer": issuer.issuer}
                await statements(url, broker, identity, root, min(count, 100))
                await api_process_cost(root, url, broker, identity, count)
        finally:
            broker.stop()
            postgres.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=500)
    arguments = parser.parse_args()
    asyncio.run(main(arguments.count))
