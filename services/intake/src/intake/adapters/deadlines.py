"""Deadlines: a durable timer from the statutory clock plus a row staff see in the work queue.

Both are written in the caller's transaction. A period the catalogue has no figure for
(``PeriodNotConfiguredError``, the [U] entries) gets no timer but an open row that says so, so the
queue shows "period not configured" instead of inventing a number.
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import func, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import deadlines
from shared.calendar import SHANGHAI, Deadline, PeriodNotConfiguredError, Unit, catalogue
from shared.timers import Timers
from shared.timers.store import WARNING_SUFFIX


@dataclass(frozen=True, slots=True, kw_only=True)
class Subject:
    """What a deadline belongs to: the complaint, and the workflow record (or the complaint itself)."""

    complaint_id: uuid.UUID
    kind: str
    id: uuid.UUID


@dataclass(frozen=True, slots=True)
class Started:
    deadline: Deadline | None
    note: str | None


class DeadlineBook:
    def __init__(self, session: AsyncSession, timers: Timers, province: str | None) -> None:
        self._session, self._timers, self._province = session, timers, province

    async def start(
        self,
        subject: Subject,
        step: str,
        *,
        period: str,
        start: dt.datetime,
        kind: str,
        warn_working_days: int | None = None,
    ) -> Started:
        """Arm ``step``'s timer for catalogue entry ``period`` counted from ``start``."""
        try:
            definition = catalogue.get(period, self._province)
            unit = definition.required_period().unit
        except PeriodNotConfiguredError:
            note = f"period {period} not configured for province {self._province or 'national'}: no timer"
            await self._upsert(subject, step, period, None, None, note=note)
            return Started(None, note)
        payload = {"complaint_id": str(subject.complaint_id), "subject": subject.kind, "step": step}
        if unit is Unit.HOURS:
            # Hour periods run from the exact moment; the catalogue computes them from the datetime.
            deadline = catalogue.deadline(period, start, province=self._province)
            await self._timers.schedule_deadline(
                aggregate_id=str(subject.id), name=step, kind=kind, deadline=deadline, payload=payload
            )
            warn_at = None
        else:
            deadline = await self._timers.schedule_period(
                aggregate_id=str(subject.id),
                name=step,
                kind=kind,
                period=period,
                start=start.astimezone(SHANGHAI).date(),
                province=self._province,
                warn_working_days=warn_working_days,
                payload=payload,
            )
            warn_at = await self._warning_time(subject, step) if warn_working_days else None
        await self._upsert(subject, step, period, deadline, warn_at, note=None)
        return Started(deadline, None)

    async def move(self, subject: Subject, step: str, *, period: str, deadline: Deadline, kind: str) -> None:
        """Replace ``step``'s deadline by an already computed one (e.g. an extension)."""
        payload = {"complaint_id": str(subject.complaint_id), "subject": subject.kind, "step": step}
        await self._timers.cancel(aggregate_id=str(subject.id), name=step)
        await self._timers.schedule_deadline(
            aggregate_id=str(subject.id), name=step, kind=kind, deadline=deadline, payload=payload
        )
        await self._upsert(subject, step, period, deadline, None, note=None)

    async def close(self, subject_id: uuid.UUID, step: str, status: str = "met") -> None:
        await self._timers.cancel(aggregate_id=str(subject_id), name=step)
        await self._session.execute(
            update(deadlines)
            .where(
                deadlines.c.subject_id == subject_id, deadlines.c.step == step, deadlines.c.status == "open"
            )
            .values(status=status, closed_at=func.now())
        )

    async def close_all(self, subject_id: uuid.UUID, status: str = "cancelled") -> None:
        await self._timers.cancel_all(str(subject_id))
        await self._session.execute(
            update(deadlines)
            .where(deadlines.c.subject_id == subject_id, deadlines.c.status == "open")
            .values(status=status, closed_at=func.now())
        )

    async def _warning_time(self, subject: Subject, step: str) -> dt.datetime | None:
        timers = await self._timers.scheduled(str(subject.id))
        return next((t.due_at for t in timers if t.name == step + WARNING_SUFFIX), None)

    async def _upsert(
        self,
        subject: Subject,
        step: str,
        period: str,
        deadline: Deadline | None,
        warn_at: dt.datetime | None,
        *,
        note: str | None,
    ) -> None:
        values = {
            "complaint_id": subject.complaint_id,
            "subject": subject.kind,
            "period": period,
            "due_at": deadline.ends_at if deadline else None,
            "warn_at": warn_at,
            "status": "open",
            "provisional": deadline.provisional if deadline else False,
            "note": note,
            "explanation": deadline.render() if deadline else None,
            "closed_at": None,
        }
        statement = insert(deadlines).values(subject_id=subject.id, step=step, **values)
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=[deadlines.c.subject_id, deadlines.c.step], set_=values
            )
        )
