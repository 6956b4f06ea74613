"""Request bodies of the decision and after: decision, service, court acts, enforcement, drug linkage."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import AfterValidator, Field

from adjudication.domain.case.parts.decision import (
    DecisionDraft,
    InfringingAct,
    Outcome,
    StopMeasure,
    StopOrder,
)
from adjudication.domain.case.parts.drug_linkage import DeclarationType, LinkageRequest
from adjudication.domain.case.parts.enforcement import EnforcementApplication
from adjudication.domain.case.parts.litigation import JudgmentResult
from adjudication.domain.case.parts.service import ServiceMethod
from adjudication.domain.commands import after_decision as c
from adjudication.entrypoints.schemas.base import Body, DocumentRef, Short, Text
from adjudication.entrypoints.schemas.routed_complaint import without_full_id


class StopOrderIn(Body):
    acts: list[InfringingAct] = Field(min_length=1)
    products: list[Short] = Field(min_length=1, examples=[["型号 X1 电动牙刷"]])
    measures: list[StopMeasure] = Field(default_factory=list)
    listings: list[Short] = Field(default_factory=list)
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
    outcome: Outcome = Field(
        description="INFRINGEMENT_ESTABLISHED or REQUEST_REJECTED; on a drug-linkage case (CNIPA) "
        "WITHIN_PROTECTION_SCOPE or OUTSIDE_PROTECTION_SCOPE, with no stop order (专利法 art. 76)"
    )
    requester_statement: Text
    respondent_statement: Text
    findings: Text
    reasons: Text
    legal_provisions: list[Short] = Field(default=["《中华人民共和国专利法》第六十五条"])
    stop_order: StopOrderIn | None = None
    decided_on: dt.date | None = Field(
        default=None, description="Between docketing and today (and after any hearing); today by default"
    )

    def to_command(self, case_id: uuid.UUID, by: str) -> c.DecideCase:
        draft = DecisionDraft(
            outcome=self.outcome,
            requester_statement=self.requester_statement,
            respondent_statement=self.respondent_statement,
            findings=self.findings,
            reasons=self.reasons,
            legal_provisions=tuple(self.legal_provisions),
            stop_order=self.stop_order.to_domain() if self.stop_order else None,
            approved_by="",  # the office head who approves it (POST .../decision/approval)
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
    court_code: Short | None = Field(
        default=None,
        description="A court's own code (its token's; another is refused); a clerk names the court",
    )
    document_ref: DocumentRef | None = Field(
        default=None, description="The court document a clerk cites (required for a clerk)"
    )
    court_case_no: Short
    plaintiff: Annotated[Short, AfterValidator(without_full_id)] = Field(
        description="The suing party's name or party id (an ID number in it is masked)"
    )
    filed_on: dt.date
    decision_no: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str, court_code: str) -> c.RecordAdminSuit:
        return c.RecordAdminSuit(case_id=case_id, by=by, **self.model_dump() | {"court_code": court_code})


class JudgmentIn(Body):
    court_code: Short | None = Field(
        default=None,
        description="A court's own code (its token's; another is refused); a clerk names the court",
    )
    document_ref: DocumentRef | None = Field(
        default=None, description="The court document a clerk cites (required for a clerk)"
    )
    court_case_no: Short
    result: JudgmentResult
    judgment_no: Short
    effective_on: dt.date
    decision_no: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str, court_code: str) -> c.RecordJudgment:
        return c.RecordJudgment(case_id=case_id, by=by, **self.model_dump() | {"court_code": court_code})


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
    court_code: Short | None = Field(
        default=None,
        description="A court's own code (its token's; another is refused); a clerk names the court",
    )
    document_ref: DocumentRef | None = Field(
        default=None, description="The court document a clerk cites (required for a clerk)"
    )
    ruling_no: Short
    granted: bool
    ruled_on: dt.date
    reasons: str | None = None

    def to_command(self, case_id: uuid.UUID, by: str, court_code: str) -> c.RecordEnforcementRuling:
        return c.RecordEnforcementRuling(
            case_id=case_id, by=by, **self.model_dump() | {"court_code": court_code}
        )


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
