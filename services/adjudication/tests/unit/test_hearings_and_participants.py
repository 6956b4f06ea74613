"""Hearings (rooms, people, notice, record, no-show) and participants (disclosure, recusal, stage bars)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from adjudication.domain.case.parts.endings import EndingKind
from adjudication.domain.case.parts.hearings import Attendance, Booking, HearingPlan
from adjudication.domain.case.parts.recusal import RecusalResult
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.case.states import CaseState
from adjudication.domain.case.steps import hearing_record, hearings, litigation, participants, recusal
from adjudication.domain.errors import HearingConflict, RuleViolated
from adjudication.domain.values.rules import ParticipantRole

D = dt.date


def test_a_clash_with_another_hearing_is_refused_naming_it(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    clash = Booking(
        resource="room:room-1",
        case_no="（2026）京知裁字第9号",
        starts_at=builder.moment(D(2026, 3, 31), 10),
        ends_at=builder.moment(D(2026, 3, 31), 11),
    )
    with pytest.raises(HearingConflict, match="第9号"):
        hearings.schedule(
            case,
            plan=_plan(builder, case),
            conflicts=[clash],
            by=builder.panel_actor,
            at=builder.moment(D(2026, 3, 20)),
            rules=builder.rules,
        )
    assert case.state is CaseState.IN_REVIEW


def test_a_notice_shorter_than_three_working_days_is_refused_unless_a_reason_is_recorded(
    builder: Any,
) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    # Hearing Thu 8 Oct 2026: 3 WD back are 30, 29, 28 Sep; notice had to arrive by Sun 27 Sep.
    plan = _plan(builder, case, starts=builder.moment(D(2026, 10, 8), 9))
    with pytest.raises(RuleViolated) as refused:
        hearings.schedule(
            case,
            plan=plan,
            conflicts=(),
            by=builder.panel_actor,
            at=builder.moment(D(2026, 9, 28)),
            rules=builder.rules,
        )
    assert "2026-09-27" in refused.value.message

    from dataclasses import replace

    waived = replace(plan, short_notice_reason="双方当事人书面同意缩短通知期")
    hearings.schedule(
        case,
        plan=waived,
        conflicts=(),
        by=builder.panel_actor,
        at=builder.moment(D(2026, 9, 28)),
        rules=builder.rules,
    )
    assert case.state is CaseState.HEARING_SCHEDULED
    assert [a.code for a in case.events[-1].advisories] == ["short_notice"]


def test_notices_served_on_every_party_meet_the_notice_duty_and_late_ones_are_flagged(builder: Any) -> None:
    case = builder.case_in(CaseState.HEARING_SCHEDULED)
    hearing = hearings.scheduled_hearing(case)
    assert hearing is not None
    assert case.deadlines[f"hearing_notice.{hearing.id}"].due == D(2026, 3, 25)  # 3 WD before Tue 31 Mar
    for party, day in (
        ("requester", D(2026, 3, 23)),
        ("respondent-1", D(2026, 3, 24)),
        ("respondent-2", D(2026, 3, 27)),
    ):
        hearings.serve_notice(
            case,
            hearing_id=hearing.id,
            party_id=party,
            method=ServiceMethod.POST,
            served_on=day,
            by=builder.handler,
            at=builder.moment(day),
            rules=builder.rules,
        )
    assert case.deadlines[f"hearing_notice.{hearing.id}"].status.value == "met"
    late = [e for e in case.events if e.name == "HearingNoticeLate"]
    assert [e.details["party_id"] for e in late] == ["respondent-2"]


def test_a_requester_who_does_not_come_has_withdrawn(builder: Any) -> None:
    case = builder.case_in(CaseState.HEARING_SCHEDULED)
    builder.hold(case, requester=Attendance.LEFT_WITHOUT_LEAVE)
    assert case.state is CaseState.WITHDRAWN
    assert case.ending is not None and case.ending.kind is EndingKind.DEEMED_WITHDRAWN
    assert case.outcome is not None and case.outcome.value == "DEEMED_WITHDRAWN"
    assert not case.open_deadlines()


def test_an_absent_respondent_is_heard_in_absentia(builder: Any) -> None:
    case = builder.case_in(CaseState.HEARING_SCHEDULED)
    hearing = hearings.scheduled_hearing(case)
    assert hearing is not None
    attendance = {
        "requester": Attendance.PRESENT,
        "respondent-1": Attendance.ABSENT_WITHOUT_REASON,
        "respondent-2": Attendance.PRESENT,
    }
    hearing_record.record_hearing(
        case,
        hearing_id=hearing.id,
        attendance=attendance,
        summary="缺席审理",
        signed_on=D(2026, 3, 31),
        signed_by=("李组长",),
        by=builder.panel_actor,
        at=builder.moment(D(2026, 3, 31), 14),
    )
    assert case.state is CaseState.HEARING_HELD
    assert case.events[-1].advisories[0].code == "tried_in_absentia"


def test_an_unsigned_record_does_not_close_the_hearing(builder: Any) -> None:
    case = builder.case_in(CaseState.HEARING_SCHEDULED)
    hearing = hearings.scheduled_hearing(case)
    assert hearing is not None
    attendance = {p.party_id: Attendance.PRESENT for p in case.parties}
    with pytest.raises(RuleViolated, match="signed"):
        hearing_record.record_hearing(
            case,
            hearing_id=hearing.id,
            attendance=attendance,
            summary="x",
            signed_on=D(2026, 3, 31),
            signed_by=(),
            by=builder.panel_actor,
            at=builder.moment(D(2026, 3, 31), 14),
        )


def test_assignments_must_be_disclosed_within_three_days(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    ids = [p.id for p in case.participants]
    assert case.deadlines[f"disclosure.{ids[0]}"].due == D(2026, 3, 23)  # Thu 19 + 3 = Sun 22 -> Mon 23
    participants.disclose(
        case,
        participant_ids=ids,
        method=ServiceMethod.ELECTRONIC,
        served_on=D(2026, 3, 20),
        by=builder.handler,
        at=builder.moment(D(2026, 3, 20)),
    )
    assert all(case.deadlines[f"disclosure.{i}"].status.value == "met" for i in ids)
    notices = [s for s in case.services if s.document.value == "participant_notice"]
    assert {s.party_id for s in notices} == {"requester", "respondent-1", "respondent-2"}


def test_recusal_stops_the_person_until_decided_and_a_granted_one_removes_them(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    ids = [p.id for p in case.participants]
    request = recusal.request_recusal(
        case,
        applicant_party_id="respondent-1",
        participant_id=ids[1],
        ground="与请求人存在利害关系",
        filed_on=D(2026, 3, 20),
        by=builder.respondent,
        at=builder.moment(D(2026, 3, 20)),
        rules=builder.rules,
    )
    assert case.deadlines[f"recusal.{request.id}"].due == D(2026, 3, 23)
    with pytest.raises(RuleViolated, match="recusal request is pending"):
        hearings.schedule(
            case,
            plan=_plan(builder, case),
            conflicts=(),
            by=builder.panel_actor,
            at=builder.moment(D(2026, 3, 20)),
            rules=builder.rules,
        )

    recusal.decide_recusal(
        case,
        recusal_id=request.id,
        result=RecusalResult.GRANTED,
        reasons="理由成立",
        by=builder.head,
        at=builder.moment(D(2026, 3, 22)),
    )
    person = participants.participant(case, ids[1])
    assert not person.active and person.release_reason == "recused"
    with pytest.raises(RuleViolated, match="recused"):
        participants.assign(
            case,
            person_id=person.person_id,
            name=person.name,
            role=ParticipantRole.PANEL_MEMBER,
            by=builder.head,
            at=builder.moment(D(2026, 3, 23)),
            rules=builder.rules,
        )


def test_a_rejected_recusal_may_be_reconsidered_once(builder: Any) -> None:
    case = builder.case_in(CaseState.IN_REVIEW)
    ids = [p.id for p in case.participants]
    request = recusal.request_recusal(
        case,
        applicant_party_id="requester",
        participant_id=ids[2],
        ground="x",
        filed_on=D(2026, 3, 20),
        by=builder.requester,
        at=builder.moment(D(2026, 3, 20)),
        rules=builder.rules,
    )
    recusal.decide_recusal(
        case,
        recusal_id=request.id,
        result=RecusalResult.REJECTED,
        reasons="理由不成立",
        by=builder.head,
        at=builder.moment(D(2026, 3, 21)),
    )
    assert not participants.participant(case, ids[2]).challenged  # keeps working during reconsideration
    recusal.request_reconsideration(
        case,
        recusal_id=request.id,
        filed_on=D(2026, 3, 23),
        by=builder.handler,
        at=builder.moment(D(2026, 3, 23)),
        rules=builder.rules,
    )
    recusal.decide_reconsideration(
        case,
        recusal_id=request.id,
        result=RecusalResult.REJECTED,
        by=builder.head,
        at=builder.moment(D(2026, 3, 24)),
    )
    with pytest.raises(RuleViolated, match="Only one reconsideration"):
        recusal.request_reconsideration(
            case,
            recusal_id=request.id,
            filed_on=D(2026, 3, 25),
            by=builder.handler,
            at=builder.moment(D(2026, 3, 25)),
            rules=builder.rules,
        )


def test_a_technical_investigator_serves_in_one_stage_only(builder: Any) -> None:
    case = builder.case_in(CaseState.EFFECTIVE)
    investigator = next(p for p in case.participants if p.role is ParticipantRole.TECHNICAL_INVESTIGATOR)
    participants.release(
        case,
        participant_id=investigator.id,
        reason="审理阶段结束",
        by=builder.head,
        at=builder.moment(D(2026, 5, 8)),
    )
    with pytest.raises(RuleViolated) as barred:
        participants.assign(
            case,
            person_id=investigator.person_id,
            name=investigator.name,
            role=ParticipantRole.CLERK,
            by=builder.head,
            at=builder.moment(D(2026, 5, 8)),
            rules=builder.rules,
        )
    assert barred.value.field_errors[0].code == "barred_by_stage"
    assert "art. 5" in barred.value.message


def test_the_original_deciders_may_not_decide_again_after_revocation(builder: Any) -> None:
    case = builder.case_in(CaseState.REVOKED)
    litigation.reopen_after_revocation(
        case, reason="重新作出", by=builder.panel_actor, at=builder.moment(D(2026, 8, 5)), rules=builder.rules
    )
    presiding = next(p for p in case.participants if p.role is ParticipantRole.PRESIDING)
    assert not presiding.active  # the earlier panel stepped down
    with pytest.raises(RuleViolated, match="redecision"):
        participants.assign(
            case,
            person_id=presiding.person_id,
            name=presiding.name,
            role=ParticipantRole.PRESIDING,
            by=builder.head,
            at=builder.moment(D(2026, 8, 6)),
            rules=builder.rules,
        )
    fresh = participants.assign(
        case,
        person_id="p-9",
        name="孙组长",
        role=ParticipantRole.PRESIDING,
        by=builder.head,
        at=builder.moment(D(2026, 8, 6)),
        rules=builder.rules,
    )
    assert fresh.stage == "redecision"
    assert case.deadlines["close"].start == D(2026, 8, 5)


def _plan(builder: Any, case: Any, starts: dt.datetime | None = None) -> HearingPlan:
    begin = starts or builder.moment(D(2026, 3, 31), 9)
    return HearingPlan(
        room=builder.room,
        starts_at=begin,
        ends_at=begin + dt.timedelta(hours=3),
        participant_ids=tuple(p.id for p in case.participants if p.active),
    )
