"""Commands of the decision and after: service, litigation, enforcement; drug linkage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from adjudication.domain.case.parts.decision import DecisionDraft
from adjudication.domain.case.parts.drug_linkage import LinkageRequest
from adjudication.domain.case.parts.enforcement import EnforcementApplication
from adjudication.domain.case.parts.litigation import JudgmentResult
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.case.steps import decision, drug_linkage, enforcement, litigation
from adjudication.domain.commands.base import CaseCommand, OnBehalf, Step, Who
from adjudication.domain.values.actors import ActorKind

COURT = OnBehalf(named_by="court_code")  # the court acts; a clerk or its event records it


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideCase(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(decision.decide, transitions=("decide",), supplied=("decision_no",))
    draft: DecisionDraft


@dataclass(frozen=True, slots=True, kw_only=True)
class ServeDecision(CaseCommand):
    STEP = Step(litigation.serve_decision, transitions=("serve_decision",))
    party_id: str
    method: ServiceMethod
    served_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordAdminSuit(CaseCommand):
    WHO = Who.COURT
    STEP = Step(litigation.record_suit, transitions=("record_admin_suit",), acting=COURT)
    court_code: str
    court_case_no: str
    plaintiff: str
    filed_on: dt.date
    decision_no: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordJudgment(CaseCommand):
    WHO = Who.COURT
    STEP = Step(
        litigation.record_judgment,
        transitions=("uphold", "revoke"),
        acting=COURT,
        context=("court_code", "court_case_no"),  # the court, and its case: the suit on file
    )
    court_code: str
    court_case_no: str
    result: JudgmentResult
    judgment_no: str
    effective_on: dt.date
    decision_no: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ReopenAfterRevocation(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(litigation.reopen_after_revocation, transitions=("reopen_after_revocation",))
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckCompliance(CaseCommand):
    STEP = Step(enforcement.check_compliance, transitions=("verify_compliance",))
    checked_on: dt.date
    complied: bool
    findings: str
    inspector: str


@dataclass(frozen=True, slots=True, kw_only=True)
class SendEnforcementDemand(CaseCommand):
    STEP = Step(enforcement.send_demand, transitions=("send_enforcement_demand",))
    served_on: dt.date
    method: ServiceMethod


@dataclass(frozen=True, slots=True, kw_only=True)
class ApplyForEnforcement(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(enforcement.apply_to_court, transitions=("apply_for_enforcement",))
    application: EnforcementApplication


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordEnforcementRuling(CaseCommand):
    WHO = Who.COURT
    STEP = Step(enforcement.record_ruling, transitions=("close_on_enforcement_granted",), acting=COURT)
    court_code: str
    ruling_no: str
    granted: bool
    ruled_on: dt.date
    reasons: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SeekEnforcementReview(CaseCommand):
    WHO = Who.PANEL
    STEP = Step(enforcement.seek_review, actor=ActorKind.OFFICE_HEAD)
    court_name: str
    filed_on: dt.date


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterDrugLinkage(CaseCommand):
    STEP = Step(drug_linkage.register, actor=ActorKind.HANDLER)
    request: LinkageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordCdeNotice(CaseCommand):
    STEP = Step(drug_linkage.record_cde_notice, actor=ActorKind.HANDLER)
    notified_on: dt.date
