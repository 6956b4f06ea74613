"""What a tracked deadline's timer does on either kind of case when the law moves nothing.

* An office duty due soon: ``DeadlineDueSoon`` (published as an alert); once due and not done:
  ``DeadlineMissed``, and the deadline stays open, marked missed, until the act is done.
* A party period or time limit that ran out with no move of its own: ``PeriodLapsed``, for the
  handler to act on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

from adjudication.domain.events import DeadlineEvent
from adjudication.domain.values.actors import system
from shared.domain.actors import Actor
from shared.domain.deadlines import DeadlineStatus, TrackedDeadline
from shared.domain.events import Advisory, DomainEvent


class Watched(Protocol):
    """An aggregate that tracks deadlines and records events (a case, a penalty case)."""

    def record(
        self,
        name: str,
        *,
        by: Actor,
        at: dt.datetime,
        details: Mapping[str, Any] | None = None,
        advisories: Iterable[Advisory] = (),
    ) -> DomainEvent: ...

    def end_deadline(self, key: str, status: DeadlineStatus) -> None: ...


def office_duty(aggregate: Watched, tracked: TrackedDeadline, warning: bool, at: dt.datetime) -> None:
    details = {"deadline": tracked.key, "period": tracked.period, "due_on": tracked.due}
    if not warning:
        tracked.status = DeadlineStatus.MISSED
    aggregate.record(
        DeadlineEvent.DUE_SOON if warning else DeadlineEvent.MISSED,
        by=system(tracked.key),
        at=at,
        details=details,
    )


def record_lapse(
    aggregate: Watched, tracked: TrackedDeadline, at: dt.datetime, advisories: Iterable[Advisory] = ()
) -> None:
    aggregate.end_deadline(tracked.key, DeadlineStatus.LAPSED)
    aggregate.record(
        DeadlineEvent.PERIOD_LAPSED,
        by=system(tracked.key),
        at=at,
        details={"deadline": tracked.key, "period": tracked.period, "due_on": tracked.due},
        advisories=advisories,
    )
