"""Per-party deadlines for periods that run from each party's own receipt (domain-rules §G.3 step 8).

PL art. 65 gives each party 15 days "自收到处理通知之日起", so two parties served
on different days have different windows, and a decision becomes effective
only when the last window has run out.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from typing import TypeVar

from shared.calendar.counting import RollForward, compute
from shared.calendar.deadline import Deadline
from shared.calendar.periods import Period
from shared.calendar.workcalendar import WorkCalendar

PartyT = TypeVar("PartyT", bound=Hashable)


def per_party_deadlines(
    received: Mapping[PartyT, date],
    period: Period,
    *,
    calendar: WorkCalendar | None = None,
    roll_forward: RollForward = RollForward.REST_DAYS,
) -> dict[PartyT, Deadline]:
    """One deadline per party, each counted from that party's receipt date.

    Parties not yet served are simply absent from ``received``; their window
    has not started.
    """
    return {
        party: compute(day, period, calendar=calendar, roll_forward=roll_forward)
        for party, day in received.items()
    }


def last_deadline(deadlines: Mapping[PartyT, Deadline]) -> Deadline:
    """The deadline that runs out last, e.g. to know when a decision becomes effective.

    Raises:
        ValueError: if ``deadlines`` is empty.
    """
    if not deadlines:
        raise ValueError("no party deadlines given")
    return max(deadlines.values(), key=lambda deadline: deadline.ends_at)
