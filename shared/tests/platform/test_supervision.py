"""Workers that never hang: parts restart alone, teardown is bounded, a stuck part is seen."""

from __future__ import annotations

import asyncio
import datetime as dt
import errno
import subprocess
import sys
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import timedelta
from types import SimpleNamespace

import httpx
import pytest

from shared.calendar import SHANGHAI
from shared.calendar.instants import parse_instant
from shared.db import is_database_unavailable
from shared.kafka.identity import BrokerChanged
from shared.liveness import PartState, Pulse
from shared.messaging.consumer import ConsumerOptions, EventConsumer, Subscription
from shared.messaging.relay import OutboxRelay, RelayOptions
from shared.supervision import Part, RestartPolicy, supervise
from shared.testing.clock import FakeClock
from shared.testing.plugin import BrokerHandle
from shared.testing.probe import ProbeDb, kafka_config, probe_contract, recording_handler
from shared.testing.waiting import eventually, until
from shared.timers import DueTimer, TimerScheduler
from shared.uow import UnitOfWork
from shared.web.health import worker_health_app
from shared.worker import EXIT_STUCK, Worker, WorkerOptions, WorkerRunner, WorkerStuck

FAST = RestartPolicy(initial=0.01, maximum=0.05, healthy_after=60)


class Ticks:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


# --- supervision of one part -------------------------------------------------------------------


async def test_a_failing_part_is_restarted_alone_while_its_sibling_keeps_working() -> None:
    stop = asyncio.Event()
    steady_turns = 0

    async def failing(stop: asyncio.Event, pulse: Pulse) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    async def steady(stop: asyncio.Event, pulse: Pulse) -> None:
        nonlocal steady_turns
        while not stop.is_set():
            steady_turns += 1
            pulse.beat()
            await asyncio.sleep(0.005)

    pulses = {"failing": Pulse("failing"), "steady": Pulse("steady")}
    tasks = [
        asyncio.create_task(supervise(Part(name, run), stop, pulses[name], FAST))
        for name, run in (("failing", failing), ("steady", steady))
    ]
    await until(lambda: pulses["failing"].restarts >= 5, what="five restarts of the failing part")
    turns_before = steady_turns
    await until(lambda: steady_turns >= turns_before + 10, what="the sibling to keep turning")
    stop.set()
    async with asyncio.timeout(5):
        await asyncio.gather(*tasks)

    assert pulses["steady"].restarts == 0
    assert "RecursionError" in (pulses["failing"].last_error or "")
    assert all(pulse.state is PartState.STOPPED for pulse in pulses.values())


async def test_a_one_shot_part_runs_once_and_a_failed_one_is_retried() -> None:
    calls = 0

    async def arm_once(stop: asyncio.Event, pulse: Pulse) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise ConnectionRefusedError(errno.ECONNREFUSED, "database away")

    pulse = Pulse("armer")
    async with asyncio.timeout(5):
        await supervise(Part("armer", arm_once, one_shot=True), asyncio.Event(), pulse, FAST)

    assert calls == 2
    assert pulse.restarts == 1
    assert pulse.state is PartState.STOPPED


async def test_a_part_that_returns_while_it_should_run_is_restarted() -> None:
    stop, runs = asyncio.Event(), 0

    async def returns_early(stop_: asyncio.Event, pulse: Pulse) -> None:
        nonlocal runs
        runs += 1
        if runs == 3:
            stop.set()

    pulse = Pulse("early")
    async with asyncio.timeout(5):
        await supervise(Part("early", returns_early), stop, pulse, FAST)

    assert runs == 3
    assert "returned while it should be running" in (pulse.last_error or "")


async def test_a_new_broker_leaves_supervision_so_the_worker_can_restart_every_client() -> None:
    async def sees_new_broker(stop: asyncio.Event, pulse: Pulse) -> None:
        raise BrokerChanged("old", "new")

    with pytest.raises(BrokerChanged):
        await supervise(Part("watch", sees_new_broker), asyncio.Event(), Pulse("watch"), FAST)


# --- liveness ----------------------------------------------------------------------------------


def test_a_part_whose_loop_stopped_turning_is_stuck() -> None:
    ticks = Ticks()
    pulse = Pulse("relay", clock=ticks)
    pulse.beat()
    ticks.now += 119
    assert pulse.stuck_reason(120) is None
    ticks.now += 2
    assert pulse.stuck_reason(120) == "no sign of life for 121 s"


