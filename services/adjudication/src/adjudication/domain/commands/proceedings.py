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
from adjudication.domain.commands.base import CaseCommand
from adjudication.domain.values.rules import ParticipantRole


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeRequestCopy(CaseCommand):
    party_id: str
    method: ServiceMethod
    served_on: dt.date
    dispatched_on: dt.date | None = None
    reference: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordAnswer(CaseCommand):
    party_id: str
    received_on: dt.date
    summary: str
    evidence: tuple[EvidenceIn, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SubmitEvidence(CaseCommand):
    party_id: str
    items: tuple[EvidenceIn, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ExchangeEvidence(CaseCommand):
    evidence_ids: tuple[str, ...]
    party_id: str
    method: ServiceMethod
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordService(CaseCommand):
    document: DocumentKind
    party_id: str
    method: ServiceMethod
    served_on: dt.date
    dispatched_on: dt.date | None = None
    reference: str | None = None
    related_id: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AssignParticipant(CaseCommand):
    person_id: str
    name: str
    role: ParticipantRole


@dataclass(frozen=True, slots=True, kw_only=True)
class ReleaseParticipant(CaseCommand):
    participant_id: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class DiscloseParticipants(CaseCommand):
    participant_ids: tuple[str, ...]
    method: ServiceMethod
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestRecusal(CaseCommand):
    applicant_party_id: str
    participant_id: str
    ground: str
    filed_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideRecusal(CaseCommand):
    recusal_id: str
    result: RecusalResult
    reasons: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestRecusalReconsideration(CaseCommand):
    recusal_id: str
    filed_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideRecusalReconsideration(CaseCommand):
    recusal_id: str
    result: RecusalResult


@dataclass(frozen=True, slots=True, kw_only=True)
class AddHearingRoom:
    name: str
    mode: HearingMode
    location: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleHearing(CaseCommand):
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
    hearing_id: str
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeHearingNotice(CaseCommand):
    hearing_id: str
    party_id: str
    method: ServiceMethod
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordHearing(CaseCommand):
    hearing_id: str
    attendance: Mapping[str, Attendance]
    summary: str
    signed_on: dt.date
    signed_by: tuple[str, ...]
