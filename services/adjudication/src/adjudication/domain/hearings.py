"""Oral hearings (口头审理): rooms, people, notice, record, and the deemed withdrawal on a no-show.

Notice must reach the parties at least 3 working days before the hearing (专利行政执法办法 art. 14
[U], catalogue ``adjudication.hearing_notice_min``). Because the figure is unverified, a shorter
notice is refused unless the panel records why (e.g. the parties waived it); the reason goes on the
timeline. Room and person conflicts with other hearings are found by the handler layer (and, as a
backstop, by an exclusion constraint in the database) and passed in as ``conflicts``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Final

from adjudication.domain.delivery import record_service
from adjudication.domain.errors import CaseTransitionRefused, HearingConflict, RecordNotFound, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.hearing_notice import (
    ART14,
    minimum_working_days,
    notice_advisories,
    notice_key,
    start_notice_deadline,
    timely,
)
from adjudication.domain.participants import participant
from adjudication.domain.rules import DECIDING_ROLES
from adjudication.domain.service_records import DocumentKind, ServiceMethod, new_id
from adjudication.domain.states import CaseState
from adjudication.domain.status import guarded
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineStatus
from shared.domain.events import Advisory
from shared.domain.lifecycle import StatusMachine, TransitionTable, transition

if TYPE_CHECKING:
    from adjudication.domain.case import Case
    from adjudication.domain.rules import CaseRules


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


def hearing(case: Case, hearing_id: str) -> Hearing:
    for candidate in case.hearings:
        if candidate.id == hearing_id:
            return candidate
    raise RecordNotFound(f"No hearing {hearing_id} in the case", f"本案没有口头审理 {hearing_id}")


def scheduled_hearing(case: Case) -> Hearing | None:
    return next((h for h in case.hearings if h.status is HearingStatus.SCHEDULED), None)


def persons_for(case: Case, participant_ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(participant(case, pid).person_id for pid in participant_ids)


def schedule(
    case: Case,
    *,
    plan: HearingPlan,
    conflicts: Sequence[Booking],
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> Hearing:
    case.require_state("schedule_hearing")
    advisories = _check_plan(case, plan, conflicts, at, rules)
    booked = Hearing(
        id=new_id(),
        room=plan.room,
        starts_at=plan.starts_at,
        ends_at=plan.ends_at,
        participant_ids=plan.participant_ids,
        person_ids=persons_for(case, plan.participant_ids),
        joint_with_invalidation=plan.joint_with_invalidation,
        invalidation_case_no=plan.invalidation_case_no,
        short_notice_reason=plan.short_notice_reason,
        scheduled_at=at,
    )
    case.hearings.append(booked)
    start_notice_deadline(case, booked, at, rules)
    case.move("schedule_hearing", by=by, at=at, details=_plan_details(booked), advisories=advisories)
    return booked


def reschedule(
    case: Case,
    *,
    hearing_id: str,
    plan: HearingPlan,
    conflicts: Sequence[Booking],
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    moved = scheduled_by_id(case, hearing_id, "reschedule")
    advisories = _check_plan(case, plan, conflicts, at, rules)
    moved.room, moved.starts_at, moved.ends_at = plan.room, plan.starts_at, plan.ends_at
    moved.participant_ids, moved.person_ids = plan.participant_ids, persons_for(case, plan.participant_ids)
    moved.short_notice_reason = plan.short_notice_reason
    moved.joint_with_invalidation, moved.invalidation_case_no = (
        plan.joint_with_invalidation,
        plan.invalidation_case_no,
    )
    start_notice_deadline(case, moved, at, rules)
    case.record(
        CaseEvent.HEARING_RESCHEDULED,
        by=by,
        at=at,
        basis=[ART14],
        details=_plan_details(moved),
        advisories=[
            *advisories,
            Advisory(
                "notices_again",
                "Serve the hearing notice again on every party",
                "请重新向各方当事人送达口头审理通知",
            ),
        ],
    )


def cancel(case: Case, *, hearing_id: str, reason: str, by: Actor, at: dt.datetime) -> None:
    case.require_state("cancel_hearing")
    cancelled = scheduled_by_id(case, hearing_id, "cancel")
    cancelled.status, cancelled.cancel_reason = HEARINGS.step(cancelled.status, "cancel").target, reason
    case.end_deadline(notice_key(hearing_id), DeadlineStatus.CANCELLED)
    case.move("cancel_hearing", by=by, at=at, details={"hearing_id": hearing_id, "reason": reason})


def cancel_scheduled_hearings(case: Case, reason: str) -> None:
    """The case ended before its hearing: free the room and the people."""
    for pending in case.hearings:
        if pending.status is HearingStatus.SCHEDULED:
            pending.status, pending.cancel_reason = HEARINGS.step(pending.status, "cancel").target, reason
            case.end_deadline(notice_key(pending.id), DeadlineStatus.CANCELLED)


def serve_notice(
    case: Case,
    *,
    hearing_id: str,
    party_id: str,
    method: ServiceMethod,
    served_on: dt.date,
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    noticed = scheduled_by_id(case, hearing_id, "serve_notice")
    record_service(
        case,
        document=DocumentKind.HEARING_NOTICE,
        party_id=party_id,
        method=method,
        served_on=served_on,
        dispatched_on=None,
        reference=None,
        related_id=hearing_id,
        by=by,
        at=at,
    )
    hearing_day = case.day_of(noticed.starts_at)
    if not timely(served_on, hearing_day, rules) and not noticed.short_notice_reason:
        case.record(
            CaseEvent.HEARING_NOTICE_LATE,
            by=by,
            at=at,
            basis=[ART14],
            details={"party_id": party_id},
            advisories=[
                Advisory(
                    "hearing_notice_late",
                    f"{party_id} received the notice later than {minimum_working_days(rules)} WD "
                    "before the hearing",
                    f"{party_id} 收到口头审理通知晚于审理前{minimum_working_days(rules)}个工作日",
                )
            ],
        )
    served = {
        s.party_id
        for s in case.services
        if s.document is DocumentKind.HEARING_NOTICE and s.related_id == hearing_id
    }
    if all(p.party_id in served for p in case.parties):
        case.meet_deadline(notice_key(hearing_id), served_on)


def scheduled_by_id(case: Case, hearing_id: str, step: str) -> Hearing:
    """The case's scheduled hearing ``hearing_id``, if its table allows ``step`` on it now."""
    found = hearing(case, hearing_id)
    guarded(HEARINGS, found.status, step, _not_scheduled)
    if case.state is not CaseState.HEARING_SCHEDULED:
        raise _not_scheduled()
    return found


