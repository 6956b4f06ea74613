"""Read side of the complaint imports: a job's progress, and its per-row error report as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import uuid
from collections.abc import AsyncIterator, Callable
from typing import Any, Literal

from pydantic import BaseModel, Field
from sqlalchemy import select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from intake.adapters.orm import complaint_import_errors, complaint_imports
from intake.domain.access import authorise_read, authorise_step
from intake.domain.complaint_imports import progress
from intake.domain.errors import ImportJobNotFound
from shared.identity.principals import Principal
from shared.local_time import LocalDateTime

ERROR_PAGE = 5000
"""Error rows read per query while the report streams (memory stays flat for any report)."""


class ComplaintImportRead(BaseModel):
    id: uuid.UUID
    file_name: str
    format: Literal["csv", "jsonl", "platform_batch"]
    status: Literal["pending", "running", "completed", "failed"]
    total_rows: int | None
    processed_rows: int
    imported: int = Field(description="Rows registered as complaints by this job")
    skipped: int = Field(description="Rows imported before (by this or another job): not registered again")
    failed_rows: int = Field(description="Rows refused; see the error report")
    percent: float = Field(description="processed_rows / total_rows, 0..100")
    rows_per_second: float | None
    eta_seconds: float | None = Field(description="Time left at the rate so far; 0 when finished")
    error: str | None = Field(description="Why the job failed (the file could not be read)")
    created_by: str
    office_code: str = Field(description="The importer's office: the imported complaints belong to it")
    created_at: LocalDateTime
    started_at: LocalDateTime | None
    finished_at: LocalDateTime | None


class ComplaintImportViews:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], clock: Callable[[], dt.datetime] | None = None
    ) -> None:
        self._sessions = sessions
        self._clock = clock or (lambda: dt.datetime.now(dt.UTC))

    async def job(self, job_id: uuid.UUID, principal: Principal) -> ComplaintImportRead:
        """The job, for people of its office (or one covering it)."""
        row = await self._row(job_id)
        authorise_read(principal, row["office_code"])
        done = row["status"] in ("completed", "failed")
        seen = progress(
            total=row["total_rows"],
            processed=row["processed_rows"],
            finished=done,
            started_at=row["started_at"],
            now=row["finished_at"] if done and row["finished_at"] else self._clock(),
        )
        return ComplaintImportRead.model_validate(
            {
                **row,
                "percent": seen.percent,
                "rows_per_second": seen.rows_per_second,
                "eta_seconds": seen.eta_seconds,
            }
        )

    async def error_report(self, job_id: uuid.UUID, principal: Principal) -> AsyncIterator[str]:
        """The refused rows as CSV (``row_number,field,message``); staff of the job's office only.

        The rights are checked before the first byte: the caller awaits this, then streams.
        """
        row = await self._row(job_id)
        authorise_step(principal, row["office_code"])
        return self._lines(job_id)

    async def _lines(self, job_id: uuid.UUID) -> AsyncIterator[str]:
        yield _csv_line(["row_number", "field", "message"])
        t = complaint_import_errors.c
        after: tuple[int, str] = (0, "")
        while True:
            async with self._sessions() as session:
                rows = (
                    await session.execute(
                        select(t.row_number, t.field, t.message)
                        .where(t.job_id == job_id, tuple_(t.row_number, t.field) > after)
                        .order_by(t.row_number, t.field)
                        .limit(ERROR_PAGE)
                    )
                ).all()
            if not rows:
                return
            yield "".join(_csv_line([str(r.row_number), r.field, r.message]) for r in rows)
            after = (rows[-1].row_number, rows[-1].field)

    async def _row(self, job_id: uuid.UUID) -> dict[str, Any]:
        async with self._sessions() as session:
            row = (
                (await session.execute(select(complaint_imports).where(complaint_imports.c.id == job_id)))
                .mappings()
                .one_or_none()
            )
        if row is None:
            raise ImportJobNotFound(f"Import job {job_id} not found", f"导入任务 {job_id} 不存在")
        return dict(row)


def _csv_line(cells: list[str]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([_defused(c) for c in cells])
    return out.getvalue()


def _defused(cell: str) -> str:
    """A cell a spreadsheet would run as a formula is written as text (CSV injection)."""
    return f"'{cell}" if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell
