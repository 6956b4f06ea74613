"""A tracked deadline as the API shows it (cases, work queues and penalty cases alike)."""

from __future__ import annotations

from adjudication.views.models import DeadlineOut
from shared.domain.deadlines import TrackedDeadline


def deadline_out(tracked: TrackedDeadline) -> DeadlineOut:
    return DeadlineOut(
        key=tracked.key,
        period=tracked.period,
        kind=tracked.kind.value,
        status=tracked.status.value,
        start=tracked.start,
        due=tracked.due,
        basis=tracked.basis,
        confidence=tracked.confidence,
        provisional=tracked.provisional,
        party_id=tracked.party_id,
        met_on=tracked.met_on,
        explanation=tracked.explanation,
    )
