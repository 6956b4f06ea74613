"""Mediation's command handlers: they change cases and record events; the caller commits.

Every case handler ends in :func:`~mediation.handlers.cases.record_step` (the service's
``StepEffects``): it saves the case, appends its events to the case record, stages the contracts
they become in the outbox and applies the timer changes the step left. Timers that fire are
commands too (``handlers.deadlines``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from mediation.domain import commands as c
from mediation.handlers import agreeing, confirming, deadlines, mediating, opening, performing, roster

COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {
    c.OpenMediationFromComplaint: opening.open_from_complaint,
    c.OpenMediationFromAdjudication: opening.open_from_adjudication,
    c.OpenCourtAssignedCase: opening.open_court_assigned,
    c.RecordConsent: mediating.record_consent,
    c.RecordRefusal: mediating.record_refusal,
    c.AssignMediator: mediating.assign_mediator,
    c.ConfirmAssignment: mediating.confirm_assignment,
    c.DeclineAssignment: mediating.decline_assignment,
    c.DeclineCourtAssignment: mediating.decline_court_assignment,
    c.ExtendMediationPeriod: mediating.extend_period,
    c.TerminateMediation: mediating.terminate,
    c.DraftAgreement: agreeing.draft_agreement,
    c.SignAgreement: agreeing.sign_agreement,
    c.FileConfirmation: confirming.file_confirmation,
    c.RecordConfirmationAccepted: confirming.record_acceptance,
    c.RecordConfirmationRuling: confirming.record_ruling,
    c.RecordConfirmationWithdrawn: confirming.record_withdrawal,
    c.ResumeMediation: confirming.resume_mediation,
    c.RecordRulingReceipt: confirming.record_ruling_receipt,
    c.LodgeObjection: confirming.lodge_objection,
    c.DecideObjection: confirming.decide_objection,
    c.RecordPayment: performing.record_payment,
    c.RecordPerformance: performing.record_performance,
    c.ApplyForEnforcement: performing.apply_for_enforcement,
    c.RegisterOrganisation: roster.register_organisation,
    c.RegisterMediator: roster.register_mediator,
    c.UpdateMediator: roster.update_mediator,
    **dict.fromkeys(deadlines.TIMER_COMMANDS.values(), deadlines.reach_deadline),
}
