"""Steps that need nothing but the case: load it (locked), take the step, persist. One per command.

This module holds acceptance, suspension, mediation, endings, the decision's aftermath and drug
linkage; :mod:`~adjudication.handlers.proceeding_steps` holds the proceedings.

Each ``_step`` names the actor the law gives the step to; ``cmd.by`` is the person who entered it
(for a party's or a court's act, the person who recorded it on their behalf).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from adjudication.domain import commands as c
from adjudication.domain.case.aggregate import Case
from adjudication.domain.case.parts.enforcement import EnforcementRuling
from adjudication.domain.case.steps import (
    acceptance,
    clock_pauses,
    drug_linkage,
    endings,
    enforcement,
    litigation,
    mediation,
    procedure,
    suspension,
)
from adjudication.domain.case.steps import clock as case_clock
from adjudication.domain.values.actors import ActorKind
from adjudication.domain.values.rules import CaseRules
from adjudication.handlers.acting import actor, on_behalf
from adjudication.handlers.effects import Clock, StepOutcome, record_case
from adjudication.handlers.proceeding_steps import PROCEEDING_STEPS
from adjudication.unit_of_work import AdjudicationUnitOfWork

Step = Callable[[Case, Any, dt.datetime, CaseRules], None]


async def take_step(
    cmd: c.CaseCommand, uow: AdjudicationUnitOfWork, clock: Clock, rules: CaseRules
) -> StepOutcome:
    case = await uow.cases.get(cmd.case_id)
    STEPS[type(cmd)](case, cmd, clock(), rules)
    return await record_case(uow, case, rules)


def _request_correction(case: Case, cmd: c.RequestCorrection, at: dt.datetime, rules: CaseRules) -> None:
    acceptance.request_correction(
        case,
        items=cmd.items,
        respond_by=cmd.respond_by,
        note=cmd.note,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
        rules=rules,
    )


def _supplement(case: Case, cmd: c.SupplementMaterials, at: dt.datetime, rules: CaseRules) -> None:
    by = on_behalf(ActorKind.REQUESTER, "requester", cmd)
    acceptance.supplement_materials(case, note=cmd.note, by=by, at=at, rules=rules)


def _refuse(case: Case, cmd: c.RefuseCase, at: dt.datetime, rules: CaseRules) -> None:
    acceptance.refuse(case, reasons=cmd.reasons, by=actor(ActorKind.HANDLER, cmd), at=at)


def _change_procedure(case: Case, cmd: c.ChangeProcedure, at: dt.datetime, rules: CaseRules) -> None:
    procedure.change_procedure(
        case,
        procedure=cmd.procedure,
        assessment=cmd.assessment,
        major_case_grounds=cmd.major_case_grounds,
        reason=cmd.reason,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
        rules=rules,
    )


def _request_suspension(case: Case, cmd: c.RequestSuspension, at: dt.datetime, rules: CaseRules) -> None:
    requester = cmd.application.requested_by
    by = on_behalf(ActorKind.RESPONDENT, requester, cmd) if requester else actor(ActorKind.HANDLER, cmd)
    suspension.request_suspension(case, application=cmd.application, by=by, at=at, rules=rules)


def _decide_suspension(case: Case, cmd: c.DecideSuspension, at: dt.datetime, rules: CaseRules) -> None:
    suspension.decide_suspension(
        case,
        request_id=cmd.request_id,
        grant=cmd.grant,
        refusal_grounds=cmd.refusal_grounds,
        reasons=cmd.reasons,
        by=actor(ActorKind.PANEL, cmd),
        at=at,
        rules=rules,
    )


def _extend_suspension(case: Case, cmd: c.ExtendSuspension, at: dt.datetime, rules: CaseRules) -> None:
    suspension.extend_ownership_suspension(case, by=actor(ActorKind.PANEL, cmd), at=at, rules=rules)


def _resume(case: Case, cmd: c.ResumeCase, at: dt.datetime, rules: CaseRules) -> None:
    suspension.resume(case, reason=cmd.reason, by=actor(ActorKind.PANEL, cmd), at=at, rules=rules)


def _start_pause(case: Case, cmd: c.StartClockPause, at: dt.datetime, rules: CaseRules) -> None:
    clock_pauses.start_pause(
        case, reason=cmd.reason, reference=cmd.reference, by=actor(ActorKind.HANDLER, cmd), at=at, rules=rules
    )


def _end_pause(case: Case, cmd: c.EndClockPause, at: dt.datetime, rules: CaseRules) -> None:
    clock_pauses.end_pause(case, reason=cmd.reason, by=actor(ActorKind.HANDLER, cmd), at=at, rules=rules)


def _extend_time_limit(case: Case, cmd: c.ExtendTimeLimit, at: dt.datetime, rules: CaseRules) -> None:
    case_clock.extend_time_limit(
        case,
        approved_by=cmd.approved_by,
        reason=cmd.reason,
        by=actor(ActorKind.OFFICE_HEAD, cmd),
        at=at,
        rules=rules,
    )


def _refer_to_mediation(case: Case, cmd: c.ReferToMediation, at: dt.datetime, rules: CaseRules) -> None:
    mediation.refer_to_mediation(
        case,
        consented_on=cmd.consented_on,
        damages_mediation=cmd.damages_mediation,
        summary=cmd.summary,
        by=on_behalf(ActorKind.PARTIES, "requester+respondents", cmd),
        at=at,
    )


def _conclude_mediation(case: Case, cmd: c.ConcludeMediation, at: dt.datetime, rules: CaseRules) -> None:
    mediation.conclude_mediation(case, result=cmd.result, at=at)


def _withdraw(case: Case, cmd: c.WithdrawRequest, at: dt.datetime, rules: CaseRules) -> None:
    endings.withdraw(case, reason=cmd.reason, by=on_behalf(ActorKind.REQUESTER, "requester", cmd), at=at)


def _dismiss(case: Case, cmd: c.DismissCase, at: dt.datetime, rules: CaseRules) -> None:
    endings.dismiss(case, reasons=cmd.reasons, by=actor(ActorKind.PANEL, cmd), at=at)


def _close(case: Case, cmd: c.CloseCase, at: dt.datetime, rules: CaseRules) -> None:
    endings.close(case, note=cmd.note, by=actor(ActorKind.HANDLER, cmd), at=at)


def _serve_decision(case: Case, cmd: c.ServeDecision, at: dt.datetime, rules: CaseRules) -> None:
    litigation.serve_decision(
        case,
        party_id=cmd.party_id,
        method=cmd.method,
        served_on=cmd.served_on,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
        rules=rules,
    )


def _record_suit(case: Case, cmd: c.RecordAdminSuit, at: dt.datetime, rules: CaseRules) -> None:
    litigation.check_decision_reference(case, cmd.decision_no)
    litigation.record_suit(
        case,
        court_code=cmd.court_code,
        court_case_no=cmd.court_case_no,
        plaintiff=cmd.plaintiff,
        filed_on=cmd.filed_on,
        by=on_behalf(ActorKind.COURT, cmd.court_code, cmd),
        at=at,
    )


def _record_judgment(case: Case, cmd: c.RecordJudgment, at: dt.datetime, rules: CaseRules) -> None:
    litigation.check_decision_reference(case, cmd.decision_no)
    litigation.record_judgment(
        case,
        result=cmd.result,
        judgment_no=cmd.judgment_no,
        effective_on=cmd.effective_on,
        by=on_behalf(ActorKind.COURT, cmd.court_code, cmd),
        at=at,
        rules=rules,
    )


def _reopen(case: Case, cmd: c.ReopenAfterRevocation, at: dt.datetime, rules: CaseRules) -> None:
    litigation.reopen_after_revocation(
        case, reason=cmd.reason, by=actor(ActorKind.PANEL, cmd), at=at, rules=rules
    )


def _check_compliance(case: Case, cmd: c.CheckCompliance, at: dt.datetime, rules: CaseRules) -> None:
    enforcement.check_compliance(
        case,
        checked_on=cmd.checked_on,
        complied=cmd.complied,
        findings=cmd.findings,
        inspector=cmd.inspector,
        by=actor(ActorKind.HANDLER, cmd),
        at=at,
    )


def _send_demand(case: Case, cmd: c.SendEnforcementDemand, at: dt.datetime, rules: CaseRules) -> None:
    enforcement.send_demand(
        case, served_on=cmd.served_on, method=cmd.method, by=actor(ActorKind.HANDLER, cmd), at=at, rules=rules
    )


def _apply(case: Case, cmd: c.ApplyForEnforcement, at: dt.datetime, rules: CaseRules) -> None:
    enforcement.apply_to_court(case, application=cmd.application, by=actor(ActorKind.OFFICE_HEAD, cmd), at=at)


def _ruling(case: Case, cmd: c.RecordEnforcementRuling, at: dt.datetime, rules: CaseRules) -> None:
    ruling = EnforcementRuling(
        ruling_no=cmd.ruling_no,
        court_code=cmd.court_code,
        granted=cmd.granted,
        reasons=cmd.reasons,
        ruled_on=cmd.ruled_on,
        recorded_at=at,
    )
    enforcement.record_ruling(
        case, ruling=ruling, by=on_behalf(ActorKind.COURT, cmd.court_code, cmd), at=at, rules=rules
    )


def _seek_review(case: Case, cmd: c.SeekEnforcementReview, at: dt.datetime, rules: CaseRules) -> None:
    enforcement.seek_review(
        case, court_name=cmd.court_name, filed_on=cmd.filed_on, by=actor(ActorKind.OFFICE_HEAD, cmd), at=at
    )


def _register_linkage(case: Case, cmd: c.RegisterDrugLinkage, at: dt.datetime, rules: CaseRules) -> None:
    drug_linkage.register(case, request=cmd.request, by=actor(ActorKind.HANDLER, cmd), at=at, rules=rules)


def _cde_notice(case: Case, cmd: c.RecordCdeNotice, at: dt.datetime, rules: CaseRules) -> None:
    drug_linkage.record_cde_notice(case, notified_on=cmd.notified_on, by=actor(ActorKind.HANDLER, cmd), at=at)


STEPS: dict[type[Any], Step] = {
    **PROCEEDING_STEPS,
    c.RequestCorrection: _request_correction,
    c.SupplementMaterials: _supplement,
    c.RefuseCase: _refuse,
    c.ChangeProcedure: _change_procedure,
    c.RequestSuspension: _request_suspension,
    c.DecideSuspension: _decide_suspension,
    c.ExtendSuspension: _extend_suspension,
    c.ResumeCase: _resume,
    c.StartClockPause: _start_pause,
    c.EndClockPause: _end_pause,
    c.ExtendTimeLimit: _extend_time_limit,
    c.ReferToMediation: _refer_to_mediation,
    c.ConcludeMediation: _conclude_mediation,
    c.WithdrawRequest: _withdraw,
    c.DismissCase: _dismiss,
    c.CloseCase: _close,
    c.ServeDecision: _serve_decision,
    c.RecordAdminSuit: _record_suit,
    c.RecordJudgment: _record_judgment,
    c.ReopenAfterRevocation: _reopen,
    c.CheckCompliance: _check_compliance,
    c.SendEnforcementDemand: _send_demand,
    c.ApplyForEnforcement: _apply,
    c.RecordEnforcementRuling: _ruling,
    c.SeekEnforcementReview: _seek_review,
    c.RegisterDrugLinkage: _register_linkage,
    c.RecordCdeNotice: _cde_notice,
}

HANDLERS: dict[type[Any], Callable[..., Any]] = dict.fromkeys(STEPS, take_step)
