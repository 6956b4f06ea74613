"""Commands of the decision and after: service, litigation, enforcement; drug linkage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from adjudication.domain.case.parts.decision import DecisionDraft
from adjudication.domain.case.parts.drug_linkage import LinkageRequest
from adjudication.domain.case.parts.enforcement import EnforcementApplication
from adjudication.domain.case.parts.litigation import JudgmentResult
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.commands.base import CaseCommand


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


@dataclass(frozen=True, slots=True, kw_only=True)
class RegisterDrugLinkage(CaseCommand):
    request: LinkageRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordCdeNotice(CaseCommand):
    notified_on: dt.date