def test_a_part_with_work_waiting_and_no_progress_is_stuck_unless_a_dependency_is_down() -> None:
    ticks = Ticks()
    pulse = Pulse("consumer", clock=ticks)
    pulse.backlog(40)
    for _ in range(13):  # the loop keeps turning, but nothing gets done
        ticks.now += 10
        pulse.beat()
    assert pulse.stuck_reason(120) == "40 item(s) waiting and nothing processed for 130 s"

    pulse.blocked("database")
    assert pulse.stuck_reason(120) is None, "an outage is not fixed by a restart"
    pulse.unblocked()
    pulse.progressed(5)
    assert pulse.stuck_reason(120) is None


def test_an_idle_part_is_never_stuck() -> None:
    ticks = Ticks()
    pulse = Pulse("timers", clock=ticks)
    for _ in range(100):
        ticks.now += 10
        pulse.beat()
        pulse.backlog(0)
    assert pulse.stuck_reason(120) is None
    assert pulse.report()["seconds_since_progress"] == 1000


# --- the worker --------------------------------------------------------------------------------


def bare_worker(broker: BrokerHandle, jobs: list[Part], **options: float) -> Worker:
    return Worker(
        service=f"probe-{uuid.uuid4().hex[:6]}",
        kafka=broker.kafka_config(),
        relay=None,
        jobs=jobs,
        topics=[],
        options=WorkerOptions(watch_interval=0.2, restart=FAST, **options),
    )


async def test_a_part_that_ignores_cancellation_makes_the_worker_stop_with_worker_stuck(
    broker: BrokerHandle,
) -> None:
    started, release = asyncio.Event(), asyncio.Event()

    async def stubborn(stop: asyncio.Event, pulse: Pulse) -> None:
        started.set()
        while not release.is_set():  # swallows cancellation, as a buggy library might
            try:
                await release.wait()
            except asyncio.CancelledError:
                continue

    worker = bare_worker(broker, [Part("stubborn", stubborn)], stop_grace=0.2, cancel_grace=0.2)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    async with asyncio.timeout(10):
        await started.wait()
    stop.set()
    began = time.monotonic()
    with pytest.raises(WorkerStuck) as stuck:
        async with asyncio.timeout(5):
            await task
    elapsed = time.monotonic() - began
    release.set()

    assert stuck.value.parts == (f"{worker.service}:stubborn",)
    assert elapsed < 2.0, "teardown is bounded by the grace periods"


async def test_a_hung_part_makes_the_worker_unhealthy(broker: BrokerHandle) -> None:
    async def hangs(stop: asyncio.Event, pulse: Pulse) -> None:
        pulse.beat()
        await stop.wait()  # never beats again: a hung await

    worker = bare_worker(broker, [Part("hangs", hangs)], stall_timeout=0.3)
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    try:
        await until(lambda: bool(worker.stuck_parts()), within=10, what="the stuck verdict")
        health = worker.health()
    finally:
        stop.set()
        async with asyncio.timeout(10):
            await task

    assert health["healthy"] is False
    assert list(health["stuck"]) == ["hangs"]
    assert health["parts"]["broker-watch"]["state"] == "running"


async def test_a_job_that_keeps_failing_never_stops_the_relay_or_the_consumer(
    probe_db: ProbeDb, probe_topic: str, broker: BrokerHandle
) -> None:
    async def broken_job(stop: asyncio.Event, pulse: Pulse) -> None:
        raise ConnectionResetError(errno.ECONNRESET, "connection is closed")

    kafka = kafka_config(broker.bootstrap_servers)
    worker = Worker(
        service=probe_db.schema,
        kafka=kafka,
        relay=OutboxRelay(
            service=probe_db.schema,
            tables=probe_db.tables,
            session_factory=probe_db.sessions,
            dsn=probe_db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False),
            kafka=kafka,
            options=RelayOptions(poll_interval=timedelta(seconds=1)),
        ),
        consumers=[
            EventConsumer(
                name=f"probe-{uuid.uuid4().hex[:8]}",
                subscriptions=[Subscription(probe_contract(probe_topic), recording_handler(probe_db))],
                uow_factory=probe_db.uow,
                kafka=kafka,
                options=ConsumerOptions(retry_backoff=timedelta(milliseconds=10)),
            )
        ],
        jobs=[Part("broken", broken_job)],
        topics=[probe_topic, f"{probe_topic}.dlq"],
        options=WorkerOptions(watch_interval=0.3, restart=FAST),
    )
    stop = asyncio.Event()
    task = asyncio.create_task(worker.run(stop))
    contract = probe_contract(probe_topic)
    try:
        await until(lambda: worker.pulses["broken"].restarts >= 3, what="the job failing")
        await probe_db.write_events([contract(partition_key="k", sequence=n) for n in range(10)])
        await eventually(_effects(probe_db, 10), within=20, what="every event relayed and applied")
    finally:
        stop.set()
        async with asyncio.timeout(20):
            await task

    assert worker.status.generation == 1, "no part's failure restarted the others"
    assert worker.pulses["outbox-relay"].restarts == 0


