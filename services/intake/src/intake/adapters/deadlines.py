"""The work queue's rows: a projection of the deadlines the complaint and its workflow records track.

The records are the source of truth (:class:`~intake.domain.deadlines.IntakeDeadlines`); the queue
needs a due moment, a warning moment and an order across every complaint, which one indexed table
answers and four JSON bodies do not. So each record's repository writes its rows when it saves the
record, inside the step's effects, from what the step changed: an armed timer opens (or moves) its
row, a disarmed one closes it as met or cancelled, and a [U] deadline with no figure has an open
row that says it is not configured.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import deadlines
from intake.domain.deadlines import IntakeDeadlines
from shared.calendar import SHANGHAI, NoticeReading, latest_notice_date
from shared.domain.deadlines import ArmTimer, TrackedDeadline

OPEN = "open"


class DeadlineQueue:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def project(self, record: IntakeDeadlines) -> None:
        """Bring ``record``'s rows up to date with the deadlines it tracks and the step's timer changes."""
        for change in record.timer_changes:
            tracked = record.deadlines[change.name]
            if isinstance(change, ArmTimer):
                await self._upsert(record, change.name, _timed(tracked, change))
            else:
                await self._close(record.id, change.name, tracked.status.value)
        for key, tracked in record.deadlines.items():
            if tracked.is_open and tracked.due is None:
                await self._upsert(record, key, _untimed(tracked), only_if_closed=True)

    async def _upsert(
        self, record: IntakeDeadlines, step: str, values: dict[str, Any], *, only_if_closed: bool = False
    ) -> None:
        values = {"complaint_id": record.complaint_id, "subject": record.SUBJECT, "status": OPEN, **values}
        values["closed_at"] = None
        statement = insert(deadlines).values(subject_id=record.id, step=step, **values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[deadlines.c.subject_id, deadlines.c.step],
                set_=values,
                # A [U] deadline's row is written once; only a closed one is opened again.
                where=deadlines.c.status != OPEN if only_if_closed else None,
            )
        )

    async def _close(self, subject_id: uuid.UUID, step: str, status: str) -> None:
        await self._session.execute(
            update(deadlines)
            .where(deadlines.c.subject_id == subject_id, deadlines.c.step == step, deadlines.c.status == OPEN)
            .values(status=status, closed_at=func.now())
        )


def _timed(tracked: TrackedDeadline, timer: ArmTimer) -> dict[str, Any]:
    deadline = timer.deadline
    return {
        "period": tracked.period,
        "due_at": deadline.ends_at,
        "warn_at": _warning(deadline.due, timer.warn_working_days),
        "provisional": deadline.provisional,
        "note": None,
        "explanation": deadline.render(),
    }


def _untimed(tracked: TrackedDeadline) -> dict[str, Any]:
    return {
        "period": tracked.period,
        "due_at": None,
        "warn_at": None,
        "provisional": False,
        "note": tracked.explanation,
        "explanation": None,
    }


def _warning(due: dt.date, warn_working_days: int | None) -> dt.datetime | None:
    """When the due-soon warning fires: the same moment the timer's ``.warning`` is armed for."""
    if not warn_working_days:
        return None
    day = latest_notice_date(due, warn_working_days, reading=NoticeReading.LENIENT).due
    return dt.datetime.combine(day, dt.time(), tzinfo=SHANGHAI)
