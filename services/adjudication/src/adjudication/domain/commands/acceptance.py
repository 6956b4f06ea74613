"""Commands of acceptance: opening, correction, docketing, refusal, the procedure track."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from adjudication.domain.case.parts.acceptance import AcceptanceChecklist
from adjudication.domain.case.parts.jurisdiction import Jurisdiction
from adjudication.domain.case.parts.opening import FiledRequest
from adjudication.domain.case.parts.procedure import Procedure, SimpleAssessment
from adjudication.domain.case.steps import acceptance, procedure
from adjudication.domain.commands.base import CaseCommand, OnBehalf, Step
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.parties import REQUESTER_ID


@dataclass(frozen=True, slots=True, kw_only=True)
class OpenCaseFromComplaint:
    request: FiledRequest


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestCorrection(CaseCommand):
    STEP = Step(acceptance.request_correction, transitions=("request_correction",))
    items: tuple[str, ...]
    respond_by: dt.date
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplementMaterials(CaseCommand):
    STEP = Step(
        acceptance.supplement_materials,
        transitions=("supplement_materials",),
        acting=OnBehalf(REQUESTER_ID),
    )
    note: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class DocketCase(CaseCommand):
    STEP = Step(
        acceptance.docket,
        transitions=("docket",),
        supplied=("docket_no", "sequence", "docketed_on", "accepted_elsewhere"),
    )
    approved_by: str
    jurisdiction: Jurisdiction
    checklist: AcceptanceChecklist
    docketed_on: dt.date | None = None  # today unless recorded after the fact


@dataclass(frozen=True, slots=True, kw_only=True)
class RefuseCase(CaseCommand):
    STEP = Step(acceptance.refuse, transitions=("refuse",))
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeProcedure(CaseCommand):
    STEP = Step(procedure.change_procedure, actor=ActorKind.HANDLER)
    procedure: Procedure
    assessment: SimpleAssessment | None = None
    major_case_grounds: tuple[str, ...] = ()
    reason: str | None = None