def _not_scheduled() -> Exception:
    return rule_violated(
        "hearing_id",
        "not_scheduled",
        "That hearing is not the scheduled one",
        "该口头审理不是当前已安排的审理",
    )


def _check_plan(
    case: Case, plan: HearingPlan, conflicts: Sequence[Booking], at: dt.datetime, rules: CaseRules
) -> list[Advisory]:
    if plan.ends_at <= plan.starts_at or plan.starts_at <= at:
        raise rule_violated(
            "starts_at",
            "bad_time",
            "A hearing starts in the future and ends after it starts",
            "审理时间应晚于当前时间，且结束时间晚于开始时间",
        )
    people = [participant(case, pid) for pid in plan.participant_ids]
    if inactive := [p.name for p in people if not p.active or p.challenged]:
        raise rule_violated(
            "participant_ids",
            "not_available",
            f"Not available (released, or a recusal request is pending): {', '.join(inactive)}",
            f"以下人员不能参加（已退出或回避申请待决）：{'、'.join(inactive)}",
        )
    if not any(p.role in DECIDING_ROLES for p in people):
        raise rule_violated(
            "participant_ids",
            "no_panel",
            "A hearing needs the case's handlers or panel",
            "口头审理须有承办人或合议组成员参加",
        )
    if conflicts:
        described = "; ".join(f"{c.resource} ({c.case_no}, {c.starts_at:%Y-%m-%d %H:%M})" for c in conflicts)
        raise HearingConflict(f"Already booked at that time: {described}", f"该时段已被占用：{described}")
    return notice_advisories(case, plan, at, rules)


def _plan_details(booked: Hearing) -> dict[str, object]:
    return {
        "hearing_id": booked.id,
        "room": booked.room.name,
        "mode": booked.room.mode.value,
        "starts_at": booked.starts_at,
        "ends_at": booked.ends_at,
        "joint_with_invalidation": booked.joint_with_invalidation,
    }
