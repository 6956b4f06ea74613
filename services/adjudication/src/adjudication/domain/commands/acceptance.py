"""Commands of acceptance: opening, correction, docketing, refusal, the procedure track."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from adjudication.domain.case.parts.acceptance import AcceptanceChecklist
from adjudication.domain.case.parts.jurisdiction import Jurisdiction
from adjudication.domain.case.parts.opening import FiledRequest
from adjudication.domain.case.parts.procedure import Procedure, SimpleAssessment
from adjudication.domain.commands.base import CaseCommand


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenCaseFromComplaint:
    request: FiledRequest


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
