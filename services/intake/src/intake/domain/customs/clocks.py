"""The customs clocks (§E.2–E.3): 3, 20, 30 and 50 working days on the working-day calendar.

Every clock comes from the period catalogue (``customs.*``), is kept on its record as a
:class:`~shared.domain.deadlines.TrackedDeadline` with its explanation (days counted and skipped,
the rule, the legal basis) and is watched by a durable timer with a warning some working days
before it ends. The warning lead times are configuration (``ClockWarnings``); the periods are [V].
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Final

from shared.calendar import SHANGHAI
from shared.domain import deadlines
from shared.domain.deadlines import DeadlineKind, TimerChange, TrackedDeadline

HOLDER_RESPONSE: Final = "holder_response"
RELEASE_ON_APPLICATION: Final = "release_on_application"
INVESTIGATION: Final = "investigation"
RELEASE_EX_OFFICIO: Final = "release_ex_officio"
RECORDATION_EXPIRY: Final = "recordation_expiry"
RENEWAL_WINDOW: Final = "renewal_window"
CHANGE_REPORT: Final = "change_report"

PERIODS: Final[dict[str, str]] = {
    HOLDER_RESPONSE: "customs.holder_application_after_notice",
    RELEASE_ON_APPLICATION: "customs.release_on_application",
    INVESTIGATION: "customs.ex_officio_investigation",
    RELEASE_EX_OFFICIO: "customs.ex_officio_release",
    CHANGE_REPORT: "customs.recordation_change",
}
"""Clock key -> catalogue entry."""

EXPLANATIONS: Final[dict[str, tuple[str, str]]] = {
    HOLDER_RESPONSE: (
        "The holder must apply and post a guarantee within 3 working days of the notice, or customs may"
        " not detain (art. 16)",
        "权利人应自收到通知之日起3个工作日内提出申请并提供担保，否则海关不得扣留（第十六条）",
    ),
    RELEASE_ON_APPLICATION: (
        "Customs releases the goods 20 working days after detention unless a court assistance notice"
        " arrives (art. 24(1))",
        "扣留之日起20个工作日内未收到人民法院协助执行通知的，海关放行货物（第二十四条第一项）",
    ),
    INVESTIGATION: (
        "Customs decides within 30 working days of detention whether the goods infringe (art. 20)",
        "海关应自扣留之日起30个工作日内认定是否侵权（第二十条）",
    ),
    RELEASE_EX_OFFICIO: (
        "Customs releases the goods 50 working days after detention unless a court assistance notice"
        " arrives and customs cannot establish infringement (art. 24(2))",
        "扣留之日起50个工作日内未收到人民法院协助执行通知，且经调查不能认定侵权的，海关放行货物（第二十四条第二项）",
    ),
    CHANGE_REPORT: (
        "The holder must report a change of the recorded particulars within 30 working days (art. 11)",
        "备案内容发生改变的，权利人应自改变之日起30个工作日内办理变更（第十一条）",
    ),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ClockWarnings:
    """How many working days before each clock ends the centre is warned (configuration)."""

    holder_response: int = 1
    release: int = 5
    investigation: int = 5
    change_report: int = 5
    renewal_before_expiry_months: int = 6

    def for_clock(self, key: str) -> int:
        return {
            HOLDER_RESPONSE: self.holder_response,
            RELEASE_ON_APPLICATION: self.release,
            RELEASE_EX_OFFICIO: self.release,
            INVESTIGATION: self.investigation,
            CHANGE_REPORT: self.change_report,
        }.get(key, 0)


def local_day(at: dt.datetime) -> dt.date:
    return at.astimezone(SHANGHAI).date()


def start_clock(
    key: str,
    *,
    start: dt.date,
    kind: DeadlineKind,
    warnings: ClockWarnings,
    payload: dict[str, str],
    timer_kind: str,
) -> tuple[TrackedDeadline, TimerChange]:
    """Clock ``key`` counted from ``start`` (excluded), and the timer (with its warning) that watches it."""
    tracked, timer = deadlines.from_catalogue(
        key,
        period=PERIODS[key],
        start=start,
        kind=kind,
        province=None,
        warn_working_days=None,
        payload=payload,
        timer_kind=timer_kind,
    )
    warn = warnings.for_clock(key) or None
    en, zh = EXPLANATIONS[key]
    tracked.explanation = f"{en}. {zh}。\n{tracked.explanation}"
    rule = {**dict(timer.rule or {}), "warn_working_days": warn}
    return tracked, replace(timer, warn_working_days=warn, rule=rule)
