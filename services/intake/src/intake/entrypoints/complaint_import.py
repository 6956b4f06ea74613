"""The complaint-import job of the worker: claim a queued file, register its rows batch by batch.

A job is claimed with a PostgreSQL advisory lock (one replica runs it). Each batch is one
transaction: the rows registered (the API's registration, :mod:`intake.handlers.complaint_import`),
their keys, the rows refused and the job's counters — so a job interrupted by a crash resumes after
its last committed batch, and the row keys make any replay (or a second upload of the file)
register nothing twice. Every row is checked by the API's rules: the input policy's text rule, the
request schema (:class:`~intake.entrypoints.schemas.complaints.ComplaintCreate`), then the domain's.
The rows are registered as the person who uploaded the file, in their office (from their token,
kept on the job), and each appears on the audit trail as theirs. ``rows_per_second`` paces the
import so that downstream is not flooded with routed complaints.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import structlog
from pydantic import ValidationError
from sqlalchemy import text

from intake.adapters.complaint_import import RowError, UnreadableFile, count_rows, read_rows
from intake.domain.complaint_imports import ImportFormat, row_key
from intake.domain.import_jobs import CLAIMABLE, MACHINE, ImportStatus, run
from intake.domain.vocabulary import Channel
from intake.entrypoints.schemas.complaints import ComplaintCreate
from intake.handlers.complaint_import import ImportRow, RowRefused, RowsTaken, import_complaints
from intake.rules import IntakeRules
from intake.unit_of_work import ImportBatchUnitOfWork
from shared.audit.trail import AuditContext, audit_scope
from shared.domain.actors import Actor
from shared.errors import FieldError, IpcaseError
from shared.liveness import Pulse
from shared.outage import run_rounds
from shared.web.input_policy import text_problems

log = structlog.get_logger(__name__)
IMPORT_ACTION = "intake.complaint.import"


class ComplaintImporter:
    """The worker job: claim a queued complaint import, process it batch by batch, repeat."""

    def __init__(
        self,
        *,
        uow_factory: Callable[[], ImportBatchUnitOfWork],
        rules: IntakeRules,
        import_dir: Path,
        batch_size: int,
        rows_per_second: float,
        poll_interval: dt.timedelta,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self._uow_factory, self._rules, self._dir = uow_factory, rules, import_dir
        self._batch, self._rate = batch_size, rows_per_second
        self._poll, self._clock = poll_interval.total_seconds(), clock

    async def run(self, stop: asyncio.Event, pulse: Pulse) -> None:
        await run_rounds("intake.complaint-import", self.run_next, stop, pulse, idle_seconds=self._poll)

    async def run_next(self, stop: asyncio.Event | None = None) -> bool:
        """Run one queued or interrupted job to its end (or until ``stop``); False if none to claim."""
        async with self._uow_factory() as lock_uow:
            for job_id in await lock_uow.complaint_imports.claimable():
                key = (uuid.UUID(str(job_id)).int >> 65) ^ 0x1F  # not the registry import's lock
                if await lock_uow.session.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}):
                    await lock_uow.session.commit()  # the session lock outlives the transaction
                    try:
                        await self._process(job_id, stop)
                    finally:
                        await lock_uow.session.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                        await lock_uow.session.commit()
                    return True
        return False

    async def _process(self, job_id: uuid.UUID, stop: asyncio.Event | None) -> None:
        job = await self._job(job_id)
        current = ImportStatus(job["status"])
        if current not in CLAIMABLE:
            return  # finished by another replica between our select and our lock
        path, file_format = self._dir / job["storage_key"], ImportFormat(job["format"])
        try:
            total = job["total_rows"] or await asyncio.to_thread(count_rows, path, file_format)
            rows = read_rows(path, file_format)
        except (OSError, UnreadableFile, UnicodeDecodeError) as exc:
            await self._finish(job_id, MACHINE.step(current, "fail").target, error=str(exc))
            return
        started = job["started_at"] or self._clock()
        await self._set(job_id, status=run(current).value, total_rows=total, started_at=started)
        batches = _Batches(job, rows, file_format, self._batch)
        pace = _Pace(self._rate)
        with audit_scope(_importer_context(job)):
            try:
                while batch := await asyncio.to_thread(batches.next):
                    await self._apply(job_id, batch)
                    await pace.after(len(batch.numbers))
                    if stop is not None and stop.is_set():
                        return  # resumed later from the committed counters
            except (UnreadableFile, UnicodeDecodeError) as exc:
                await self._finish(job_id, MACHINE.step(ImportStatus.RUNNING, "fail").target, error=str(exc))
                return
        await self._finish(job_id, MACHINE.step(ImportStatus.RUNNING, "complete").target)

    async def _apply(self, job_id: uuid.UUID, batch: _Batch) -> None:
        """One transaction; a row a domain rule refuses is reported and the batch run again without it."""
        refused = list(batch.errors)
        rows = list(batch.rows)
        while True:
            async with self._uow_factory() as uow:
                try:
                    outcome = await import_complaints(rows, job_id, uow, self._clock, self._rules)
                except RowRefused as refusal:
                    refused += _errors_of(refusal.row, refusal.error)
                    rows = [row for row in rows if row.number != refusal.row]
                    continue  # the unit of work rolls the batch back
                except RowsTaken:
                    continue  # rolled back; run again, the rows another job took are now skipped
                await uow.complaint_imports.refuse(job_id, refused)
                await uow.complaint_imports.advance(
                    job_id,
                    processed=len(batch.numbers),
                    imported=outcome.imported,
                    skipped=outcome.skipped,
                    failed=len({e.row_number for e in refused}),
                )
                await uow.commit()
                return

    async def _job(self, job_id: uuid.UUID) -> dict[str, Any]:
        async with self._uow_factory() as uow:
            return await uow.complaint_imports.job(job_id)

    async def _set(self, job_id: uuid.UUID, **values: Any) -> None:
        async with self._uow_factory() as uow:
            await uow.complaint_imports.set(job_id, **values)
            await uow.commit()

    async def _finish(self, job_id: uuid.UUID, status: ImportStatus, error: str | None = None) -> None:
        log.info("complaint import finished", job_id=str(job_id), status=status.value, error=error)
        await self._set(job_id, status=status.value, error=error, finished_at=self._clock())


class _Batch:
    def __init__(self) -> None:
        self.numbers: list[int] = []
        self.rows: list[ImportRow] = []
        self.errors: list[RowError] = []

    def __bool__(self) -> bool:
        return bool(self.numbers)


class _Batches:
    """The file's rows after the last committed one, checked by the API's rules, ``size`` at a time."""

    def __init__(
        self, job: dict[str, Any], rows: Iterator[dict[str, Any]], file_format: ImportFormat, size: int
    ) -> None:
        self._office, self._size, self._format = job["office_code"], size, file_format
        self._actor = Actor.from_dict(job["importer"]["actor"])
        done = job["processed_rows"]
        self._rows = ((n, raw) for n, raw in enumerate(rows, start=1) if n > done)

    def next(self) -> _Batch:
        batch = _Batch()
        for number, raw in self._rows:
            batch.numbers.append(number)
            self._check(batch, number, raw)
            if len(batch.numbers) == self._size:
                break
        return batch

    def _check(self, batch: _Batch, number: int, raw: dict[str, Any]) -> None:
        if "__unreadable__" in raw:
            batch.errors.append(RowError(number, "row", str(raw["__unreadable__"])))
            return
        if self._format is not ImportFormat.PLATFORM_BATCH:
            raw.setdefault("channel", Channel.BULK_IMPORT.value)
        problems = text_problems(raw)
        if problems:
            batch.errors += [RowError(number, p.field, p.message) for p in problems]
            return
        try:
            body = ComplaintCreate.model_validate(raw)
            command = body.to_command(self._actor, None, office_code=self._office)
        except ValidationError as exc:
            batch.errors += [
                RowError(number, ".".join(str(p) for p in err["loc"])[:200] or "row", err["msg"])
                for err in exc.errors(include_url=False)
            ]
            return
        except IpcaseError as exc:
            batch.errors += _errors_of(number, exc)
            return
        batch.rows.append(ImportRow(number=number, key=row_key(self._office, raw), command=command))


class _Pace:
    """Sleep after a batch as long as it takes to stay at or under ``rows_per_second`` (0: never)."""

    def __init__(self, rows_per_second: float) -> None:
        self._rate, self._start, self._rows = rows_per_second, time.monotonic(), 0

    async def after(self, rows: int) -> None:
        self._rows += rows
        if self._rate > 0:
            ahead = self._rows / self._rate - (time.monotonic() - self._start)
            if ahead > 0:
                await asyncio.sleep(ahead)


def _errors_of(row: int, error: IpcaseError) -> list[RowError]:
    fields: tuple[FieldError, ...] = error.field_errors
    if not fields:
        return [RowError(row, "row", error.message)]
    return [RowError(row, f.field, f.message) for f in fields]


def _importer_context(job: dict[str, Any]) -> AuditContext:
    who = job["importer"]
    return AuditContext(
        actor=who["subject"],
        actor_kind=who["kind"],
        roles=tuple(who["roles"]),
        office_code=who.get("office_code"),
        partner_code=who.get("partner_code"),
        action=IMPORT_ACTION,
        request_id=f"complaint-import:{job['id']}",
    )
