"""What one routed complaint costs each stage of the drain: statements and CPU, stage by stage.

The drain measure of ``intake_throughput.py --drain`` gives the CPU per routed complaint of whole
worker processes on a shared box; this replays the same stages in one process, one at a time, so
each stage's cost is exact and quick to compare:

1. intake registers ``--count`` complaints over HTTP (in process; not measured);
2. intake's relay publishes its outbox (the registered, accepted and routed events) to the broker;
3. adjudication's consumer applies the routed complaints (opens the cases) in batches of
   ``--batch`` records, as read from intake's outbox rows;
4. intake's consumer applies adjudication's ``case.opened`` events (from adjudication's outbox);
5. credit's consumer applies intake's events it subscribes to.

Each consumer stage goes through the real ``EventConsumer`` batch path (decode, one inbox
statement, the handlers, one commit). For every stage it prints the statements sent per routed
complaint (a statement hook on the service's engine; BEGIN and COMMIT not counted), this process's
CPU and the PostgreSQL server's CPU (every backend of this bench's own embedded server, from
``/proc``) per routed complaint.

    .venv/bin/python bench/drain_cost.py [--count 1000] [--batch 100] [--rounds 1]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import cProfile
import json
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import asyncpg
from aiokafka.structs import ConsumerRecord
from proc_cpu import postgres_cpu_seconds
from sqlalchemy import event

from intake.testing import complaint_body
from shared import migrations
from shared.contracts.adjudication import CaseOpenedV1
from shared.contracts.intake import ComplaintRoutedV1
from shared.db import asyncpg_dsn
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.messaging.consumer import EventConsumer
from shared.service import discover_services
from shared.testing.identity import serving_dev_issuer
from shared.testing.services import RunningService, start_service
from shared.web.auth import Role

PROFILE = os.environ.get("DRAIN_COST_PROFILE")  # a stage's name (part of it): cProfile it to /tmp
SERVICES = ("intake", "adjudication", "credit")


class Stage:
    """Counts the statements of a service's engine and the CPU of this process and PostgreSQL."""

    def __init__(self, name: str, service: RunningService, postmaster: int, per: int) -> None:
        self.name, self.service, self.postmaster, self.per = name, service, postmaster, per
        self.statements: collections.Counter[str] = collections.Counter()

    async def run(self, work: Callable[[], Awaitable[None]]) -> None:
        engine = self.service.container.platform.engine.sync_engine

        def count(*args: Any) -> None:
            self.statements[" ".join(str(args[2]).split())[:100]] += 1

        event.listen(engine, "before_cursor_execute", count)
        profiler = cProfile.Profile(time.process_time) if PROFILE and PROFILE in self.name else None
        pg, cpu, wall = postgres_cpu_seconds(self.postmaster), time.process_time(), time.perf_counter()
        try:
            if profiler is not None:
                profiler.enable()
            await work()
        finally:
            if profiler is not None:
                profiler.disable()
                profiler.dump_stats(f"/tmp/drain-cost-{self.name.split()[0].strip(':')}.prof")
            event.remove(engine, "before_cursor_execute", count)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        await asyncio.sleep(0.2)  # let the backends' last work land in /proc
        pg = postgres_cpu_seconds(self.postmaster) - pg
        per = self.per
        print(
            f"{self.name:<34} {sum(self.statements.values()) / per:5.2f} statements,"
            f"  Python {1000 * cpu / per:5.2f} ms,  PostgreSQL {1000 * pg / per:5.2f} ms"
            f"  per routed complaint   ({wall:.1f} s wall)",
            flush=True,
        )
        for statement, n in self.statements.most_common(12):
            print(f"    {n / per:5.2f}  {statement}")


def records_of(rows: list[asyncpg.Record]) -> list[ConsumerRecord[bytes, bytes]]:
    """The outbox rows as the consumer would read them (as the relay sends them)."""
    records = []
    for offset, row in enumerate(rows):
        headers = [(name, str(value).encode()) for name, value in json.loads(row["headers"]).items()]
        value = json.dumps(json.loads(row["payload"]), ensure_ascii=False, separators=(",", ":")).encode()
        key = row["partition_key"].encode()
        records.append(
            ConsumerRecord(row["topic"], 0, offset, 0, 0, key, value, None, len(key), len(value), headers)
        )
    return records


async def outbox_rows(dsn: str, schema: str, after: int) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(dsn)
    try:
        query = (
            f"SELECT id, topic, partition_key, headers::text, payload::text FROM {schema}.outbox"
            " WHERE id > $1 ORDER BY id"
        )
        return list(await connection.fetch(query, after))
    finally:
        await connection.close()


