"""Faults on a running pipeline (intake -> adjudication as real processes), counted in SQL.

Each test stops, kills or poisons part of a fresh stack under load and then proves that every
accepted complaint got exactly one adjudication case, that intake saw each case opened exactly
once, and that both outboxes drained — within a bounded time. Run with ``-s`` to see the figures.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import asyncpg
import httpx
import pytest
from aiokafka import AIOKafkaProducer

from intake.testing import complaint_body
from shared.contracts import CloudEvent
from shared.contracts.intake import ComplaintRoutedV1
from shared.db import asyncpg_dsn
from shared.testing.poison import Record, poison_records
from shared.testing.stack import ProcessStack
from shared.testing.waiting import eventually, read_topic

# Starts a whole stack of processes: `make test` runs it after the rest, alone (pyproject `alone`).
pytestmark = pytest.mark.alone


async def register(client: httpx.AsyncClient, count: int, *, concurrency: int = 16) -> list[str]:
    """POST ``count`` complaints; return the ids of those accepted (201). 503s are expected in outages."""
    accepted: list[str] = []
    queue = iter(range(count))

    async def sender() -> None:
        for _ in queue:
            try:
                response = await client.post("/v1/complaints", json=complaint_body())
            except httpx.HTTPError:
                continue
            if response.status_code == 201:
                accepted.append(response.json()["id"])
            elif response.status_code != 503:
                raise AssertionError(f"unexpected {response.status_code}: {response.text}")

    await asyncio.gather(*(sender() for _ in range(concurrency)))
    return accepted


@dataclass(frozen=True)
class Tally:
    """The pipeline's state, counted in SQL."""

    complaints: int
    accepted_missing: int
    cases: int
    complaints_without_case: int
    complaints_with_several_cases: int
    complaints_not_case_opened: int
    case_opened_entries_doubled: int
    outbox_pending: int

    @property
    def converged(self) -> bool:
        return (
            self.accepted_missing == 0
            and self.complaints_without_case == 0
            and self.complaints_not_case_opened == 0
            and self.outbox_pending == 0
            and self.exactly_once
        )

    @property
    def exactly_once(self) -> bool:
        return self.complaints_with_several_cases == 0 and self.case_opened_entries_doubled == 0


async def tally(stack: ProcessStack, accepted: list[str]) -> Tally:
    row = (
        await stack.fetch(
            """
            WITH per_complaint AS (
                SELECT c.id, c.status,
                       (SELECT count(*) FROM adjudication.cases a WHERE a.complaint_id = c.id) AS cases,
                       (SELECT count(*) FROM intake.case_record t
                         WHERE t.aggregate_id = c.id AND t.action = 'CaseOpened') AS opened
                  FROM intake.complaints c)
            SELECT (SELECT count(*) FROM per_complaint),
                   (SELECT count(*) FROM unnest($1::uuid[]) AS a(id)
                     WHERE NOT EXISTS (SELECT 1 FROM intake.complaints c WHERE c.id = a.id)),
                   (SELECT count(*) FROM adjudication.cases),
                   (SELECT count(*) FROM per_complaint WHERE cases = 0),
                   (SELECT count(*) FROM per_complaint WHERE cases > 1),
                   (SELECT count(*) FROM per_complaint WHERE status <> 'CASE_OPENED'),
                   (SELECT count(*) FROM per_complaint WHERE opened > 1),
                   (SELECT count(*) FROM intake.outbox WHERE published_at IS NULL)
                 + (SELECT count(*) FROM adjudication.outbox WHERE published_at IS NULL)
            """,
            accepted,
        )
    )[0]
    return Tally(*(int(value) for value in row))


async def converge(stack: ProcessStack, accepted: list[str], *, within: float) -> tuple[Tally, float]:
    """Wait until every complaint has exactly one case and intake knows it; return the tally and time."""
    began = time.monotonic()
    while True:
        try:
            current = await tally(stack, accepted)
        except OSError:  # the database may still be starting
            current = None
        if current is not None and current.converged:
            return current, time.monotonic() - began
        if time.monotonic() - began > within:
            raise AssertionError(f"not converged after {within:.0f} s: {current}\n{stack.logs()}")
        await asyncio.sleep(0.2)


async def healthz(stack: ProcessStack, process: str) -> tuple[int, dict[str, Any]]:
    async with httpx.AsyncClient(base_url=stack.url(process), timeout=5) as client:
        response = await client.get("/healthz")
    return response.status_code, response.json()


# --- the faults ----------------------------------------------------------------------------------


async def test_a_database_outage_under_load_converges_with_nothing_lost_or_doubled(
    stack: ProcessStack,
) -> None:
    async with stack.client("intake") as intake:
        accepted = await register(intake, 300)
        await until_cases(stack, lambda cases: 0 < cases < len(accepted), what="a consumer backlog")

        stack.postgres.stop()
        outage_began = time.monotonic()
        began = time.monotonic()
        during = await intake.post("/v1/complaints", json=complaint_body())
        answered_in = time.monotonic() - began
        assert during.status_code == 503, during.text
        assert during.headers["retry-after"]
        assert answered_in < 5, f"the API took {answered_in:.1f} s to answer during the outage"
        for worker in ("intake-worker", "adjudication-worker"):
            status, body = await healthz(stack, worker)
            assert status == 200, f"{worker} reported stuck during a mere outage: {body}"
        await asyncio.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - outage_began)))
        stack.postgres.start()

        final, seconds = await converge(stack, accepted, within=30)
        accepted += await register(intake, 20)
        final, _ = await converge(stack, accepted, within=30)

    assert final.complaints == final.cases == len(accepted)
    report("database outage", accepted=len(accepted), converged_after_seconds=round(seconds, 1))


