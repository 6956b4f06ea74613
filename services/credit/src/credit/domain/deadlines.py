"""The deadlines credit tracks, and the durable timers that watch them.

A record or commitment tracks each deadline (``shared.domain.deadlines.TrackedDeadline``) under its
key, which is also its timer's name; the step that starts or stops one leaves the timer change on
the aggregate. Each timer has a kind of its own (the work queues show it), and every kind is
dispatched through the bus as a :class:`~shared.domain.deadlines.DeadlineReached` command.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from credit.domain.vocabulary import CHINA


class TimerKind(StrEnum):
    NOTICE_WINDOW = "credit.notice_window"  # the statement, defence and hearing window closes
    PUBLICATION_DUE = "credit.publication_due"  # publish within the publication period (warning first)
    LISTING_EXPIRY = "credit.listing_expiry"  # the listing period ends
    WITHDRAWAL_DUE = "credit.withdrawal_due"  # withdraw a revoked publication within 3 WD (warning first)
    COMMITMENT_VERIFICATION = "credit.commitment_verification"  # verify a credit commitment
    MONTHLY_GRADES = "credit.monthly_grades"  # recompute local grades on the first of the month


class TimerName(StrEnum):
    """A tracked deadline's key, which is also its timer's name (one per duty and aggregate)."""

    NOTICE_WINDOW = "notice_window"
    PUBLICATION = "publication"
    EXPIRY = "expiry"
    WITHDRAWAL = "withdrawal"
    VERIFICATION = "verification"
    MONTHLY_GRADES = "monthly_grades"


REPEAT_LOOKBACK = "credit.repeat_infringement_lookback"
WITHDRAWAL_PERIOD = "credit.revocation_withdrawal"
GRADES_AGGREGATE = "credit.grades"
MONTHLY_RUN_TIME = dt.time(2, 0)  # 02:00 China time on the first of the month, outside office hours


@dataclass(frozen=True, slots=True)
class Clocks:
    """Where statutory time is counted (the office's province) and how early a duty warns."""

    province: str | None
    warn_working_days: int | None = None

    @property
    def withdrawal_warning(self) -> int | None:
        """Three working days leave room for one day's warning at most."""
        return min(self.warn_working_days, 1) if self.warn_working_days else None


def next_monthly_run(after: dt.datetime) -> tuple[str, dt.datetime]:
    """The name and moment of the monthly grade recompute on the first of the month after ``after``.

    One timer per month: a run re-arms the next month's under a name of its own.
    """
    local = after.astimezone(CHINA)
    year, month = (local.year + 1, 1) if local.month == 12 else (local.year, local.month + 1)
    due_at = dt.datetime.combine(dt.date(year, month, 1), MONTHLY_RUN_TIME, tzinfo=CHINA)
    return f"{TimerName.MONTHLY_GRADES}.{year:04d}-{month:02d}", due_at
