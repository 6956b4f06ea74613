"""Oral hearings as recorded: rooms, bookings, attendance, the record (笔录), and a hearing's table."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from adjudication.domain.errors import CaseTransitionRefused
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.legal import ART14
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition


class HearingMode(StrEnum):
    PHYSICAL = "physical"
    REMOTE = "remote"


class HearingStatus(StrEnum):
    SCHEDULED = "scheduled"
    HELD = "held"
    CANCELLED = "cancelled"


H = HearingStatus


# fmt: off
HEARING_STATUSES: Final = TransitionTable(H, (
    transition("reschedule", {H.SCHEDULED}, H.SCHEDULED, event=CaseEvent.HEARING_RESCHEDULED,
               guard="room and persons free at the new time; the parties are notified again", basis=(ART14,)),
    transition("serve_notice", {H.SCHEDULED}, H.SCHEDULED, event=CaseEvent.DOCUMENT_SERVED,
               guard="the notice reached a party", basis=(ART14,)),
    transition("hold", {H.SCHEDULED}, H.HELD, event=CaseEvent.HEARING_HELD,
               guard="the record covers every party and is signed", basis=(ART14,)),
    transition("cancel", {H.SCHEDULED}, H.CANCELLED, event=CaseEvent.HEARING_CANCELLED,
               guard="reasons recorded; or the case ended or went to mediation first", basis=(ART14,)),
))


# fmt: on


HEARINGS = StatusMachine(HEARING_STATUSES, CaseTransitionRefused)


class Attendance(StrEnum):
    PRESENT = "present"
    ABSENT_WITH_REASON = "absent_with_reason"
    ABSENT_WITHOUT_REASON = "absent_without_reason"
    LEFT_WITHOUT_LEAVE = "left_without_leave"


NO_SHOW = frozenset({Attendance.ABSENT_WITHOUT_REASON, Attendance.LEFT_WITHOUT_LEAVE})


@dataclass(frozen=True, slots=True, kw_only=True)
class RoomRef:
    id: str
    name: str
    mode: HearingMode


@dataclass(frozen=True, slots=True, kw_only=True)
class Booking:
    """Another hearing holding a room or a person at an overlapping time."""

    resource: str
    case_no: str
    starts_at: dt.datetime
    ends_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class HearingRecord:
    attendance: dict[str, Attendance]
    summary: str
    signed_on: dt.date
    signed_by: tuple[str, ...]


@dataclass(slots=True, kw_only=True)
class Hearing:
    id: str
    room: RoomRef
    starts_at: dt.datetime
    ends_at: dt.datetime
    participant_ids: tuple[str, ...]
    person_ids: tuple[str, ...]
    joint_with_invalidation: bool = False
    invalidation_case_no: str | None = None
    short_notice_reason: str | None = None
    status: HearingStatus = HearingStatus.SCHEDULED
    scheduled_at: dt.datetime
    record: HearingRecord | None = None
    cancel_reason: str | None = None

    def resources(self) -> list[str]:
        """What the hearing occupies: its room and every person on it."""
        return [f"room:{self.room.id}", *(f"person:{p}" for p in self.person_ids)]


@dataclass(frozen=True, slots=True, kw_only=True)
class HearingPlan:
    room: RoomRef
    starts_at: dt.datetime
    ends_at: dt.datetime
    participant_ids: tuple[str, ...]
    joint_with_invalidation: bool = False
    invalidation_case_no: str | None = None
    short_notice_reason: str | None = None
