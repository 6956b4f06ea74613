"""Intake's command handlers: change records, then end each step in its effects; the caller commits.

One module per area; :data:`COMMAND_HANDLERS` is the registry the message bus dispatches on, and
:data:`TIMER_COMMANDS` the command each timer kind fires through the bus.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from intake.domain import commands as c
from intake.domain.customs import commands as cc
from intake.domain.customs.detention import DETENTION_TIMER
from intake.domain.customs.recordation import RECORDATION_TIMER
from intake.handlers import (
    centre,
    complaint_import,
    complaints,
    customs,
    deadlines,
    downstream,
    ecommerce,
    evidence,
    registry,
    trade_fair,
)
from intake.handlers.complaints import Registration
from intake.publishing import DEADLINE_TIMER, LEGACY_TERMINATION_TIMER, NOTICE_TIMER
from shared.domain.deadlines import DeadlineReached

COMMAND_HANDLERS: dict[type[Any], Callable[..., Any]] = {
    c.RegisterComplaint: complaints.register_complaint,
    c.CorrectComplaint: complaints.correct_complaint,
    c.OverrideTriage: complaints.override_triage,
    c.RefuseComplaint: complaints.refuse_complaint,
    c.WithdrawComplaint: complaints.withdraw_complaint,
    c.AcknowledgeReferral: complaints.acknowledge_referral,
    c.ConfirmDuplicate: complaints.confirm_duplicate,
    c.SplitComplaint: complaints.split_complaint,
    c.RecordFalseMaterials: complaints.record_false_materials,
    c.AttachEvidence: evidence.attach_evidence,
    c.RecordEvidenceScan: evidence.record_evidence_scan,
    c.SaveRight: registry.save_right,
    c.ChangeRightStatus: registry.change_right_status,
    c.RecordEvaluationReport: registry.record_evaluation_report,
    c.StartRegistryImport: registry.start_registry_import,
    c.StartComplaintImport: complaint_import.start_complaint_import,
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
    c.NoteCaseMoved: downstream.note_case_moved,
    c.ReachDeadline: deadlines.reach_deadline,
    c.ReachNoticeDeadline: deadlines.reach_notice_deadline,
    # customs (§E): one entry point per inbound customs message, REST or forwarded by the gateway
    cc.DetentionNotified: customs.detention_notified,
    cc.Detained: customs.detained,
    cc.ApplicationRejected: customs.application_rejected,
    cc.InvestigationStarted: customs.investigation_started,
    cc.InfringementDetermined: customs.infringement_determined,
    cc.UnableToDetermine: customs.unable_to_determine,
    cc.CourtNoticeReceived: customs.court_notice_received,
    cc.Released: customs.released,
    cc.Confiscated: customs.confiscated,
    cc.Disposed: customs.disposed,
    cc.ReferredToPolice: customs.referred_to_police,
    cc.DecideForHolder: customs.decide_for_holder,
    cc.LinkComplaint: customs.link_complaint,
    cc.RecordApproved: customs.record_approved,
    cc.RecordRenewed: customs.record_renewed,
    cc.RecordLapsed: customs.record_lapsed,
    cc.RecordChanged: customs.record_changed,
    cc.RecordChangeReported: customs.record_change_reported,
    cc.ImportRecordations: customs.import_recordations,
    cc.ReachDetentionDeadline: customs.reach_detention_deadline,
    cc.ReachRecordationDeadline: customs.reach_recordation_deadline,
}

TIMER_COMMANDS: dict[str, type[DeadlineReached]] = {
    DEADLINE_TIMER: c.ReachDeadline,
    NOTICE_TIMER: c.ReachNoticeDeadline,
    LEGACY_TERMINATION_TIMER: c.ReachNoticeDeadline,
    DETENTION_TIMER: cc.ReachDetentionDeadline,
    RECORDATION_TIMER: cc.ReachRecordationDeadline,
}

__all__ = ["COMMAND_HANDLERS", "TIMER_COMMANDS", "Registration"]
