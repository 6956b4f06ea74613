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

from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.hearings import (
    HEARINGS,
    Booking,
    Hearing,
    HearingPlan,
    HearingStatus,
    RoomRef,
)
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod, new_id
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps.delivery import record_service
from adjudication.domain.case.steps.hearing_notice import (
    minimum_working_days,
    notice_advisories,
    notice_key,
    start_notice_deadline,
    timely,
)
from adjudication.domain.case.steps.participants import participant
from adjudication.domain.errors import HearingConflict, RecordNotFound, not_before, rule_violated
from adjudication.domain.events import CaseEvent
from adjudication.domain.values.legal import ART14
from adjudication.domain.values.rules import DECIDING_ROLES, CaseRules
from adjudication.domain.values.status import guarded
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineStatus
from shared.domain.events import Advisory


def hearing(case: Case, hearing_id: str) -> Hearing:
    for candidate in case.hearings:
        if candidate.id == hearing_id:
            return candidate
    raise RecordNotFound(f"No hearing {hearing_id} in the case", f"本案没有口头审理 {hearing_id}")


def scheduled_hearing(case: Case) -> Hearing | None:
    return next((h for h in case.hearings if h.status is HearingStatus.SCHEDULED), None)


def persons_for(case: Case, participant_ids: Sequence[str]) -> tuple[str, ...]:
    return tuple(participant(case, pid).person_id for pid in participant_ids)


def plan_hearing(
    case: Case,
    *,
    hearing_id: str | None,
    room: RoomRef,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    participant_ids: Sequence[str],
    joint_with_invalidation: bool = False,
    invalidation_case_no: str | None = None,
    short_notice_reason: str | None = None,
    conflicts: Sequence[Booking],
    by: Actor,
    at: dt.datetime,
    rules: CaseRules,
) -> None:
    """Schedule a hearing, or (``hearing_id``) move the scheduled one; ``conflicts`` are other bookings."""
    plan = HearingPlan(
        room=room,
        starts_at=starts_at,
        ends_at=ends_at,
        participant_ids=tuple(participant_ids),
        joint_with_invalidation=joint_with_invalidation,
        invalidation_case_no=invalidation_case_no,
        short_notice_reason=short_notice_reason,
    )
    if hearing_id is None:
        schedule(case, plan=plan, conflicts=conflicts, by=by, at=at, rules=rules)
    else:
        reschedule(case, hearing_id=hearing_id, plan=plan, conflicts=conflicts, by=by, at=at, rules=rules)


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
    if case.docket is not None:
        not_before(
            "starts_at", case.day_of(plan.starts_at), case.docket.docketed_on, "the docketing", "立案日期"
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
