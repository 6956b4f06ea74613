"""Request bodies of the case steps. Each turns into one command (``to_command``).

Every model forbids unknown fields: a decision body carrying ``damages_awarded`` is refused, because
the office cannot award damages (专利法 art. 65; they exist only as a mediated amount).
Dates of legal facts (service, receipt, filing) are the dates they happened; they default to today
only where the step is the office's own act.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from adjudication.domain import commands as c
from adjudication.domain.acceptance import AcceptanceChecklist, Jurisdiction, JurisdictionBasis
from adjudication.domain.case_clock import PauseReason
from adjudication.domain.decision import DecisionDraft, InfringingAct, Outcome, StopMeasure, StopOrder
from adjudication.domain.delivery import DocumentKind, EvidenceIn, ServiceMethod
from adjudication.domain.drug_linkage import DeclarationType, LinkageRequest
from adjudication.domain.enforcement import EnforcementApplication
from adjudication.domain.hearings import Attendance, HearingMode
from adjudication.domain.litigation import JudgmentResult
from adjudication.domain.participants import RecusalResult
from adjudication.domain.procedure import Procedure, SimpleAssessment
from adjudication.domain.rules import ParticipantRole
from adjudication.domain.suspension import Attachment, RefusalGround, SuspensionApplication, SuspensionReason

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Sha256 = Annotated[str, StringConstraints(strip_whitespace=True, to_lower=True, pattern=r"^[0-9a-fA-F]{64}$")]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ------------------------------------------------------------------ acceptance


class CorrectionIn(Body):
    items: list[Short] = Field(min_length=1, examples=[["专利登记簿副本", "营业执照复印件"]])
    respond_by: dt.date
    note: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RequestCorrection:
        return c.RequestCorrection(
            case_id=case_id, by=by, items=tuple(self.items), respond_by=self.respond_by, note=self.note
        )


class SupplementIn(Body):
    note: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.SupplementMaterials:
        return c.SupplementMaterials(case_id=case_id, by=by, note=self.note)


class JurisdictionIn(Body):
    basis: JurisdictionBasis
    region_code: Annotated[str, StringConstraints(pattern=r"^\d{6}$")] | None = Field(
        default=None, examples=["330106"]
    )
    designation_ref: str | None = None
    significance_grounds: list[Short] = []
    local_certificate_no: str | None = None

    def to_domain(self) -> Jurisdiction:
        return Jurisdiction(
            basis=self.basis,
            region_code=self.region_code,
            designation_ref=self.designation_ref,
            significance_grounds=tuple(self.significance_grounds),
            local_certificate_no=self.local_certificate_no,
        )


class ChecklistIn(Body):
    requester_entitled: bool
    respondent_identified: bool
    claims_specific: bool
    patent_valid: bool

    def to_domain(self) -> AcceptanceChecklist:
        return AcceptanceChecklist(**self.model_dump())


class DocketIn(Body):
    approved_by: Short = Field(description="Who approved acceptance for the office", examples=["王处长"])
    jurisdiction: JurisdictionIn
    checklist: ChecklistIn
    docketed_on: dt.date | None = Field(default=None, description="Today unless recorded after the fact")

    def to_command(self, case_id: uuid.UUID, by: str) -> c.DocketCase:
        return c.DocketCase(
            case_id=case_id,
            by=by,
            approved_by=self.approved_by,
            jurisdiction=self.jurisdiction.to_domain(),
            checklist=self.checklist.to_domain(),
            docketed_on=self.docketed_on,
        )


class RefusalIn(Body):
    reasons: list[Text] = Field(min_length=1)

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RefuseCase:
        return c.RefuseCase(case_id=case_id, by=by, reasons=tuple(self.reasons))


class AssessmentIn(Body):
    facts_clear: bool
    rights_and_duties_clear: bool
    evidence_sufficient: bool
    ownership_undisputed: bool
    evaluation_report_clean: bool | None = None


class ProcedureIn(Body):
    procedure: Procedure
    assessment: AssessmentIn | None = None
    major_case_grounds: list[Short] = []
    reason: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ChangeProcedure:
        assessment = SimpleAssessment(**self.assessment.model_dump()) if self.assessment else None
        return c.ChangeProcedure(
            case_id=case_id,
            by=by,
            procedure=self.procedure,
            assessment=assessment,
            major_case_grounds=tuple(self.major_case_grounds),
            reason=self.reason,
        )


# ------------------------------------------------------------------ service, answers, evidence


class EvidenceItemIn(Body):
    file_name: Short
    media_type: Short = Field(examples=["application/pdf"])
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
    evidence: list[EvidenceItemIn] = []

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


class EvidenceVerification(BaseModel):
    evidence_id: str
    sha256: str
    matches: bool


# ------------------------------------------------------------------ participants and recusal


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


# ------------------------------------------------------------------ hearings


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


# ------------------------------------------------------------------ suspension and the clock


class SuspensionRequestIn(Body):
    reason: SuspensionReason
    requested_by: str | None = Field(
        default=None, description="The party asking (respondent for invalidation)"
    )
    filed_on: dt.date
    invalidation_case_no: str | None = None
    invalidation_accepted_on: dt.date | None = None
    attachments: list[Attachment] = []
    court_ruling_no: str | None = None
    note: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RequestSuspension:
        fields = self.model_dump()
        fields["attachments"] = tuple(self.attachments)
        return c.RequestSuspension(case_id=case_id, by=by, application=SuspensionApplication(**fields))


class SuspensionDecisionIn(Body):
    grant: bool
    refusal_grounds: list[RefusalGround] = []
    reasons: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str, request_id: str) -> c.DecideSuspension:
        return c.DecideSuspension(
            case_id=case_id,
            by=by,
            request_id=request_id,
            grant=self.grant,
            refusal_grounds=tuple(self.refusal_grounds),
            reasons=self.reasons,
        )


class ResumptionIn(Body):
    reason: Text

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ResumeCase:
        return c.ResumeCase(case_id=case_id, by=by, reason=self.reason)


class PauseIn(Body):
    reason: PauseReason = Field(description="appraisal or publication")
    reference: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.StartClockPause:
        return c.StartClockPause(case_id=case_id, by=by, reason=self.reason, reference=self.reference)


class ExtensionIn(Body):
    approved_by: Short
    reason: Text

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ExtendTimeLimit:
        return c.ExtendTimeLimit(case_id=case_id, by=by, approved_by=self.approved_by, reason=self.reason)


# ------------------------------------------------------------------ mediation and endings


class MediationIn(Body):
    consented_on: dt.date
    damages_mediation: bool = Field(description="The parties want the amount of damages mediated")
    summary: Text

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ReferToMediation:
        return c.ReferToMediation(case_id=case_id, by=by, **self.model_dump())


class WithdrawalIn(Body):
    reason: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.WithdrawRequest:
        return c.WithdrawRequest(case_id=case_id, by=by, reason=self.reason)


class DismissalIn(Body):
    reasons: list[Text] = Field(min_length=1)

    def to_command(self, case_id: uuid.UUID, by: str) -> c.DismissCase:
        return c.DismissCase(case_id=case_id, by=by, reasons=tuple(self.reasons))


class ClosureIn(Body):
    note: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.CloseCase:
        return c.CloseCase(case_id=case_id, by=by, note=self.note)


# ------------------------------------------------------------------ decision and after


class StopOrderIn(Body):
    acts: list[InfringingAct] = Field(min_length=1)
    products: list[Short] = Field(min_length=1, examples=[["型号 X1 电动牙刷"]])
    measures: list[StopMeasure] = []
    listings: list[Short] = []
    scope_note: str | None = None

    def to_domain(self) -> StopOrder:
        return StopOrder(
            acts=tuple(self.acts),
            products=tuple(self.products),
            measures=tuple(self.measures),
            listings=tuple(self.listings),
            scope_note=self.scope_note,
        )


class DecisionIn(Body):
    outcome: Outcome = Field(description="INFRINGEMENT_ESTABLISHED or REQUEST_REJECTED")
    requester_statement: Text
    respondent_statement: Text
    findings: Text
    reasons: Text
    legal_provisions: list[Short] = Field(default=["《中华人民共和国专利法》第六十五条"])
    stop_order: StopOrderIn | None = None
    approved_by: Short = Field(description="The office head who approved the decision")
    decided_on: dt.date | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.DecideCase:
        draft = DecisionDraft(
            outcome=self.outcome,
            requester_statement=self.requester_statement,
            respondent_statement=self.respondent_statement,
            findings=self.findings,
            reasons=self.reasons,
            legal_provisions=tuple(self.legal_provisions),
            stop_order=self.stop_order.to_domain() if self.stop_order else None,
            approved_by=self.approved_by,
            decided_on=self.decided_on,
        )
        return c.DecideCase(case_id=case_id, by=by, draft=draft)


class DecisionServiceIn(Body):
    party_id: Short
    method: ServiceMethod
    served_on: dt.date = Field(description="The party's receipt: its 15-day window to sue runs from here")

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ServeDecision:
        return c.ServeDecision(case_id=case_id, by=by, **self.model_dump())


class AdminSuitIn(Body):
    court_code: Short
    court_case_no: Short
    plaintiff: Short = Field(description="The suing party's name or party id")
    filed_on: dt.date
    decision_no: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RecordAdminSuit:
        return c.RecordAdminSuit(case_id=case_id, by=by, **self.model_dump())


class JudgmentIn(Body):
    court_code: Short
    court_case_no: Short
    result: JudgmentResult
    judgment_no: Short
    effective_on: dt.date
    decision_no: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RecordJudgment:
        return c.RecordJudgment(case_id=case_id, by=by, **self.model_dump())


class RedecisionIn(Body):
    reason: Text

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ReopenAfterRevocation:
        return c.ReopenAfterRevocation(case_id=case_id, by=by, reason=self.reason)


class ComplianceCheckIn(Body):
    checked_on: dt.date
    complied: bool
    findings: Text
    inspector: Short

    def to_command(self, case_id: uuid.UUID, by: str) -> c.CheckCompliance:
        return c.CheckCompliance(case_id=case_id, by=by, **self.model_dump())


class DemandIn(Body):
    served_on: dt.date
    method: ServiceMethod

    def to_command(self, case_id: uuid.UUID, by: str) -> c.SendEnforcementDemand:
        return c.SendEnforcementDemand(case_id=case_id, by=by, served_on=self.served_on, method=self.method)


class EnforcementApplicationIn(Body):
    court_code: Short
    court_name: Short = Field(examples=["杭州市西湖区人民法院"])
    application_no: Short
    applied_on: dt.date
    object_of_enforcement: list[Short] = Field(min_length=1)
    facts_and_reasons: Text
    late_reason: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.ApplyForEnforcement:
        fields = self.model_dump()
        fields["object_of_enforcement"] = tuple(self.object_of_enforcement)
        return c.ApplyForEnforcement(case_id=case_id, by=by, application=EnforcementApplication(**fields))


class EnforcementRulingIn(Body):
    court_code: Short
    ruling_no: Short
    granted: bool
    ruled_on: dt.date
    reasons: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RecordEnforcementRuling:
        return c.RecordEnforcementRuling(case_id=case_id, by=by, **self.model_dump())


class EnforcementReviewIn(Body):
    court_name: Short
    filed_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str) -> c.SeekEnforcementReview:
        return c.SeekEnforcementReview(
            case_id=case_id, by=by, court_name=self.court_name, filed_on=self.filed_on
        )


class DrugLinkageIn(Body):
    drug_name: Short
    marketing_application_no: Short
    generic_applicant: Short
    declaration_type: DeclarationType
    cde_published_on: dt.date
    chemical_generic: bool

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RegisterDrugLinkage:
        return c.RegisterDrugLinkage(case_id=case_id, by=by, request=LinkageRequest(**self.model_dump()))


class CdeNoticeIn(Body):
    notified_on: dt.date

    def to_command(self, case_id: uuid.UUID, by: str) -> c.RecordCdeNotice:
        return c.RecordCdeNotice(case_id=case_id, by=by, notified_on=self.notified_on)


class RoomIn(Body):
    name: Short = Field(examples=["第一审理庭"])
    mode: HearingMode
    location: Short = Field(examples=["知识产权局三楼 301", "https://meet.example.cn/room/1"])

    def to_command(self) -> c.AddHearingRoom:
        return c.AddHearingRoom(name=self.name, mode=self.mode, location=self.location)
