"""Intake's statutory deadlines, tracked on the complaint and on each workflow record.

Each deadline comes from the period catalogue and is counted from the moment its step happened:
day periods from that day in Asia/Shanghai, hour periods (a trade fair's 24 hours) from the
moment itself. A [U] period with no figure for the office's province is tracked all the same,
with no due day and an explanation that it is not configured, and arms no timer: the work queue
shows "not configured" instead of inventing a number.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import replace
from typing import ClassVar

from shared.calendar import SHANGHAI, Deadline, PeriodNotConfiguredError, Unit, catalogue
from shared.catalogue import term, term_labels
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

term_labels(
    {
        CORRECTION: ("补正", "correction"),
        OPINION: ("出具判定意见", "opinion"),
        FORWARD: ("转送", "forward"),
        STATEMENT: ("陈述", "statement"),
        NOTIFY_SELLER: ("通知平台内经营者", "notify seller"),
        TERMINATION: ("终止必要措施", "termination"),
        CORRECTION_PERIOD: ("投诉补正", "complaint correction"),
        OPINION_PERIOD: ("电商领域侵权判定意见", "e-commerce infringement opinion"),
        FORWARD_PERIOD: ("展会投诉转送", "trade-fair complaint forwarding"),
        STATEMENT_PERIOD: ("展会被投诉人陈述", "trade-fair respondent statement"),
        NOTIFY_SELLER_PERIOD: ("平台通知平台内经营者", "platform notifies the seller"),
        COUNTER_NOTICE_WAIT: ("等待权利人投诉或起诉", "wait for the holder's complaint or suit"),
        NOTARISATION_DELAY_CAP: ("公证延误上限", "notarisation delay cap"),
        LIMITATION: ("侵权诉讼时效", "infringement limitation period"),
    }
)


def local_day(at: dt.datetime) -> dt.date:
    return at.astimezone(SHANGHAI).date()


def not_configured(period: str, province: str | None) -> str:
    return f"period {period} not configured for province {province or 'national'}: no timer"


_NOT_CONFIGURED = re.compile(
    r"period (?P<period>\S+) not configured for province (?P<province>\S+): no timer"
)


def not_configured_zh(explanation: str) -> str:
    """The Chinese of a :func:`not_configured` note (the period by its Chinese name); else as it is."""
    found = _NOT_CONFIGURED.fullmatch(explanation)
    if found is None:
        return explanation
    province = found["province"]
    where = "全国" if province == "national" else f"行政区划 {province} "
    return f"“{term(found['period']).zh}”期限在{where}未配置时长，不设计时器"


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
