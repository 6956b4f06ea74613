"""Credit's event names, one ``StrEnum`` per aggregate: what its case record says happened.

Every event is a :class:`shared.domain.events.DomainEvent` named by one of these members; the
publishers (``credit.publishing``) map each name to the contracts it becomes or declare it internal.
"""

from __future__ import annotations

from enum import StrEnum


class RecordEvent(StrEnum):
    CANDIDATE_REGISTERED = "CandidateRegistered"
    NOTICE_ISSUED = "NoticeIssued"
    STATEMENT_FILED = "StatementFiled"
    HEARING_REQUESTED = "HearingRequested"
    HEARING_HELD = "HearingHeld"
    NOTICE_WINDOW_CLOSED = "NoticeWindowClosed"
    DECISION_PROPOSED = "DecisionProposed"
    DECISION_APPROVED = "DecisionApproved"
    DECISION_REFUSED = "DecisionRefused"
    LISTING_DECIDED = "ListingDecided"
    LISTING_DECLINED = "ListingDeclined"
    PUBLISHED = "Published"
    PUBLICATION_DUE_SOON = "PublicationDueSoon"
    PUBLICATION_DEADLINE_MISSED = "PublicationDeadlineMissed"
    REPAIR_REQUESTED = "RepairRequested"
    REPAIR_GRANTED = "RepairGranted"
    REPAIR_DENIED = "RepairDenied"
    EXPIRED = "Expired"
    REVOKED = "Revoked"
    PUBLICATION_WITHDRAWN = "PublicationWithdrawn"
    WITHDRAWAL_DUE_SOON = "WithdrawalDueSoon"
    WITHDRAWAL_DEADLINE_MISSED = "WithdrawalDeadlineMissed"
    ARCHIVED = "Archived"


class CommitmentEvent(StrEnum):
    MADE = "CommitmentMade"
    VERIFICATION_DUE_SOON = "VerificationDueSoon"
    VERIFICATION_OVERDUE = "VerificationOverdue"
    FULFILLED = "CommitmentFulfilled"
    BREACHED = "CommitmentBreached"


class SubjectEvent(StrEnum):
    REPEAT_INFRINGER_FLAGGED = "RepeatInfringerFlagged"


# Each aggregate's name in the case record (``case_record.aggregate_type``).
RECORD = "credit_record"
COMMITMENT = "credit_commitment"
SUBJECT = "credit_subject"
