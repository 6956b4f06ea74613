"""Statutory deadlines an aggregate tracks, and the timer changes a step asks for.

Every deadline comes from the period catalogue (``shared.calendar.catalogue``) and is kept on the
aggregate with its due date, basis and explanation, so work queues, the case file and alerts all
read the same figure. A step never touches timers itself: it leaves :class:`ArmTimer` /
:class:`DisarmTimer` changes on the aggregate, and the effects runner (:mod:`shared.steps`) applies
them in the same transaction as the state change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from shared.calendar import Deadline, Explanation, catalogue
from shared.catalogue import english, enum_labels, pairs

SET_BY_OFFICE = "set_by_office"


class DeadlineKind(StrEnum):
    OFFICE_DUTY = "office_duty"  # the office must act by then: due-soon and overdue alerts
    PARTY_PERIOD = "party_period"  # a party's period: when it runs out the case may move on by itself
    TIME_LIMIT = "time_limit"  # a limit on a status (suspension, review): the case moves on by itself


class DeadlineStatus(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    MET = "met"
    MISSED = "missed"  # an office duty past its due day and still not done
    LAPSED = "lapsed"  # a party period or time limit ran out
    CANCELLED = "cancelled"


enum_labels(
    DeadlineKind,
    pairs("""
        office_duty 机关办理期限
        party_period 当事人期间
        time_limit 状态时限
    """),
)
enum_labels(
    DeadlineStatus,
    pairs("""
        running 计算中
        paused 已中止计算
        met 已按期完成
        missed 已逾期未办
        lapsed 已届满
        cancelled 已取消
    """),
)
english(
    {"office_duty": "office's time limit", "party_period": "party's period", "time_limit": "time limit"},
    DeadlineKind,
)
english(
    pairs("""
        running running
        paused paused
        met met in time
        missed missed, still to be done
        lapsed lapsed
        cancelled cancelled
    """),
    DeadlineStatus,
)

OPEN_STATUSES = frozenset({DeadlineStatus.RUNNING, DeadlineStatus.MISSED, DeadlineStatus.PAUSED})


@dataclass(slots=True, kw_only=True)
class TrackedDeadline:
    key: str
    period: str
    kind: DeadlineKind
    start: dt.date
    due: dt.date | None
    status: DeadlineStatus = DeadlineStatus.RUNNING
    basis: str = ""
    confidence: str = "V"
    explanation: str = ""
    provisional: bool = False
    party_id: str | None = None
    met_on: dt.date | None = None

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def met_late(self) -> bool:
        return self.met_on is not None and self.due is not None and self.met_on > self.due


@dataclass(frozen=True, slots=True)
class ArmTimer:
    """Schedule (or move) the timer ``name`` to ``deadline``; ``rule`` lets it be recomputed later.

    ``kind`` is for an aggregate whose deadlines fire as different commands (one timer kind each);
    None leaves it to the effects runner's ``timer_kind``.
    """

    name: str
    deadline: Deadline
    warn_working_days: int | None = None
    rule: Mapping[str, Any] | None = None
    payload: Mapping[str, Any] = field(default_factory=dict)
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class DisarmTimer:
    name: str


TimerChange = ArmTimer | DisarmTimer


def from_catalogue(
    key: str,
    *,
    period: str,
    start: dt.date,
    kind: DeadlineKind,
    province: str | None,
    warn_working_days: int | None,
    party_id: str | None = None,
    payload: Mapping[str, Any] | None = None,
    timer_kind: str | None = None,
) -> tuple[TrackedDeadline, ArmTimer]:
    """Compute catalogue entry ``period`` from ``start`` and the timer that watches it.

    Raises :class:`~shared.calendar.PeriodNotConfiguredError` for a period with no figure ([U]).
    """
    definition = catalogue.get(period, province)
    deadline = catalogue.deadline(period, start, province=province)
    tracked = TrackedDeadline(
        key=key,
        period=period,
        kind=kind,
        start=start,
        due=deadline.due,
        basis=definition.citation(),
        confidence=definition.confidence.value,
        explanation=deadline.render(),
        provisional=deadline.provisional,
        party_id=party_id,
    )
    warn = warn_working_days if kind is DeadlineKind.OFFICE_DUTY else None
    # The same shape as shared.timers' PeriodRule, so `ipcase timers recompute` can redo provisional ones.
    rule = {"period": period, "start": start.isoformat(), "province": province, "warn_working_days": warn}
    return tracked, ArmTimer(key, deadline, warn, rule, {"deadline": key, **(payload or {})}, timer_kind)


def fixed(
    key: str,
    *,
    due: dt.date,
    start: dt.date,
    basis: str,
    kind: DeadlineKind,
    warn_working_days: int | None,
    payload: Mapping[str, Any] | None = None,
) -> tuple[TrackedDeadline, ArmTimer]:
    """A deadline the office set itself (e.g. a completion date for missing materials)."""
    deadline = Deadline(
        due=due, provisional=False, explanation=Explanation(rule=f"set by the office: {basis}")
    )
    tracked = TrackedDeadline(
        key=key,
        period=SET_BY_OFFICE,
        kind=kind,
        start=start,
        due=due,
        basis=basis,
        confidence="V",
        explanation=deadline.render(),
    )
    warn = warn_working_days if kind is DeadlineKind.OFFICE_DUTY else None
    return tracked, ArmTimer(key, deadline, warn, None, {"deadline": key, **(payload or {})})


def computed(tracked: TrackedDeadline, deadline: Deadline, warn_working_days: int | None) -> ArmTimer:
    """Update ``tracked`` to a deadline computed elsewhere (a pausable case clock)."""
    tracked.due = deadline.due
    tracked.status = DeadlineStatus.RUNNING
    tracked.explanation = deadline.render()
    tracked.provisional = deadline.provisional
    return ArmTimer(tracked.key, deadline, warn_working_days, None, {"deadline": tracked.key})


@dataclass(frozen=True, slots=True, kw_only=True)
class DeadlineReached:
    """A timer fired: the base of each service's "deadline reached" command.

    ``deadline`` is the tracked deadline's key; ``warning`` says it is the due-soon warning, not
    the deadline itself; ``due_at`` is when it fell due (effects are dated by it, not by when the
    worker got to it). A service subclasses it per aggregate and handles it on its bus, so a timer
    has the same effects as any other step.
    """

    aggregate_id: str
    deadline: str
    warning: bool
    due_at: dt.datetime
    payload: Mapping[str, Any] = field(default_factory=dict)
