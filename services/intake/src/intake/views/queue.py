"""The work queue: every open deadline, soonest first, marked overdue or due soon."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, Field, computed_field
from sqlalchemy import Select, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.orm import complaints, deadlines
from shared.db import LIKE_ESCAPE, like_pattern
from shared.local_time import LEGAL_DATE, LocalDateTime, last_day
from shared.web.lists import count


class QueueItem(BaseModel):
    complaint_id: uuid.UUID
    reference: str
    complaint_status: str
    track: str | None
    centre: str
    examiner_id: str | None
    subject: str
    subject_id: uuid.UUID
    step: str
    period: str
    due_at: LocalDateTime | None
    overdue: bool
    due_soon: bool
    provisional: bool
    note: str | None = Field(description="e.g. 'period ... not configured': no timer runs")

    @computed_field(description=LEGAL_DATE)  # type: ignore[prop-decorator]
    @property
    def due(self) -> dt.date | None:
        return None if self.due_at is None else last_day(self.due_at)


class Queue(BaseModel):
    items: list[QueueItem]
    total: int = Field(description="Open deadlines matching the filters (the list shows the first 500)")
    as_of: LocalDateTime


@dataclass(frozen=True, slots=True, kw_only=True)
class QueueFilter:
    track: str | None = None
    examiner_id: str | None = None
    centre: str | None = None
    office_prefix: str = ""
    """The division prefix of the reader's office: only its offices' complaints (``""``: all)."""


class QueueViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def queue(self, where: QueueFilter, now: dt.datetime) -> Queue:
        """Open deadlines, soonest first; unconfigured periods (no due time) last."""
        query: Select[Any] = (
            select(
                deadlines,
                complaints.c.sequence,
                complaints.c.received_at,
                complaints.c.status.label("c_status"),
            )
            .add_columns(complaints.c.track, complaints.c.centre, complaints.c.examiner_id)
            .join(complaints, complaints.c.id == deadlines.c.complaint_id)
            .where(deadlines.c.status == "open")
            .order_by(deadlines.c.due_at.asc().nulls_last(), deadlines.c.created_at)
        )
        for column, value in (
            (complaints.c.track, where.track),
            (complaints.c.examiner_id, where.examiner_id),
            (complaints.c.centre, where.centre),
        ):
            if value is not None:
                query = query.where(column == value)
        if where.office_prefix:
            pattern = like_pattern(where.office_prefix, anchored=True)
            query = query.where(complaints.c.office_code.like(pattern, escape=LIKE_ESCAPE))
        async with self._sessions() as session:
            total = await count(session, query)
            rows = (await session.execute(query.limit(500))).mappings().all()
        return Queue(items=[_queue_item(r, now) for r in rows], total=total, as_of=now)


def _queue_item(row: Any, now: dt.datetime) -> QueueItem:
    due_at, warn_at = row["due_at"], row["warn_at"]
    return QueueItem(
        complaint_id=row["complaint_id"],
        reference=f"TS{row['received_at'].year}-{row['sequence']:08d}",
        complaint_status=row["c_status"],
        track=row["track"],
        centre=row["centre"],
        examiner_id=row["examiner_id"],
        subject=row["subject"],
        subject_id=row["subject_id"],
        step=row["step"],
        period=row["period"],
        due_at=due_at,
        overdue=due_at is not None and due_at <= now,
        due_soon=due_at is not None and due_at > now and warn_at is not None and warn_at <= now,
        provisional=row["provisional"],
        note=row["note"],
    )
