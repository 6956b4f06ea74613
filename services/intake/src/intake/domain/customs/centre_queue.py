"""What a detention asks of the centre, for its work queue (issue 15 "centre workflow", §E.3).

A detention of goods under a right a centre client holds asks two things of the centre, each against
a customs clock: the holder's decision on a detention notice (apply and post a guarantee, or let the
goods go) within 3 WD of service (art. 16), and — once the goods are detained — a people's court's
assistance notice before customs releases them (20 WD on application, 50 WD ex officio, art. 24).
Missing either loses the goods, so both stand in the centre's queue beside the complaints' steps.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from intake.domain.customs.clocks import (
    HOLDER_RESPONSE,
    RELEASE_EX_OFFICIO,
    RELEASE_ON_APPLICATION,
    ClockWarnings,
)
from intake.domain.customs.detention import DetentionCase, DetentionStatus
from shared.calendar import add_working_days
from shared.domain.deadlines import TrackedDeadline


class CentreAction(StrEnum):
    """A step the centre owes a detention (the queue's ``step`` for a customs item)."""

    HOLDER_DECISION = "holder_decision"
    COURT_NOTICE = "court_notice"


AWAITING_COURT: Final = frozenset(
    {DetentionStatus.DETAINED, DetentionStatus.INVESTIGATING, DetentionStatus.UNABLE_TO_DETERMINE}
)
"""Detained and not yet held per a court's notice, released, confiscated or referred."""
OPEN_STATES: Final = AWAITING_COURT | {DetentionStatus.HOLDER_NOTIFIED}
"""States in which a detention can ask anything of the centre."""


@dataclass(frozen=True, slots=True)
class PendingAction:
    action: CentreAction
    clock: TrackedDeadline


def centre_actions(case: DetentionCase) -> list[PendingAction]:
    """The centre's open steps for ``case`` with the clock each runs against (none when done)."""
    if case.state is DetentionStatus.HOLDER_NOTIFIED and case.holder_decision is None:
        keys: tuple[tuple[CentreAction, str], ...] = ((CentreAction.HOLDER_DECISION, HOLDER_RESPONSE),)
    elif case.state in AWAITING_COURT:
        keys = (
            (CentreAction.COURT_NOTICE, RELEASE_ON_APPLICATION),
            (CentreAction.COURT_NOTICE, RELEASE_EX_OFFICIO),
        )
    else:
        return []
    return [
        PendingAction(action, clock)
        for action, key in keys
        if (clock := case.deadlines.get(key)) is not None and clock.is_open
    ]


def due_soon(clock: TrackedDeadline, today: dt.date, warnings: ClockWarnings) -> bool:
    """Inside the clock's warning lead (working days, configuration) and not yet passed."""
    if clock.due is None or clock.due < today:
        return False
    lead = warnings.for_clock(clock.key)
    return lead > 0 and clock.due <= add_working_days(today, lead)
