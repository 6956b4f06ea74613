"""Commands of the proceedings: service, answers, evidence, participants, recusal, hearings."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from adjudication.domain.case.parts.evidence import EvidenceIn
from adjudication.domain.case.parts.hearings import Attendance, HearingMode
from adjudication.domain.case.parts.recusal import RecusalResult
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod
from adjudication.domain.case.steps import delivery, evidence, hearing_record, hearings, participants, recusal
from adjudication.domain.commands.base import CaseCommand, PartyOfTheCase, Step, Who
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.rules import ParticipantRole


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeRequestCopy(CaseCommand):
    STEP = Step(delivery.serve_request_copy, transitions=("serve_request_copy",))
    party_id: str
    method: ServiceMethod
    served_on: dt.date
    dispatched_on: dt.date | None = None
    reference: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordAnswer(CaseCommand):
    STEP = Step(delivery.record_answer, transitions=("review_after_answers",))
    party_id: str
    received_on: dt.date
    summary: str
    evidence: tuple[EvidenceIn, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmitEvidence(CaseCommand):
    STEP = Step(evidence.submit_evidence, acting=PartyOfTheCase("party_id"))
    party_id: str
    items: tuple[EvidenceIn, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExchangeEvidence(CaseCommand):
    STEP = Step(evidence.exchange_evidence, actor=ActorKind.HANDLER)
    evidence_ids: tuple[str, ...]
    party_id: str
    method: ServiceMethod
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordService(CaseCommand):
    STEP = Step(delivery.record_other_service, actor=ActorKind.HANDLER)
    document: DocumentKind
    party_id: str
    method: ServiceMethod
    served_on: dt.date
    dispatched_on: dt.date | None = None
    reference: str | None = None
    related_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignParticipant(CaseCommand):
    STEP = Step(participants.assign, actor=ActorKind.OFFICE_HEAD)
    person_id: str
    name: str
    role: ParticipantRole


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseParticipant(CaseCommand):
    STEP = Step(participants.release, actor=ActorKind.OFFICE_HEAD)
    participant_id: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DiscloseParticipants(CaseCommand):
    STEP = Step(participants.disclose, actor=ActorKind.HANDLER)
    participant_ids: tuple[str, ...]
    method: ServiceMethod
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestRecusal(CaseCommand):
    STEP = Step(recusal.request_recusal, acting=PartyOfTheCase("applicant_party_id"))
    applicant_party_id: str
    participant_id: str
    ground: str
    filed_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideRecusal(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(recusal.decide_recusal, actor=ActorKind.OFFICE_HEAD)
    recusal_id: str
    result: RecusalResult
    reasons: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestRecusalReconsideration(CaseCommand):
    STEP = Step(recusal.request_reconsideration, actor=ActorKind.HANDLER)
    recusal_id: str
    filed_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideRecusalReconsideration(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(recusal.decide_reconsideration, actor=ActorKind.OFFICE_HEAD)
    recusal_id: str
    result: RecusalResult


@dataclass(frozen=True, slots=True, kw_only=True)
class AddHearingRoom:
    name: str
    mode: HearingMode
    location: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleHearing(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(
        hearings.plan_hearing,
        transitions=("schedule_hearing",),
        supplied=("room", "conflicts"),
        context=("room_id",),  # the handler finds the room and the bookings that clash
    )
    room_id: uuid.UUID
    starts_at: dt.datetime
    ends_at: dt.datetime
    participant_ids: tuple[str, ...]
    joint_with_invalidation: bool = False
    invalidation_case_no: str | None = None
    short_notice_reason: str | None = None
    hearing_id: str | None = None  # set to reschedule that hearing


@dataclass(frozen=True, slots=True, kw_only=True)
class CancelHearing(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(hearings.cancel, transitions=("cancel_hearing",))
    hearing_id: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeHearingNotice(CaseCommand):
    STEP = Step(hearings.serve_notice, actor=ActorKind.HANDLER)
    hearing_id: str
    party_id: str
    method: ServiceMethod
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordHearing(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(hearing_record.record_hearing, transitions=("hold_hearing",))
    hearing_id: str
    attendance: Mapping[str, Attendance]
    summary: str
    signed_on: dt.date
    signed_by: tuple[str, ...]
