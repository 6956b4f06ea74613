"""The past-tense event names of customs recordations and detention cases."""

from __future__ import annotations

from enum import StrEnum


class DetentionEvent(StrEnum):
    APPLICATION_FILED = "CustomsDetentionApplicationFiled"
    SUSPECT_GOODS_FOUND = "CustomsSuspectGoodsFound"
    APPLICATION_REJECTED = "CustomsApplicationRejected"
    HOLDER_NOTIFIED = "CustomsHolderNotified"
    NOT_DETAINED = "CustomsGoodsNotDetained"
    DETAINED = "CustomsGoodsDetained"
    INVESTIGATION_STARTED = "CustomsInvestigationStarted"
    INFRINGEMENT_DETERMINED = "CustomsInfringementDetermined"
    UNABLE_TO_DETERMINE = "CustomsUnableToDetermine"
    HELD_PER_COURT = "CustomsGoodsHeldPerCourt"
    RELEASED = "CustomsGoodsReleased"
    CONFISCATED = "CustomsGoodsConfiscated"
    DISPOSED = "CustomsGoodsDisposed"
    REFERRED_POLICE = "CustomsCaseReferredToPolice"
    HOLDER_DECIDED = "CustomsHolderDecisionRecorded"
    COMPLAINT_LINKED = "CustomsComplaintLinked"
    GUARANTEE_SETTLED = "CustomsGuaranteeSettled"
    DEADLINE_NEAR = "CustomsDeadlineNear"
    DEADLINE_PASSED = "CustomsDeadlinePassed"


class RecordationEvent(StrEnum):
    APPROVED = "CustomsRecordationApproved"
    RENEWED = "CustomsRecordationRenewed"
    LAPSED = "CustomsRecordationLapsed"
    CANCELLED = "CustomsRecordationCancelled"
    REVOKED = "CustomsRecordationRevoked"
    CHANGE_PENDING = "CustomsRecordationChangePending"
    CHANGE_REPORTED = "CustomsRecordationChangeReported"
    RENEWAL_WINDOW_OPENED = "CustomsRecordationRenewalWindowOpened"