async def test_a_worker_killed_inside_a_transaction_loses_and_doubles_nothing(stack: ProcessStack) -> None:
    kills = 0
    async with stack.client("intake") as intake:
        accepted = await register(intake, 200)
        for worker in ("adjudication-worker", "intake-worker", "adjudication-worker"):
            await kill_inside_transaction(stack, worker)
            kills += 1
            stack.restart(worker)
            accepted += await register(intake, 60)
            await stack.wait_healthy(worker)
        final, seconds = await converge(stack, accepted, within=60)

    assert final.complaints == final.cases == len(accepted)
    report("SIGKILL in a transaction", accepted=len(accepted), kills=kills, converged_after_seconds=seconds)


async def test_a_broker_restart_under_load_loses_and_doubles_nothing(stack: ProcessStack) -> None:
    async with stack.client("intake") as intake:
        loading = asyncio.create_task(register(intake, 400, concurrency=8))
        await until_cases(stack, lambda cases: cases > 20, what="the pipeline to be flowing")
        await asyncio.to_thread(stack.broker.restart)
        accepted = await loading
        final, seconds = await converge(stack, accepted, within=60)

    assert final.complaints == final.cases == len(accepted)
    report("broker restart", accepted=len(accepted), converged_after_seconds=round(seconds, 1))


async def test_poison_records_of_every_kind_never_stop_a_partition(stack: ProcessStack) -> None:
    template = CloudEvent(
        id="template",
        source="/ipcase/forged",
        type=ComplaintRoutedV1.event_type,
        time=dt.datetime.now(dt.UTC),
        dataschema=ComplaintRoutedV1.schema_uri(),
        data={"complaint_id": "not-a-uuid"},
    )
    poison: list[Record] = []
    for partition_key in ("poison-a", "poison-b", "poison-c", "poison-d"):  # spread over the partitions
        poison += poison_records(template, oversize=2 * 1024 * 1024, key=partition_key.encode()).values()
    await produce_raw(stack.broker.bootstrap_servers, ComplaintRoutedV1.topic, poison)

    async with stack.client("intake") as intake:
        accepted = await register(intake, 60)
        final, seconds = await converge(stack, accepted, within=60)
    dead = await read_topic(
        stack.broker.bootstrap_servers, f"{ComplaintRoutedV1.topic}.dlq", expected=len(poison), within=30
    )
    status, health = await healthz(stack, "adjudication-worker")

    assert final.complaints == final.cases == len(accepted)
    assert len(dead) == len(poison)
    assert {dict(r.headers)["dlq_consumer"] for r in dead} == {b"adjudication.inbound"}
    assert status == 200
    assert health["worker"]["generation"] == 1
    assert all(part["restarts"] == 0 for part in health["worker"]["parts"].values()), health
    report("poison records", poison=len(poison), accepted=len(accepted), converged_after_seconds=seconds)


# --- helpers -------------------------------------------------------------------------------------


OUTAGE_SECONDS = 10.0


async def until_cases(stack: ProcessStack, predicate: Callable[[int], bool], *, what: str) -> None:
    async def check() -> bool:
        return predicate(int(await stack.fetchval("SELECT count(*) FROM adjudication.cases")))

    await eventually(check, within=60, what=what)


async def kill_inside_transaction(stack: ProcessStack, worker: str) -> None:
    """SIGKILL ``worker`` at a moment PostgreSQL shows one of its connections inside a transaction."""
    process = stack.processes[worker]
    application = f"ipcase-{worker.removesuffix('-worker')}-{process.pid}"
    connection = await asyncpg.connect(asyncpg_dsn(stack.database_url))
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            in_transaction = await connection.fetchval(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE application_name = $1 AND xact_start IS NOT NULL AND state <> 'idle'",
                application,
            )
            if in_transaction:
                process.kill()
                return
            await asyncio.sleep(0.002)
    finally:
        await connection.close()
    raise AssertionError(f"{worker} was never seen inside a transaction\n{process.log_tail()}")


async def produce_raw(bootstrap_servers: str, topic: str, records: list[Record]) -> None:
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers, enable_idempotence=False, max_request_size=16 * 1024 * 1024
    )
    await producer.start()
    try:
        for key, value, headers in records:
            await producer.send_and_wait(topic, key=key, value=value, headers=headers)
    finally:
        await producer.stop()


def report(fault: str, **figures: object) -> None:
    """One line per fault with what was measured (shown with ``pytest -s``)."""
    print(f"[fault] {fault}: " + ", ".join(f"{k}={v}" for k, v in figures.items()))
