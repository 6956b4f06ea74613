"""The durable timers credit schedules: their kinds (what fires) and names (one per duty and aggregate)."""

from __future__ import annotations

from enum import StrEnum


class TimerKind(StrEnum):
    NOTICE_WINDOW = "credit.notice_window"  # the statement, defence and hearing window closes
    PUBLICATION_DUE = "credit.publication_due"  # publish within the publication period (warning first)
    LISTING_EXPIRY = "credit.listing_expiry"  # the listing period ends
    WITHDRAWAL_DUE = "credit.withdrawal_due"  # withdraw a revoked publication within 3 WD (warning first)
    COMMITMENT_VERIFICATION = "credit.commitment_verification"  # verify a credit commitment
    MONTHLY_GRADES = "credit.monthly_grades"  # recompute local grades on the first of the month


class TimerName(StrEnum):
    NOTICE_WINDOW = "notice_window"
    PUBLICATION = "publication"
    EXPIRY = "expiry"
    WITHDRAWAL = "withdrawal"
    VERIFICATION = "verification"
    MONTHLY_GRADES = "monthly_grades"


GRADES_AGGREGATE = "credit.grades"
