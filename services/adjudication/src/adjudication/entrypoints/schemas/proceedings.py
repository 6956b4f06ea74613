"""Request bodies of the proceedings: service, answers, evidence, participants, recusal, hearings, rooms."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, Field
from pydantic_core import PydanticCustomError

from adjudication.domain.case.parts.evidence import EvidenceIn
from adjudication.domain.case.parts.hearings import Attendance, HearingMode
from adjudication.domain.case.parts.recusal import RecusalResult
from adjudication.domain.case.parts.service import DocumentKind, ServiceMethod
from adjudication.domain.commands import proceedings as c
from adjudication.domain.values.rules import ParticipantRole
from adjudication.entrypoints.schemas.base import Body, Sha256, Short, Text
from shared.files import EVIDENCE_TYPES, safe_filename


def _evidence_type(value: str) -> str:
    media_type = value.strip().lower()
    if media_type not in EVIDENCE_TYPES:
        raise PydanticCustomError(
            "media_type_not_allowed",
            "Evidence may be {allowed}",
            {"allowed": ", ".join(sorted(EVIDENCE_TYPES))},
        )
    return media_type


class EvidenceItemIn(Body):
    """What a party handed in (the file itself stays with the office's records; copies are checked
    against its SHA-256). The name is kept as a safe base name; the type must be one evidence may be."""

    file_name: Annotated[Short, AfterValidator(lambda name: safe_filename(name, fallback="evidence"))]
    media_type: Annotated[Short, AfterValidator(_evidence_type)] = Field(examples=["application/pdf"])
    size_bytes: int = Field(ge=0)
    sha256: Sha256
    description: str | None = None
    notarisation_ref: str | None = None

    def to_domain(self) -> EvidenceIn:
        return EvidenceIn(**self.model_dump())


class RequestCopyServiceIn(Body):
    party_id: Short = Field(examples=["respondent-1"])
    method: ServiceMethod
    served_on: dt.date = Field(description="The respondent's receipt: the answer period runs from here")
    dispatched_on: dt.date | None = None
    reference: str | None = Field(default=None, description="Postal tracking no. or e-service receipt")

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ServeRequestCopy:
        return c.ServeRequestCopy(case_id=case_id, by=by, **self.model_dump())


class AnswerIn(Body):
    party_id: Short = Field(examples=["respondent-1"])
    received_on: dt.date
    summary: Text
    evidence: list[EvidenceItemIn] = Field(default_factory=list)

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RecordAnswer:
        return c.RecordAnswer(
            case_id=case_id,
            by=by,
            party_id=self.party_id,
            received_on=self.received_on,
            summary=self.summary,
            evidence=tuple(e.to_domain() for e in self.evidence),
        )


class EvidenceSubmissionIn(Body):
    party_id: Short
    items: list[EvidenceItemIn] = Field(min_length=1)

    def to_command(self, case_id: uuid.UUID, by: str) -> c.SubmitEvidence:
        return c.SubmitEvidence(
            case_id=case_id, by=by, party_id=self.party_id, items=tuple(i.to_domain() for i in self.items)
        )


class EvidenceExchangeIn(Body):
    evidence_ids: list[Short] = Field(min_length=1)
    party_id: Short = Field(description="The party receiving the copies")
    method: ServiceMethod
    served_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ExchangeEvidence:
        return c.ExchangeEvidence(
            case_id=case_id,
            by=by,
            evidence_ids=tuple(self.evidence_ids),
            party_id=self.party_id,
            method=self.method,
            served_on=self.served_on,
        )


class ServiceIn(Body):
    document: DocumentKind
    party_id: Short
    method: ServiceMethod
    served_on: dt.date
    dispatched_on: dt.date | None = None
    reference: str | None = None
    related_id: str | None = Field(default=None, description="e.g. the respondent whose answer copy this is")

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RecordService:
        return c.RecordService(case_id=case_id, by=by, **self.model_dump())


class ParticipantIn(Body):
    person_id: Short = Field(examples=["staff-0042"])
    name: Short = Field(examples=["李审理员"])
    role: ParticipantRole

    def to_command(self, case_id: uuid.UUID, by: str) -> c.AssignParticipant:
        return c.AssignParticipant(case_id=case_id, by=by, **self.model_dump())


class ReleaseIn(Body):
    reason: Text

    def to_command(self, case_id: uuid.UUID, by: str, participant_id: str) -> c.ReleaseParticipant:
        return c.ReleaseParticipant(case_id=case_id, by=by, participant_id=participant_id, reason=self.reason)


class DisclosureIn(Body):
    participant_ids: list[Short] = Field(min_length=1)
    method: ServiceMethod
    served_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str) -> c.DiscloseParticipants:
        return c.DiscloseParticipants(
            case_id=case_id,
            by=by,
            participant_ids=tuple(self.participant_ids),
            method=self.method,
            served_on=self.served_on,
        )


class RecusalIn(Body):
    applicant_party_id: Short
    participant_id: Short
    ground: Text
    filed_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RequestRecusal:
        return c.RequestRecusal(case_id=case_id, by=by, **self.model_dump())


class RecusalDecisionIn(Body):
    result: RecusalResult
    reasons: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str, recusal_id: str) -> c.DecideRecusal:
        return c.DecideRecusal(
            case_id=case_id, by=by, recusal_id=recusal_id, result=self.result, reasons=self.reasons
        )


class ReconsiderationIn(Body):
    filed_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str, recusal_id: str) -> c.RequestRecusalReconsideration:
        return c.RequestRecusalReconsideration(
            case_id=case_id, by=by, recusal_id=recusal_id, filed_on=self.filed_on
        )


class ReconsiderationDecisionIn(Body):
    result: RecusalResult

    def to_command(self, case_id: uuid.UUID, by: str, recusal_id: str) -> c.DecideRecusalReconsideration:
        return c.DecideRecusalReconsideration(
            case_id=case_id, by=by, recusal_id=recusal_id, result=self.result
        )


class HearingIn(Body):
    room_id: uuid.UUID
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    participant_ids: list[Short] = Field(min_length=1, description="Case participants taking part")
    joint_with_invalidation: bool = Field(
        default=False, description="Heard jointly with CNIPA's invalidation"
    )
    invalidation_case_no: str | None = None
    short_notice_reason: str | None = Field(
        default=None, description="Why a notice shorter than the minimum is acceptable (recorded)"
    )

    def to_command(self, case_id: uuid.UUID, by: str, hearing_id: str | None = None) -> c.ScheduleHearing:
        return c.ScheduleHearing(
            case_id=case_id,
            by=by,
            room_id=self.room_id,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            participant_ids=tuple(self.participant_ids),
            joint_with_invalidation=self.joint_with_invalidation,
            invalidation_case_no=self.invalidation_case_no,
            short_notice_reason=self.short_notice_reason,
            hearing_id=hearing_id,
        )


class HearingCancellationIn(Body):
    reason: Text

    def to_command(self, case_id: uuid.UUID, by: str, hearing_id: str) -> c.CancelHearing:
        return c.CancelHearing(case_id=case_id, by=by, hearing_id=hearing_id, reason=self.reason)


class HearingNoticeIn(Body):
    party_id: Short
    method: ServiceMethod
    served_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str, hearing_id: str) -> c.ServeHearingNotice:
        return c.ServeHearingNotice(case_id=case_id, by=by, hearing_id=hearing_id, **self.model_dump())


class HearingRecordIn(Body):
    attendance: dict[str, Attendance] = Field(examples=[{"requester": "present", "respondent-1": "present"}])
    summary: Text
    signed_on: dt.date
    signed_by: list[Short] = Field(min_length=1)

    def to_command(self, case_id: uuid.UUID, by: str, hearing_id: str) -> c.RecordHearing:
        return c.RecordHearing(
            case_id=case_id,
            by=by,
            hearing_id=hearing_id,
            attendance=dict(self.attendance),
            summary=self.summary,
            signed_on=self.signed_on,
            signed_by=tuple(self.signed_by),
        )


class RoomIn(Body):
    name: Short = Field(examples=["第一审理庭"])
    mode: HearingMode
    location: Short = Field(examples=["知识产权局三楼 301", "https://meet.example.cn/room/1"])

    def to_command(self) -> c.AddHearingRoom:
        return c.AddHearingRoom(name=self.name, mode=self.mode, location=self.location)
