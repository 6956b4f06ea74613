"""Benchmark: the partner feed projection alone, CPU per internal event.

``partner_feed.py`` measures the whole channel (consumer, projection, HTTP long-poll readers, the
webhook dispatcher and its receiver) and its CPU per event moves with the lag: a reader that is
further behind reads more entries per request. This script runs only what the projection consumer
does per batch — ``project_event`` for each internal event (5 signed entries each, as in
``partner_feed.py``: 3 courts, 1 customs office, 1 webhook court) and the unit of work's commit
(heads, entries, webhook deliveries, notify) — on the embedded stack with the service's own
container and no worker running, and prints the CPU of this process and of its PostgreSQL backends
per internal event, from /proc. The inbox claim and the Kafka fetch are the consumer runner's, not
measured here.

    .venv/bin/python bench/partner_projection.py [--events 3000] [--batch 100]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import tempfile
import time
from pathlib import Path

from partner_feed import cpu_used, register_partners, service_settings, stack_cpu

from partners.handlers.projection import ActivePartners, project_event
from partners.testing import decision_issued
from shared import migrations
from shared.contracts import CloudEvent
from shared.devstack.broker import EmbeddedBroker
from shared.devstack.ports import free_port
from shared.devstack.postgres import EmbeddedPostgres
from shared.identity.principals import Role
from shared.kafka.clients import KafkaConfig
from shared.kafka.topics import all_topics, ensure_topics
from shared.service import discover_services
from shared.testing.identity import serving_dev_issuer
from shared.testing.services import RunningService, start_service

SOURCE = "/ipcase/330106/adjudication"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=3000, help="internal events to project")
    parser.add_argument("--batch", type=int, default=100, help="events per transaction (CONSUMER_BATCH_MAX)")
    parser.add_argument("--courts", type=int, default=3, help="courts reading their HTTP feed")
    return parser.parse_args()


async def main() -> None:
    args = parse_args()
    with tempfile.TemporaryDirectory(prefix="partners-projection-") as scratch:
        postgres = EmbeddedPostgres(data_dir=Path(scratch) / "pg", port=free_port(), durable=False)
        broker = EmbeddedBroker(port=free_port(), log_file=Path(scratch) / "broker.log")
        postgres.start()
        broker.start()
        service: RunningService | None = None
        stack = contextlib.AsyncExitStack()
        try:
            postgres.create_database("bench")
            url = postgres.url("bench")
            await ensure_topics(KafkaConfig(broker.bootstrap_servers, client_id="bench"), all_topics())
            spec = discover_services()["partners"]
            await migrations.upgrade(spec, url)
            issuer = await stack.enter_async_context(serving_dev_issuer(Path(scratch) / "issuer.pem"))
            service = await start_service(
                spec,
                {
                    **issuer.settings(),
                    **service_settings(url, broker.bootstrap_servers, Path(scratch)),
                    "run_workers": False,
                },
            )
            admin = service.client(Role.ADMIN, subject="bench-admin")
            await register_partners(admin, args.courts, "http://127.0.0.1:9/hook")  # no worker sends
            container = service.container
            events = []
            for _ in range(args.events):
                data = decision_issued()
                event = CloudEvent.from_data(
                    data, source="/ipcase/330106/adjudication", subject=str(data.case_id)
                )
                received = CloudEvent.from_kafka(event.kafka_headers(), event.kafka_value())
                events.append((received.decode(), received))
            registry = ActivePartners(60.0)
            added = 0
            cpu_before = await stack_cpu(url, [os.getpid()])
            began = time.perf_counter()
            for start in range(0, len(events), args.batch):
                async with container.uow_factory() as uow:
                    for data, event in events[start : start + args.batch]:
                        added += await project_event(
                            data, event, uow, issuer=container.issuer, registry=registry
                        )
                    await uow.commit()
            took = time.perf_counter() - began
            after = await stack_cpu(url, [os.getpid()])
            cpu = cpu_used(cpu_before, after)
            own = after[os.getpid()] - cpu_before[os.getpid()]
        finally:
            if service is not None:
                await service.stop()
            await stack.aclose()
            broker.stop()
            postgres.stop()

    print(f"partner feed projection alone: {args.events:,} internal events, {args.batch} per transaction")
    print(f"  {added:,} signed feed entries in {took:.1f} s ({args.events / took:.0f} internal events/s)")
    per_event = 1000 / args.events
    print(
        f"  CPU {cpu * per_event:.2f} ms per internal event: this process {own * per_event:.2f} ms, "
        f"its PostgreSQL backends {(cpu - own) * per_event:.2f} ms (load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    asyncio.run(main())
