"""The names of everything the service records, typed: a step records a member, never a bare string.

The values are what the case record, the timeline and ``adjudication.case.transitioned`` show, so
they never change once recorded. The publishers (:mod:`adjudication.publishing`) map every member
or declare it internal, and a test proves none is left out; a renamed member cannot silently stop
being published.
"""

from __future__ import annotations

from enum import StrEnum


class CaseEvent(StrEnum):
    """What happens to an infringement-dispute case (transitions and facts)."""

    REQUEST_FILED = "RequestFiled"
    CORRECTION_REQUESTED = "CorrectionRequested"
    MATERIALS_SUPPLEMENTED = "MaterialsSupplemented"
    CASE_DOCKETED = "CaseDocketed"
    CASE_NOT_ACCEPTED = "CaseNotAccepted"
    PROCEDURE_CHANGED = "ProcedureChanged"
    REQUEST_COPY_SERVED = "RequestCopyServed"
    ANSWER_PERIOD_OPENED = "AnswerPeriodOpened"
    ANSWER_RECEIVED = "AnswerReceived"
    ANSWER_PERIOD_LAPSED = "AnswerPeriodLapsed"
    REVIEW_STARTED = "ReviewStarted"
    DOCUMENT_SERVED = "DocumentServed"
    EVIDENCE_SUBMITTED = "EvidenceSubmitted"
    EVIDENCE_EXCHANGED = "EvidenceExchanged"
    PARTICIPANT_ASSIGNED = "ParticipantAssigned"
    PARTICIPANT_RELEASED = "ParticipantReleased"
    RECUSAL_REQUESTED = "RecusalRequested"
    RECUSAL_DECIDED = "RecusalDecided"
    RECUSAL_RECONSIDERATION_REQUESTED = "RecusalReconsiderationRequested"
    RECUSAL_RECONSIDERED = "RecusalReconsidered"
    HEARING_SCHEDULED = "HearingScheduled"
    HEARING_RESCHEDULED = "HearingRescheduled"
    HEARING_NOTICE_LATE = "HearingNoticeLate"
    HEARING_HELD = "HearingHeld"
    HEARING_CANCELLED = "HearingCancelled"
    REQUEST_DEEMED_WITHDRAWN = "RequestDeemedWithdrawn"
    SUSPENSION_REQUESTED = "SuspensionRequested"
    SUSPENSION_REFUSED = "SuspensionRefused"
    CASE_SUSPENDED = "CaseSuspended"
    SUSPENSION_EXTENDED = "SuspensionExtended"
    CASE_RESUMED = "CaseResumed"
    CLOCK_PAUSED = "ClockPaused"
    CLOCK_RESUMED = "ClockResumed"
    TIME_LIMIT_EXTENDED = "TimeLimitExtended"
    MEDIATION_REQUESTED = "MediationRequested"
    CASE_MEDIATED = "CaseMediated"
    MEDIATION_FAILED = "MediationFailed"
    REQUEST_WITHDRAWN = "RequestWithdrawn"
    CASE_DISMISSED = "CaseDismissed"
    DECISION_ISSUED = "DecisionIssued"
    DECISION_SERVED = "DecisionServed"
    LITIGATION_WINDOW_LAPSED = "LitigationWindowLapsed"
    ADMIN_SUIT_FILED = "AdminSuitFiled"
    DECISION_BECAME_EFFECTIVE = "DecisionBecameEffective"
    DECISION_UPHELD = "DecisionUpheld"
    DECISION_REVOKED = "DecisionRevoked"
    REVIEW_REOPENED = "ReviewReopened"
    NON_COMPLIANCE_FOUND = "NonComplianceFound"
    COMPLIANCE_VERIFIED = "ComplianceVerified"
    ENFORCEMENT_DEMAND_SERVED = "EnforcementDemandServed"
    ENFORCEMENT_APPLIED = "EnforcementApplied"
    ENFORCEMENT_GRANTED = "EnforcementGranted"
    ENFORCEMENT_REFUSED = "EnforcementRefused"
    ENFORCEMENT_REVIEW_SOUGHT = "EnforcementReviewSought"
    CASE_CLOSED = "CaseClosed"
    REPEAT_INFRINGEMENT_FLAGGED = "RepeatInfringementFlagged"
    DRUG_LINKAGE_REGISTERED = "DrugLinkageRegistered"
    CDE_NOTIFIED = "CdeNotified"
    APPROVAL_REQUESTED = "ApprovalRequested"  # a decision or extension awaits the office head


class PenaltyEvent(StrEnum):
    """What happens to a counterfeit-patent penalty case."""

    CASE_FILED = "PenaltyCaseFiled"
    PROPOSED = "PenaltyProposed"
    HEARING_REQUESTED = "PenaltyHearingRequested"
    HEARING_WAIVED = "PenaltyHearingWaived"
    HEARING_HELD = "PenaltyHearingHeld"
    DECIDED = "PenaltyDecided"
    DECISION_SERVED = "PenaltyDecisionServed"
    PUBLISHED = "PenaltyPublished"
    CASE_CLOSED = "PenaltyCaseClosed"
    CASE_DROPPED = "PenaltyCaseDropped"
    TRANSFERRED_TO_POLICE = "CaseTransferredToPolice"
    APPROVAL_REQUESTED = "PenaltyApprovalRequested"  # a penalty decision awaits the office head
    MEASURE_TAKEN = "InvestigationMeasureTaken"  # 询问、现场检查、查封扣押 ... with its legal basis


class DeadlineEvent(StrEnum):
    """A tracked deadline's timer fired (either kind of case)."""

    DUE_SOON = "DeadlineDueSoon"
    MISSED = "DeadlineMissed"
    PERIOD_LAPSED = "PeriodLapsed"