async def consume(consumer: EventConsumer, records: list[ConsumerRecord[bytes, bytes]], batch: int) -> None:
    stop = asyncio.Event()
    wanted = [r for r in records if r.topic in consumer.topics]
    for start in range(0, len(wanted), batch):
        chunk = wanted[start : start + batch]
        done = await consumer._consume_chunk(None, chunk, stop)
        assert done == len(chunk), f"{consumer.name}: {done} of {len(chunk)} applied"


def consumer_of(service: RunningService, topic: str) -> EventConsumer:
    for consumer in service.container.worker.consumers:
        if topic in consumer.topics:
            return consumer  # type: ignore[no-any-return]
    raise LookupError(f"{service.spec.name} consumes no {topic}")


async def one_round(
    services: dict[str, RunningService], dsn: str, postmaster: int, count: int, batch: int
) -> None:
    intake, adjudication, credit = (services[name] for name in SERVICES)
    marks = {
        schema: max([0, *(r["id"] for r in await outbox_rows(dsn, schema, 0))])
        for schema in ("intake", "adjudication")
    }
    client = intake.client(Role.STAFF, office="330106")
    for _ in range(count):
        (await client.post("/v1/complaints", json=complaint_body())).raise_for_status()
    intake_rows = await outbox_rows(dsn, "intake", marks["intake"])
    records = records_of(intake_rows)
    per = sum(1 for r in intake_rows if r["topic"] == ComplaintRoutedV1.topic and "routed" in r["headers"])

    relay = intake.container.platform.relay()
    producer = await relay._start_producer()
    try:

        async def publish() -> None:
            connection = await asyncpg.connect(dsn)
            try:
                guard = _NoGuard()
                while await relay._publish_batch(producer, guard, _NoPulse(), connection):
                    pass
            finally:
                await connection.close()

        await Stage("intake relay (publish outbox)", intake, postmaster, per).run(publish)
    finally:
        await producer.stop()

    docketing = consumer_of(adjudication, ComplaintRoutedV1.topic)
    await Stage("adjudication: open cases", adjudication, postmaster, per).run(
        lambda: consume(docketing, records, batch)
    )
    adjudication_rows = await outbox_rows(dsn, "adjudication", marks["adjudication"])
    opened = records_of(adjudication_rows)
    for schema, rows in (("intake", intake_rows), ("adjudication", adjudication_rows)):
        types = collections.Counter(json.loads(r["headers"]).get("ce_type", "?") for r in rows)
        print(
            f"  {schema} outbox per routed complaint:",
            ", ".join(f"{t} {n / per:.2f}" for t, n in types.items()),
        )
    noting = consumer_of(intake, CaseOpenedV1.topic)
    await Stage("intake: note cases opened", intake, postmaster, per).run(
        lambda: consume(noting, opened, batch)
    )
    crediting = credit.container.worker.consumers[0]
    await Stage("credit: intake's events", credit, postmaster, per).run(
        lambda: consume(crediting, records, batch)
    )


class _NoGuard:
    async def verify(self) -> None:
        return None


class _NoPulse:
    def backlog(self, _: int) -> None:
        return None

    def progressed(self, _: int = 1) -> None:
        return None


async def main(count: int, batch: int, rounds: int) -> None:
    with tempfile.TemporaryDirectory(prefix="ipcase-bench-") as directory:
        root = Path(directory)
        os.chmod(root, 0o755)
        postgres = EmbeddedPostgres(data_dir=root / "pg", port=free_port(), durable=True)
        broker = EmbeddedBroker(port=free_port(), log_file=root / "broker.log")
        postgres.start()
        broker.start()
        services: dict[str, RunningService] = {}
        try:
            postgres.create_database("bench")
            url = postgres.url("bench")
            await ensure_topics(KafkaConfig(broker.bootstrap_servers, client_id="bench"), all_topics())
            specs = discover_services()
            for name in SERVICES:
                await migrations.upgrade(specs[name], url)
            postmaster = int((root / "pg" / "postmaster.pid").read_text().split()[0])
            async with serving_dev_issuer(root / "issuer.pem") as issuer:
                for name in SERVICES:
                    services[name] = await start_service(
                        specs[name],
                        {
                            **issuer.settings(),
                            "environment": "dev",
                            "log_level": "WARNING",
                            "database_url": url,
                            "kafka_bootstrap_servers": broker.bootstrap_servers,
                            "run_workers": False,
                            "evidence_dir": root / f"{name}-evidence",
                            "import_dir": root / f"{name}-imports",
                            "consumer_batch_max": batch,
                        },
                    )
                for n in range(rounds):
                    print(f"round {n + 1}: {count} complaints, batches of {batch}", flush=True)
                    await one_round(services, asyncpg_dsn(url), postmaster, count, batch)
                for service in services.values():
                    await service.stop()
        finally:
            broker.stop()
            postgres.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=1)
    arguments = parser.parse_args()
    sys.exit(asyncio.run(main(arguments.count, arguments.batch, arguments.rounds)))
