"""Request bodies of acceptance: correction, docketing with jurisdiction and conditions, refusal, track."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Annotated

from pydantic import Field, StringConstraints

from adjudication.domain.case.parts.acceptance import AcceptanceChecklist
from adjudication.domain.case.parts.jurisdiction import Jurisdiction, JurisdictionBasis
from adjudication.domain.case.parts.procedure import Procedure, SimpleAssessment
from adjudication.domain.commands import acceptance as c
from adjudication.entrypoints.schemas.base import Body, Short, Text


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
    significance_grounds: list[Short] = Field(default_factory=list)
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
    """Proposed by the office's staff or the panel; docketed when the office head approves it."""

    jurisdiction: JurisdictionIn
    checklist: ChecklistIn
    docketed_on: dt.date | None = Field(default=None, description="Today unless recorded after the fact")

    def to_command(self, case_id: uuid.UUID, by: str) -> c.DocketCase:
        return c.DocketCase(
            case_id=case_id,
            by=by,
            approved_by="",  # the office head who approves it (POST .../docket/approval)
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
    major_case_grounds: list[Short] = Field(default_factory=list)
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
