"""Intake's statutory deadlines, tracked on the complaint and on each workflow record.

Each deadline comes from the period catalogue and is counted from the moment its step happened:
day periods from that day in Asia/Shanghai, hour periods (a trade fair's 24 hours) from the
moment itself. A [U] period with no figure for the office's province is tracked all the same,
with no due day and an explanation that it is not configured, and arms no timer: the work queue
shows "not configured" instead of inventing a number.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import replace
from typing import ClassVar

from shared.calendar import SHANGHAI, Deadline, PeriodNotConfiguredError, Unit, catalogue
from shared.domain import deadlines
from shared.domain.deadlines import DeadlineKind, DeadlineStatus, TrackedDeadline
from shared.domain.lifecycle import TracksDeadlines

CORRECTION = "correction"
OPINION = "opinion"
FORWARD = "forward"
STATEMENT = "statement"
NOTIFY_SELLER = "notify_seller"
TERMINATION = "termination"

CORRECTION_PERIOD = "intake.correction"
OPINION_PERIOD = "centre.ecommerce_judgement_opinion"
FORWARD_PERIOD = "intake.trade_fair_complaint"
STATEMENT_PERIOD = "intake.trade_fair_statement"
NOTIFY_SELLER_PERIOD = "ecommerce.platform_notify_seller"
COUNTER_NOTICE_WAIT = "ecommerce.counter_notice_wait"
NOTARISATION_DELAY_CAP = "ecommerce.notarisation_delay_cap"
LIMITATION = "intake.infringement_limitation"


def local_day(at: dt.datetime) -> dt.date:
    return at.astimezone(SHANGHAI).date()


def not_configured(period: str, province: str | None) -> str:
    return f"period {period} not configured for province {province or 'national'}: no timer"


class IntakeDeadlines(TracksDeadlines):
    """Mix-in: a complaint or workflow record that keeps its deadlines (its timers are its own)."""

    SUBJECT: ClassVar[str]
    id: uuid.UUID

    @property
    def complaint_id(self) -> uuid.UUID:
        """The complaint the record belongs to (a complaint belongs to itself)."""
        raise NotImplementedError

    def track(
        self,
        key: str,
        *,
        period: str,
        at: dt.datetime,
        kind: DeadlineKind,
        province: str | None,
        warn_working_days: int | None = None,
    ) -> TrackedDeadline:
        """Start deadline ``key`` of catalogue entry ``period`` from the moment ``at``."""
        try:
            unit = catalogue.get(period, province).required_period().unit
        except PeriodNotConfiguredError:
            return self._untimed(key, period=period, at=at, kind=kind, province=province)
        start: dt.date = at if unit is Unit.HOURS else local_day(at)
        tracked, timer = deadlines.from_catalogue(
            key,
            period=period,
            start=start,
            kind=kind,
            province=province,
            warn_working_days=warn_working_days,
            payload=self._timer_payload(key),
        )
        if unit is Unit.HOURS:
            # Hour periods run from the moment and never depend on a holiday notice: nothing to
            # recompute later, and the record keeps the day it started.
            tracked.start, timer = local_day(at), replace(timer, rule=None)
        self.deadlines[key] = tracked
        self.timer_changes.append(timer)
        return tracked

    def extend(self, key: str, deadline: Deadline) -> TrackedDeadline:
        """Move open deadline ``key`` to ``deadline``, computed elsewhere (a documented extension)."""
        tracked = self.deadlines[key]
        timer = deadlines.computed(tracked, deadline, warn_working_days=None)
        self.timer_changes.append(replace(timer, payload=self._timer_payload(key)))
        return tracked

    def meet(self, key: str, at: dt.datetime) -> None:
        self.meet_deadline(key, local_day(at))

    def cancel(self, key: str) -> None:
        self.end_deadline(key, DeadlineStatus.CANCELLED)

    def meet_open_deadlines(self, at: dt.datetime) -> None:
        for key in [key for key, tracked in self.deadlines.items() if tracked.is_open]:
            self.meet(key, at)

    def _untimed(
        self, key: str, *, period: str, at: dt.datetime, kind: DeadlineKind, province: str | None
    ) -> TrackedDeadline:
        definition = catalogue.get(period, province)
        tracked = TrackedDeadline(
            key=key,
            period=period,
            kind=kind,
            start=local_day(at),
            due=None,
            basis=definition.citation(),
            confidence=definition.confidence.value,
            explanation=not_configured(period, province),
        )
        self.deadlines[key] = tracked
        return tracked

    def _timer_payload(self, key: str) -> dict[str, str]:
        return {"complaint_id": str(self.complaint_id), "subject": self.SUBJECT, "step": key}
