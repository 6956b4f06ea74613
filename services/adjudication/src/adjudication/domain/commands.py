"""Commands the adjudication service handles (imperative names). ``by`` is who entered the command.

Routes and consumers build them; handlers turn each into one step on one case in one transaction.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Mapping
from dataclasses import dataclass

from adjudication.domain.acceptance import AcceptanceChecklist, Jurisdiction
from adjudication.domain.case_clock import PauseReason
from adjudication.domain.decision import DecisionDraft
from adjudication.domain.delivery import DocumentKind, EvidenceIn, ServiceMethod
from adjudication.domain.drug_linkage import LinkageRequest
from adjudication.domain.enforcement import EnforcementApplication
from adjudication.domain.hearings import Attendance, HearingMode
from adjudication.domain.litigation import JudgmentResult
from adjudication.domain.mediation import MediationResult
from adjudication.domain.opening import FiledRequest
from adjudication.domain.participants import RecusalResult
from adjudication.domain.procedure import Procedure, SimpleAssessment
from adjudication.domain.rules import ParticipantRole
from adjudication.domain.suspension import RefusalGround, SuspensionApplication


@dataclass(frozen=True, slots=True, kw_only=True)
class CaseCommand:
    case_id: uuid.UUID
    by: str


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenCaseFromComplaint:
    request: FiledRequest


# ------------------------------------------------------------------ acceptance


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestCorrection(CaseCommand):
    items: tuple[str, ...]
    respond_by: dt.date
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplementMaterials(CaseCommand):
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DocketCase(CaseCommand):
    approved_by: str
    jurisdiction: Jurisdiction
    checklist: AcceptanceChecklist
    docketed_on: dt.date | None = None  # today unless recorded after the fact


@dataclass(frozen=True, slots=True, kw_only=True)
class RefuseCase(CaseCommand):
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeProcedure(CaseCommand):
    procedure: Procedure
    assessment: SimpleAssessment | None = None
    major_case_grounds: tuple[str, ...] = ()
    reason: str | None = None


# ------------------------------------------------------------------ service, answers, evidence


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


# ------------------------------------------------------------------ participants and recusal


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


# ------------------------------------------------------------------ hearings


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


# ------------------------------------------------------------------ suspension and the clock


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestSuspension(CaseCommand):
    application: SuspensionApplication


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideSuspension(CaseCommand):
    request_id: str
    grant: bool
    refusal_grounds: tuple[RefusalGround, ...] = ()
    reasons: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtendSuspension(CaseCommand):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class ResumeCase(CaseCommand):
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class StartClockPause(CaseCommand):
    reason: PauseReason
    reference: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class EndClockPause(CaseCommand):
    reason: PauseReason


@dataclass(frozen=True, slots=True, kw_only=True)
class ExtendTimeLimit(CaseCommand):
    approved_by: str
    reason: str


# ------------------------------------------------------------------ mediation and other endings


@dataclass(frozen=True, slots=True, kw_only=True)
class ReferToMediation(CaseCommand):
    consented_on: dt.date
    damages_mediation: bool
    summary: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ConcludeMediation(CaseCommand):
    result: MediationResult


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawRequest(CaseCommand):
    reason: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DismissCase(CaseCommand):
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class CloseCase(CaseCommand):
    note: str | None = None


# ------------------------------------------------------------------ decision and after


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideCase(CaseCommand):
    draft: DecisionDraft


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeDecision(CaseCommand):
    party_id: str
    method: ServiceMethod
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordAdminSuit(CaseCommand):
    court_code: str
    court_case_no: str
    plaintiff: str
    filed_on: dt.date
    decision_no: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordJudgment(CaseCommand):
    court_code: str
    court_case_no: str
    result: JudgmentResult
    judgment_no: str
    effective_on: dt.date
    decision_no: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReopenAfterRevocation(CaseCommand):
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckCompliance(CaseCommand):
    checked_on: dt.date
    complied: bool
    findings: str
    inspector: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SendEnforcementDemand(CaseCommand):
    served_on: dt.date
    method: ServiceMethod


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplyForEnforcement(CaseCommand):
    application: EnforcementApplication


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordEnforcementRuling(CaseCommand):
    court_code: str
    ruling_no: str
    granted: bool
    ruled_on: dt.date
    reasons: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SeekEnforcementReview(CaseCommand):
    court_name: str
    filed_on: dt.date


# ------------------------------------------------------------------ drug linkage and timers


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterDrugLinkage(CaseCommand):
    request: LinkageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordCdeNotice(CaseCommand):
    notified_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class ReachDeadline:
    """A timer fired for one of a case's deadlines (or its due-soon warning)."""

    aggregate_id: str
    deadline: str
    warning: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordForeignDocket:
    """Another office docketed a dispute (from its ``adjudication.case.docketed``)."""

    office_code: str
    case_ref: str
    docket_no: str
    patent_number: str
    requester_key: str
    respondent_keys: tuple[str, ...]
    docketed_at: dt.datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordForeignFinding:
    """Another office's decision finding infringement became effective."""

    event_id: str
    office_code: str
    decision_no: str
    patent_number: str
    subjects: tuple[tuple[str, str], ...]
    effective_on: dt.date