# --- the timer scheduler through a database outage ---------------------------------------------


async def test_the_timer_scheduler_waits_out_a_database_outage_and_then_fires(probe_db: ProbeDb) -> None:
    clock = FakeClock(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC))
    async with probe_db.uow() as uow:
        await uow.timers.schedule(aggregate_id="case-1", name="answer", kind="probe", due_at=clock.now)
        await uow.commit()
    outage_left = 4

    def flaky_uow() -> UnitOfWork:
        nonlocal outage_left
        if outage_left:
            outage_left -= 1
            raise ConnectionRefusedError(errno.ECONNREFUSED, "Connect call failed ('127.0.0.1', 5432)")
        return probe_db.uow()

    fired: list[DueTimer] = []

    async def record(timer: DueTimer, uow: UnitOfWork) -> None:
        fired.append(timer)

    scheduler = TimerScheduler(
        uow_factory=flaky_uow,
        handlers={"probe": record},
        clock=clock,
        poll_interval=timedelta(milliseconds=20),
    )
    pulse, stop = Pulse("timers"), asyncio.Event()
    task = asyncio.create_task(scheduler.run(stop, pulse))
    try:
        await until(lambda: pulse.blocked_on == "database", what="the outage to be seen")
        await until(lambda: len(fired) == 1, what="the timer to fire after the outage")
    finally:
        stop.set()
        async with asyncio.timeout(5):
            await task

    assert pulse.blocked_on is None
    assert pulse.restarts == 0, "an outage is waited out inside the loop, not by a crash"


# --- small pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "unavailable"),
    [
        (ConnectionRefusedError(errno.ECONNREFUSED, "refused"), True),
        (OSError("Multiple exceptions: [Errno 111] Connect call failed"), True),
        (TimeoutError(), True),
        (FileNotFoundError(errno.ENOENT, "no such file"), False),
        (ValueError("invalid input syntax"), False),
    ],
)
def test_only_connection_failures_count_as_the_database_being_unavailable(
    error: BaseException, unavailable: bool
) -> None:
    assert is_database_unavailable(error) is unavailable
    wrapped = RuntimeError("while saving")
    wrapped.__cause__ = error
    assert is_database_unavailable(wrapped) is unavailable


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("2026-12-06T10:00", dt.datetime(2026, 12, 6, 2, 0, tzinfo=dt.UTC)),
        ("2026-12-06", dt.datetime(2026, 12, 5, 16, 0, tzinfo=dt.UTC)),
        ("2026-12-06T10:00:00+00:00", dt.datetime(2026, 12, 6, 10, 0, tzinfo=dt.UTC)),
    ],
)
def test_a_time_without_an_offset_is_read_in_beijing_time(text: str, utc: dt.datetime) -> None:
    assert parse_instant(text, SHANGHAI) == utc


def test_a_time_that_is_not_iso_8601_is_refused() -> None:
    with pytest.raises(ValueError, match="not an ISO 8601"):
        parse_instant("6 December, 10 am")


def _effects(probe_db: ProbeDb, count: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return len(await probe_db.effects_for()) >= count

    return check


# --- what a stuck worker does to its process ---------------------------------------------------


async def test_a_stuck_worker_makes_the_worker_process_report_unhealthy(broker: BrokerHandle) -> None:
    started, release = asyncio.Event(), asyncio.Event()

    async def stubborn(stop: asyncio.Event, pulse: Pulse) -> None:
        started.set()
        while not release.is_set():
            try:
                await release.wait()
            except asyncio.CancelledError:
                continue

    worker = bare_worker(broker, [Part("stubborn", stubborn)], stop_grace=0.1, cancel_grace=0.1)
    runner = WorkerRunner(worker, exit_on_stuck=False)
    app = worker_health_app(SimpleNamespace(worker=worker, platform=None), runner)
    runner.start()
    async with asyncio.timeout(10):
        await started.wait()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://worker") as client:
        healthy = await client.get("/healthz")
        runner.request_stop()  # the teardown finds the part stuck
        async with asyncio.timeout(10):
            await runner.wait()
        stuck = await client.get("/healthz")
    release.set()

    assert healthy.status_code == 200
    assert stuck.status_code == 503
    assert stuck.json()["status"] == "unhealthy"
    assert "stubborn" in stuck.json()["reason"]


def test_a_process_whose_worker_is_stuck_exits_with_code_70() -> None:
    code = "from shared.worker import exit_process; exit_process('a part ignores cancellation')"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=60, check=False)
    assert result.returncode == EXIT_STUCK == 70
