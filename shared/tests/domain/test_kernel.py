"""The shared domain kernel: one guard for every state machine, events, deadlines, JSON details."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from decimal import Decimal
from enum import StrEnum

import pytest

from shared.calendar import SHANGHAI
from shared.domain.actors import Actor
from shared.domain.deadlines import (
    ArmTimer,
    DeadlineKind,
    DeadlineStatus,
    DisarmTimer,
    TimerChange,
    TrackedDeadline,
)
from shared.domain.events import Advisory, DomainEvent
from shared.domain.jsonable import jsonable, to_json
from shared.domain.legal import Citation
from shared.domain.lifecycle import Lifecycle, StatusMachine, TracksDeadlines, TransitionTable, transition
from shared.errors import InvalidTransition

AT = dt.datetime(2026, 9, 16, 9, 0, tzinfo=SHANGHAI)
LAW = Citation("专利法", "65")


class Door(StrEnum):
    OPEN = "OPEN"
    CLOSED = "CLOSED"
    LOCKED = "LOCKED"
    BROKEN = "BROKEN"


class DoorRefused(InvalidTransition):
    code = "door_refused"


DOOR = TransitionTable(
    Door,
    [
        transition("close", [Door.OPEN], Door.CLOSED, event="DoorClosed", actor="porter", basis=[LAW]),
        transition("open", [Door.CLOSED], Door.OPEN, event="DoorOpened"),
        transition("lock", [Door.CLOSED], Door.LOCKED, event="DoorLocked", actor="porter"),
    ],
)
PORTER = Actor("porter", "p-1", roles=("staff",))


@dataclasses.dataclass
class House(Lifecycle[Door], TracksDeadlines):
    TRANSITIONS = DOOR
    refusal = DoorRefused
    id: uuid.UUID = dataclasses.field(default_factory=uuid.uuid4)
    state: Door = Door.OPEN
    events: list[DomainEvent] = dataclasses.field(default_factory=list)
    deadlines: dict[str, TrackedDeadline] = dataclasses.field(default_factory=dict)
    timer_changes: list[TimerChange] = dataclasses.field(default_factory=list)


def test_a_transition_changes_the_state_and_records_its_event_with_actor_and_basis() -> None:
    house = House()
    event = house.move("close", by=PORTER, at=AT, details={"on": AT.date()})

    assert house.state is Door.CLOSED
    assert house.events == [event]
    assert (event.name, event.transition, event.from_state, event.to_state) == (
        "DoorClosed",
        "close",
        "OPEN",
        "CLOSED",
    )
    assert event.actor == PORTER and event.basis == (LAW,)
    assert event.details == {"on": "2026-09-16"}


def test_a_step_may_cite_more_than_its_row() -> None:
    extra = Citation("办法", "9", "U")
    event = House().move("close", by=PORTER, at=AT, basis=[extra])

    assert event.basis == (LAW, extra)


def test_a_refused_step_is_the_services_own_error_listing_what_is_allowed_now() -> None:
    house = House(state=Door.CLOSED)
    with pytest.raises(DoorRefused) as refused:
        house.move("close", by=PORTER, at=AT)

    assert refused.value.current == "CLOSED"
    assert refused.value.allowed == ("lock → LOCKED", "open → OPEN")
    assert house.events == []


def test_a_step_taken_by_the_wrong_kind_of_actor_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="taken by porter"):
        House().move("close", by=Actor("visitor", "v"), at=AT)


def test_a_fact_that_changes_no_state_is_recorded_too() -> None:
    house = House()
    subject = uuid.uuid4()
    event = house.record(
        "KeyCopied",
        by=PORTER,
        at=AT,
        summary=("A key was copied", "已复制钥匙"),
        subject=("key", subject),
        advisories=[Advisory("spare", "keep it safe", "妥善保管")],
    )
    assert not event.is_transition
    assert (event.summary_zh, event.subject, event.subject_id) == ("已复制钥匙", "key", subject)


def test_the_table_knows_its_unreachable_states_and_refuses_a_name_declared_twice() -> None:
    assert DOOR.unreachable([Door.OPEN]) == {Door.BROKEN}
    with pytest.raises(ValueError, match="declared twice"):
        TransitionTable(Door, [transition("open", [Door.CLOSED], Door.OPEN, event="A")] * 2)


def test_a_sub_entity_status_has_the_same_guard() -> None:
    machine = StatusMachine(DOOR, DoorRefused)
    assert machine.step(Door.CLOSED, "lock").target is Door.LOCKED
    with pytest.raises(DoorRefused):
        machine.step(Door.LOCKED, "open")


def test_a_catalogue_deadline_is_tracked_and_its_timer_armed_then_disarmed_when_met() -> None:
    house = House()
    tracked = house.start_deadline(
        "answer",
        period="adjudication.answer",
        start=dt.date(2026, 9, 16),
        kind=DeadlineKind.OFFICE_DUTY,
        province=None,
        warn_working_days=3,
    )
    assert tracked.due is not None and tracked.basis
    (armed,) = house.timer_changes
    assert isinstance(armed, ArmTimer) and armed.name == "answer" and armed.warn_working_days == 3
    assert armed.rule is not None and armed.rule["period"] == "adjudication.answer"

    house.meet_deadline("answer", dt.date(2026, 9, 20))
    assert tracked.status is DeadlineStatus.MET and house.timer_changes[-1] == DisarmTimer("answer")
    assert house.next_due is None and house.duty_due is None


def test_a_deadline_may_name_its_own_timer_kind() -> None:
    house = House()
    house.start_deadline(
        "answer",
        period="adjudication.answer",
        start=dt.date(2026, 9, 16),
        kind=DeadlineKind.OFFICE_DUTY,
        province=None,
        warn_working_days=None,
        timer_kind="test.answer_due",
    )
    (armed,) = house.timer_changes
    assert isinstance(armed, ArmTimer) and armed.kind == "test.answer_due"


def test_a_party_period_warns_nobody() -> None:
    house = House()
    house.start_deadline(
        "statement",
        period="adjudication.answer",
        start=dt.date(2026, 9, 16),
        kind=DeadlineKind.PARTY_PERIOD,
        province=None,
        warn_working_days=3,
    )
    (armed,) = house.timer_changes
    assert isinstance(armed, ArmTimer) and armed.warn_working_days is None
    assert house.duty_due is None and house.next_due is not None


def test_details_are_stored_as_json_values() -> None:
    class Colour(StrEnum):
        RED = "red"

    ident = uuid.uuid4()
    assert jsonable(
        {
            "when": AT,
            "day": AT.date(),
            "colour": Colour.RED,
            "amount": Decimal("12.50"),
            "id": ident,
            "items": (1, {"nested": AT.date()}),
            "actor": PORTER,
            "citation": LAW,
        }
    ) == {
        "when": "2026-09-16T09:00:00+08:00",
        "day": "2026-09-16",
        "colour": "red",
        "amount": "12.50",
        "id": str(ident),
        "items": [1, {"nested": "2026-09-16"}],
        "actor": {"kind": "porter", "id": "p-1", "roles": ["staff"]},
        "citation": {"instrument": "专利法", "article": "65", "confidence": "V"},
    }
    with pytest.raises(TypeError):
        to_json(object())


def test_citations_and_actors_round_trip() -> None:
    assert Citation.parse(str(LAW)) == LAW
    assert Citation.parse("free text") == Citation("free text", "", "U")
    assert Citation.from_dict(LAW.as_dict()) == LAW
    clerk = Actor("court", "3101", recorded_by="clerk-7")
    assert Actor.from_dict(clerk.as_dict()) == clerk
    assert Actor.system().is_system
