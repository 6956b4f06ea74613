"""Intake's command handlers: change aggregates, record events, arm timers; the caller commits.

One module per area; :data:`COMMAND_HANDLERS` is the registry the message bus dispatches on.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from intake.domain import commands as c
from intake.handlers import centre, complaints, downstream, ecommerce, evidence, registry, trade_fair
from intake.handlers.complaints import Registration

COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {
    c.RegisterComplaint: complaints.register_complaint,
    c.CorrectComplaint: complaints.correct_complaint,
    c.OverrideTriage: complaints.override_triage,
    c.RefuseComplaint: complaints.refuse_complaint,
    c.WithdrawComplaint: complaints.withdraw_complaint,
    c.ConfirmDuplicate: complaints.confirm_duplicate,
    c.SplitComplaint: complaints.split_complaint,
    c.RecordFalseMaterials: complaints.record_false_materials,
    c.AttachEvidence: evidence.attach_evidence,
    c.SaveRight: registry.save_right,
    c.ChangeRightStatus: registry.change_right_status,
    c.StartRegistryImport: registry.start_registry_import,
    c.SaveExaminer: centre.save_examiner,
    c.AssignExaminer: centre.assign_examiner,
    c.IssueOpinion: centre.issue_opinion,
    c.ReferCentreCase: centre.refer_centre_case,
    c.CloseCentreCase: centre.close_centre_case,
    c.RecordTradeFairStep: trade_fair.record_trade_fair_step,
    c.OpenEcommerceNotice: ecommerce.open_ecommerce_notice,
    c.RecordEcommerceStep: ecommerce.record_ecommerce_step,
    c.NoteCaseOpened: downstream.note_case_opened,
    c.NoteCaseConcluded: downstream.note_case_concluded,
}

__all__ = ["COMMAND_HANDLERS", "Registration"]
