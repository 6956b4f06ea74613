"""Durable timers against real PostgreSQL: exactly-once firing, rescheduling, warnings, recompute."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from shared.calendar import SHANGHAI, load_calendar, set_default_calendar
from shared.testing.clock import FakeClock
from shared.testing.probe import ProbeDb
from shared.timers import DueTimer, TimerScheduler, TimerStatus
from shared.timers.store import recompute_provisional
from shared.uow import UnitOfWork

T0 = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def recorder(probe_db: ProbeDb, fired: list[DueTimer]) -> Any:
    async def handle(timer: DueTimer, uow: UnitOfWork) -> None:
        fired.append(timer)
        await uow.session.execute(
            probe_db.effects.insert().values(
                event_id=timer.name, partition_key=timer.aggregate_id, sequence=len(fired)
            )
        )

    return handle


def scheduler(probe_db: ProbeDb, clock: FakeClock, handlers: dict[str, Any], **kwargs: Any) -> TimerScheduler:
    return TimerScheduler(
        uow_factory=probe_db.uow,
        handlers=handlers,
        clock=clock,
        poll_interval=dt.timedelta(milliseconds=20),
        **kwargs,
    )


async def schedule(
    probe_db: ProbeDb, aggregate_id: str, name: str, due_at: dt.datetime, kind: str = "probe"
) -> None:
    async with probe_db.uow() as uow:
        await uow.timers.schedule(aggregate_id=aggregate_id, name=name, kind=kind, due_at=due_at)
        await uow.commit()


async def fire_all(sched: TimerScheduler) -> int:
    fired = 0
    while await sched.fire_next():
        fired += 1
    return fired


async def status_of(probe_db: ProbeDb, aggregate_id: str, name: str) -> str:
    table = probe_db.tables.timers
    async with probe_db.sessions() as session:
        value = await session.scalar(
            select(table.c.status).where(table.c.aggregate_id == aggregate_id, table.c.name == name)
        )
    return str(value)


async def test_a_timer_fires_once_when_due_and_not_before(probe_db: ProbeDb) -> None:
    clock, fired = FakeClock(T0), list[DueTimer]()
    sched = scheduler(probe_db, clock, {"probe": recorder(probe_db, fired)})
    await schedule(probe_db, "case-1", "answer", T0 + dt.timedelta(hours=1))

    assert await fire_all(sched) == 0
    clock.now = T0 + dt.timedelta(hours=1)
    assert await fire_all(sched) == 1
    assert await fire_all(sched) == 0

    assert [t.name for t in fired] == ["answer"]
    assert await status_of(probe_db, "case-1", "answer") == TimerStatus.FIRED
    assert await probe_db.count(probe_db.effects) == 1


async def test_scheduling_the_same_name_again_moves_the_timer(probe_db: ProbeDb) -> None:
    clock, fired = FakeClock(T0), list[DueTimer]()
    sched = scheduler(probe_db, clock, {"probe": recorder(probe_db, fired)})
    await schedule(probe_db, "case-2", "close", T0 + dt.timedelta(days=1))
    await schedule(probe_db, "case-2", "close", T0 + dt.timedelta(days=3))

    clock.now = T0 + dt.timedelta(days=2)
    assert await fire_all(sched) == 0
    clock.now = T0 + dt.timedelta(days=3)
    assert await fire_all(sched) == 1


async def test_a_cancelled_timer_never_fires(probe_db: ProbeDb) -> None:
    clock, fired = FakeClock(T0), list[DueTimer]()
    sched = scheduler(probe_db, clock, {"probe": recorder(probe_db, fired)})
    await schedule(probe_db, "case-3", "answer", T0)
    async with probe_db.uow() as uow:
        assert await uow.timers.cancel(aggregate_id="case-3", name="answer") == 1
        await uow.commit()

    clock.now = T0 + dt.timedelta(days=30)
    assert await fire_all(sched) == 0
    assert await status_of(probe_db, "case-3", "answer") == TimerStatus.CANCELLED


async def test_concurrent_schedulers_fire_every_timer_exactly_once(probe_db: ProbeDb) -> None:
    clock, fired = FakeClock(T0), list[DueTimer]()
    handler = recorder(probe_db, fired)
    async with probe_db.uow() as uow:
        for n in range(60):
            await uow.timers.schedule(aggregate_id=f"case-{n}", name="deadline", kind="probe", due_at=T0)
        await uow.commit()
    replicas = [scheduler(probe_db, clock, {"probe": handler}) for _ in range(3)]

    counts = await asyncio.gather(*(fire_all(s) for s in replicas))

    assert sum(counts) == 60
    assert sorted(t.aggregate_id for t in fired) == sorted(f"case-{n}" for n in range(60))
    assert await probe_db.count(probe_db.effects) == 60


async def test_a_timer_survives_a_restart_of_the_scheduler(probe_db: ProbeDb) -> None:
    clock, fired = FakeClock(T0), list[DueTimer]()
    first = scheduler(probe_db, clock, {"probe": recorder(probe_db, fired)})
    await schedule(probe_db, "case-4", "answer", T0 + dt.timedelta(minutes=5))
    assert await fire_all(first) == 0
    del first

    clock.now = T0 + dt.timedelta(minutes=5)
    assert await fire_all(scheduler(probe_db, clock, {"probe": recorder(probe_db, fired)})) == 1


async def test_a_failing_handler_is_retried_with_backoff_then_marked_failed(probe_db: ProbeDb) -> None:
    clock = FakeClock(T0)
    attempts: list[int] = []

    async def broken(timer: DueTimer, uow: UnitOfWork) -> None:
        await uow.session.execute(
            probe_db.effects.insert().values(event_id="x", partition_key="x", sequence=1)
        )
        attempts.append(1)
        raise RuntimeError("handler bug")

    sched = scheduler(probe_db, clock, {"probe": broken}, max_attempts=3)
    await schedule(probe_db, "case-5", "answer", T0)

    assert await fire_all(sched) == 1  # fails once, then waits for its backoff
    for _ in range(5):
        clock.now += dt.timedelta(hours=1)
        await fire_all(sched)

    assert len(attempts) == 3
    assert await status_of(probe_db, "case-5", "answer") == TimerStatus.FAILED
    assert await probe_db.count(probe_db.effects) == 0  # each failed attempt rolled back its effects


async def test_a_deadline_gets_a_due_soon_warning_working_days_ahead(probe_db: ProbeDb) -> None:
    async with probe_db.uow() as uow:
        deadline = await uow.timers.schedule_period(
            aggregate_id="case-6",
            name="docket",
            kind="probe",
            period="+5wd",
            start=dt.date(2025, 9, 26),
            warn_working_days=3,
        )
        timers = {t.name: t for t in await uow.timers.scheduled("case-6")}
        await uow.commit()

    assert deadline.due == dt.date(2025, 10, 10)  # §G.3 worked example 3
    assert timers["docket"].due_at == dt.datetime(2025, 10, 11, tzinfo=SHANGHAI)  # 24:00 on the due day
    # Three working days back from Fri 10 Oct across the National Day break: 9 Oct, 30 Sep, 29 Sep.
    assert timers["docket.warning"].due_at == dt.datetime(2025, 9, 29, tzinfo=SHANGHAI)
    assert timers["docket.warning"].is_warning


@pytest.fixture
def restore_default_calendar() -> Iterator[None]:
    yield
    set_default_calendar(None)


async def test_provisional_deadlines_are_recomputed_when_the_notice_is_loaded(
    probe_db: ProbeDb, tmp_path: Path, restore_default_calendar: None
) -> None:
    async with probe_db.uow() as uow:
        before = await uow.timers.schedule_period(
            aggregate_id="case-7", name="answer", kind="probe", period="+15cd", start=dt.date(2031, 4, 16)
        )
        await uow.commit()
    # Rules only: 16 Apr + 15 days is Labour Day (Thu 1 May); 1-2 May off, then the weekend.
    assert before.provisional and before.due == dt.date(2031, 5, 5)

    notice = {
        "year": 2031,
        "source_doc_no": "国办发明电〔2030〕N号",
        "published_at": "2030-11-05",
        "holidays": [{"name": "劳动节", "first": "2031-05-01", "last": "2031-05-07"}],
        "makeup_workdays": [],
    }
    (tmp_path / "2031.json").write_text(json.dumps(notice, ensure_ascii=False), encoding="utf-8")
    set_default_calendar(load_calendar(tmp_path))
    async with probe_db.sessions() as session, session.begin():
        moved = await recompute_provisional(session, probe_db.tables.timers)

    assert moved == [("case-7", "answer", dt.date(2031, 5, 8))]
    async with probe_db.uow() as uow:
        (timer,) = await uow.timers.scheduled("case-7")
    assert timer.due_at == dt.datetime(2031, 5, 9, tzinfo=SHANGHAI)
    assert not timer.provisional


async def test_a_handler_can_re_arm_its_own_timer(probe_db: ProbeDb) -> None:
    clock, fired = FakeClock(T0), list[DueTimer]()

    async def monthly(timer: DueTimer, uow: UnitOfWork) -> None:
        fired.append(timer)
        await uow.timers.schedule(
            aggregate_id=timer.aggregate_id,
            name=timer.name,
            kind=timer.kind,
            due_at=timer.due_at + dt.timedelta(days=30),
        )

    sched = scheduler(probe_db, clock, {"probe": monthly})
    await schedule(probe_db, "grades", "recompute", T0)

    assert await fire_all(sched) == 1
    clock.now = T0 + dt.timedelta(days=30)
    assert await fire_all(sched) == 1
    assert [t.due_at for t in fired] == [T0, T0 + dt.timedelta(days=30)]
    assert await status_of(probe_db, "grades", "recompute") == TimerStatus.SCHEDULED
