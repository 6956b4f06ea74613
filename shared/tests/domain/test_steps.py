"""The effects runner: one step's save, case record, published events and timers, together."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from enum import StrEnum

import pytest

from shared.calendar import SHANGHAI
from shared.contracts import EventData
from shared.domain.actors import Actor
from shared.domain.deadlines import ArmTimer, DeadlineKind, DeadlineReached, TimerChange, TrackedDeadline
from shared.domain.events import DomainEvent
from shared.domain.lifecycle import Lifecycle, TracksDeadlines, TransitionTable, transition
from shared.messagebus import MessageBus
from shared.steps import Publisher, StepEffects, UnmappedEvent
from shared.testing.fakes import FakeStore, FakeUnitOfWork
from shared.timers.dispatch import timer_handlers
from shared.timers.store import DueTimer

AT = dt.datetime(2026, 9, 16, 9, 0, tzinfo=SHANGHAI)
CLERK = Actor("clerk", "c-1")


class Stage(StrEnum):
    FILED = "FILED"
    HEARD = "HEARD"


class Event(StrEnum):
    HEARD = "Heard"
    NOTED = "Noted"
    FORGOTTEN = "Forgotten"


class HeardV1(EventData, event_type="test.file.heard", version=1, topic="test.file", published=False):
    file_id: uuid.UUID


@dataclasses.dataclass
class File(Lifecycle[Stage], TracksDeadlines):
    TRANSITIONS = TransitionTable(Stage, [transition("hear", [Stage.FILED], Stage.HEARD, event=Event.HEARD)])
    id: uuid.UUID = dataclasses.field(default_factory=uuid.uuid4)
    state: Stage = Stage.FILED
    events: list[DomainEvent] = dataclasses.field(default_factory=list)
    deadlines: dict[str, TrackedDeadline] = dataclasses.field(default_factory=dict)
    timer_changes: list[TimerChange] = dataclasses.field(default_factory=list)


PUBLISHER: Publisher[File] = Publisher(
    {Event.HEARD: lambda file, event: [HeardV1(file_id=file.id)]}, internal=[Event.NOTED]
)
EFFECTS = StepEffects("file", PUBLISHER, timer_kind="test.file")


async def test_one_step_saves_records_publishes_and_arms_together_at_commit() -> None:
    store, saved = FakeStore(), []
    file = File()
    file.move("hear", by=CLERK, at=AT)
    file.record(Event.NOTED, by=CLERK, at=AT)
    file.start_deadline(
        "answer",
        period="adjudication.answer",
        start=AT.date(),
        kind=DeadlineKind.OFFICE_DUTY,
        province=None,
        warn_working_days=None,
    )

    async def save() -> None:
        saved.append(file.state)

    async with FakeUnitOfWork(store) as uow:
        events = await EFFECTS.record(uow, file, save=save)
        assert store.record == [] and store.published == []  # nothing lands before the commit
        await uow.commit()

    assert saved == [Stage.HEARD]
    assert [e.name for e in events] == [Event.HEARD, Event.NOTED]
    assert store.event_names(file.id) == ["Heard", "Noted"]
    assert store.published_types() == ["test.file.heard"]
    assert store.timer_names(file.id) == {"answer"}
    assert store.timers[(str(file.id), "answer")].kind == "test.file"
    assert file.events == [] and file.timer_changes == []


async def test_a_record_kept_apart_from_its_parent_writes_on_the_parents_record_and_keeps_its_timers() -> (
    None
):
    store, parent_id = FakeStore(), uuid.uuid4()
    file = File()
    file.move("hear", by=CLERK, at=AT)
    file.start_deadline(
        "answer",
        period="adjudication.answer",
        start=AT.date(),
        kind=DeadlineKind.OFFICE_DUTY,
        province=None,
        warn_working_days=None,
    )

    async def save() -> None:
        return None

    async with FakeUnitOfWork(store) as uow:
        await EFFECTS.record(uow, file, save=save, parent_id=parent_id)
        await uow.commit()

    assert store.event_names(parent_id) == ["Heard"] and store.event_names(file.id) == []
    assert [key for _, key in store.published] == [str(parent_id)]
    assert store.timer_names(file.id) == {"answer"} and store.timer_names(parent_id) == set()


async def test_a_timer_that_names_its_own_kind_is_armed_under_it() -> None:
    store, file = FakeStore(), File()
    for key, kind in (("answer", None), ("review", "test.review_due")):
        file.start_deadline(
            key,
            period="adjudication.answer",
            start=AT.date(),
            kind=DeadlineKind.OFFICE_DUTY,
            province=None,
            warn_working_days=None,
            timer_kind=kind,
        )

    async def save() -> None:
        return None

    async with FakeUnitOfWork(store) as uow:
        await EFFECTS.record(uow, file, save=save)
        await uow.commit()

    assert store.timers[(str(file.id), "answer")].kind == "test.file"
    assert store.timers[(str(file.id), "review")].kind == "test.review_due"


async def test_an_event_with_no_publishing_rule_fails_loudly() -> None:
    file = File()
    file.record(Event.FORGOTTEN, by=CLERK, at=AT)

    async def save() -> None:
        return None

    with pytest.raises(UnmappedEvent, match="Forgotten"):
        await EFFECTS.record(FakeUnitOfWork(), file, save=save)
    assert PUBLISHER.unaccounted(Event) == {"Forgotten"}


def test_an_event_cannot_be_both_published_and_internal() -> None:
    with pytest.raises(ValueError, match="both mapped and internal"):
        Publisher({Event.HEARD: lambda f, e: []}, internal=[Event.HEARD])


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ReachFileDeadline(DeadlineReached):
    pass


async def test_a_timer_fires_as_a_command_on_the_bus_in_the_schedulers_unit_of_work() -> None:
    handled: list[tuple[ReachFileDeadline, FakeUnitOfWork]] = []

    async def reach(command: ReachFileDeadline, uow: FakeUnitOfWork) -> None:
        handled.append((command, uow))

    bus = MessageBus(FakeUnitOfWork, {ReachFileDeadline: reach})
    handlers = timer_handlers(bus, {"test.file": ReachFileDeadline})
    uow = FakeUnitOfWork()
    due = AT + dt.timedelta(days=15)
    for name in ("answer.warning", "answer"):
        await handlers["test.file"](DueTimer("agg-1", name, "test.file", due, {"deadline": "answer"}), uow)

    assert [(c.deadline, c.warning, c.due_at) for c, _ in handled] == [
        ("answer", True, due),
        ("answer", False, due),
    ]
    assert all(given is uow for _, given in handled)


async def test_a_timer_change_may_name_its_own_kind() -> None:
    store = FakeStore()
    file = File()
    tracked = file.start_deadline(
        "answer",
        period="adjudication.answer",
        start=AT.date(),
        kind=DeadlineKind.PARTY_PERIOD,
        province=None,
        warn_working_days=None,
    )
    (armed,) = file.timer_changes
    assert isinstance(armed, ArmTimer)
    file.timer_changes[0] = dataclasses.replace(armed, kind="test.file.answer")

    async def save() -> None:
        return None

    async with FakeUnitOfWork(store) as uow:
        await EFFECTS.record(uow, file, save=save)
        await uow.commit()

    timer = store.timers[(str(file.id), "answer")]
    assert (timer.kind, timer.due) == ("test.file.answer", tracked.due)
