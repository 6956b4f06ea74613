"""Bulk import of the rights registry (CSV or JSON) as a worker job with progress and a row report.

A queued job is claimed with a PostgreSQL advisory lock (so one replica runs it) and processed in
batches, each batch one transaction: upsert the rights, record the rows that failed validation,
publish status changes, advance the job's counters. A job interrupted by a crash is picked up
again and resumes after its last committed batch (upserts make the replay harmless).
"""

from __future__ import annotations

import asyncio
import csv
import datetime as dt
import json
import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import structlog
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from sqlalchemy import select, text, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from intake.adapters.orm import import_errors, import_jobs
from intake.domain import import_jobs as jobs
from intake.domain.import_jobs import ImportStatus
from intake.domain.rights import LicenceKind, Licensee, RegisteredRight, RightStatus, right_number_problem
from intake.publishing import status_changed_event
from shared.liveness import Pulse
from shared.outage import run_rounds
from shared.vocabulary import IpType
from shared.web.types import CreditCode

if TYPE_CHECKING:
    from intake.unit_of_work import IntakeUnitOfWork

log = structlog.get_logger(__name__)
COLUMNS = (
    "ip_type",
    "number",
    "holder_name",
    "holder_credit_code",
    "status",
    "valid_until",
    "title",
    "licensees",
)


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _text_only(value: Any) -> Any:
    """A cell with a NUL or another control character is refused (PostgreSQL stores no NUL)."""
    if isinstance(value, str) and _NOT_TEXT.search(value):
        raise ValueError("contains a control or non-text character")
    return value


class LicenseeRow(BaseModel):
    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _text_only(cls, value: Any) -> Any:
        return _text_only(value)

    name: str = Field(min_length=1)
    credit_code: CreditCode | None = None
    kind: LicenceKind = LicenceKind.ORDINARY


class RegistryRow(BaseModel):
    """One registry row as a file carries it; CSV licensees are ``name|credit_code|kind;...``."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    ip_type: IpType
    number: str = Field(min_length=1, max_length=64)
    holder_name: str = Field(min_length=1, max_length=200)
    holder_credit_code: CreditCode | None = None
    status: RightStatus | None = None
    valid_until: dt.date | None = None
    title: str | None = None
    licensees: list[LicenseeRow] = []

    @field_validator("*", mode="before")
    @classmethod
    def _text_only(cls, value: Any) -> Any:
        return _text_only(value)

    @model_validator(mode="after")
    def _number_of_its_kind(self) -> RegistryRow:
        problem = right_number_problem(self.ip_type, self.number)
        if problem is not None:
            raise ValueError(f"number {self.number}: {problem}")
        return self

    @field_validator("holder_credit_code", "valid_until", "title", "status", mode="before")
    @classmethod
    def _blank_is_missing(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("licensees", mode="before")
    @classmethod
    def _licensees_from_text(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [
                dict(zip(("name", "credit_code", "kind"), (p or None for p in item.split("|")), strict=False))
                for item in value.split(";")
                if item.strip()
            ]
        return value

    def to_domain(self) -> RegisteredRight:
        return RegisteredRight(
            ip_type=self.ip_type,
            number=self.number,
            holder_name=self.holder_name,
            holder_credit_code=self.holder_credit_code,
            status=self.status or RightStatus.VALID,
            valid_until=self.valid_until,
            title=self.title,
            licensees=tuple(
                Licensee(name=x.name, credit_code=x.credit_code, kind=x.kind) for x in self.licensees
            ),
        )


@dataclass(frozen=True, slots=True)
class RowError:
    row_number: int
    field: str
    message: str


def read_rows(path: Path, file_format: str) -> tuple[int, Iterator[dict[str, Any]]]:
    """The number of data rows and an iterator over them (rows numbered from 1, header excluded)."""
    if file_format == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = data["rights"] if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise ValueError('a JSON import is a list of rights (or {"rights": [...]})')
        return len(rows), iter(rows)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle), [])
        missing = {"ip_type", "number", "holder_name"} - set(header)
        if missing:
            raise ValueError(f"the CSV header lacks {', '.join(sorted(missing))}")
        total = sum(1 for _ in handle)
    return total, _csv_rows(path)


def _csv_rows(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {k: v for k, v in row.items() if k is not None}


def validate(rows: list[tuple[int, Any]]) -> tuple[list[RegisteredRight], list[RowError]]:
    good: list[RegisteredRight] = []
    bad: list[RowError] = []
    for number, raw in rows:
        try:
            good.append(RegistryRow.model_validate(raw).to_domain())
        except ValidationError as exc:
            bad.extend(
                RowError(
                    number,
                    _NOT_TEXT.sub("?", ".".join(str(p) for p in err["loc"]))[:200] or "row",
                    err["msg"],
                )
                for err in exc.errors()
            )
    return good, bad


class RegistryImporter:
    """The worker job: claim a queued import, process it batch by batch, repeat."""

    def __init__(
        self,
        *,
        uow_factory: Callable[[], IntakeUnitOfWork],
        import_dir: Path,
        batch_size: int,
        poll_interval: dt.timedelta,
        clock: Callable[[], dt.datetime],
    ) -> None:
        self._uow_factory, self._dir, self._batch = uow_factory, import_dir, batch_size
        self._poll, self._clock = poll_interval.total_seconds(), clock

    async def run(self, stop: asyncio.Event, pulse: Pulse) -> None:
        await run_rounds("intake.registry-import", self.run_next, stop, pulse, idle_seconds=self._poll)

    async def run_next(self, stop: asyncio.Event | None = None) -> bool:
        """Run one queued or interrupted job to its end; False if there was none to claim."""
        async with self._uow_factory() as lock_uow:
            candidates = await lock_uow.session.scalars(
                select(import_jobs.c.id)
                .where(import_jobs.c.status.in_(["pending", "running"]))
                .order_by(import_jobs.c.created_at)
            )
            for job_id in list(candidates):
                key = uuid.UUID(str(job_id)).int >> 65  # fits a signed bigint
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
        if current not in jobs.CLAIMABLE:
            return  # finished by another replica between our select and our lock
        try:
            total, rows = await asyncio.to_thread(read_rows, self._dir / job["storage_key"], job["format"])
        except (OSError, ValueError, UnicodeDecodeError, json.JSONDecodeError, KeyError) as exc:
            await self._finish(job_id, jobs.MACHINE.step(current, "fail").target, error=str(exc))
            return
        await self._update(
            job_id,
            status=jobs.run(current).value,
            total_rows=total,
            started_at=job["started_at"] or self._clock(),
        )
        done = job["processed_rows"]
        numbered = ((i, row) for i, row in enumerate(rows, start=1) if i > done)
        while True:
            batch = await asyncio.to_thread(_take, numbered, self._batch)
            if not batch:
                break
            await self._apply(job_id, batch)
            if stop is not None and stop.is_set():
                return  # resumed later from the committed counters
        await self._finish(job_id, jobs.MACHINE.step(ImportStatus.RUNNING, "complete").target)

    async def _apply(self, job_id: uuid.UUID, batch: list[tuple[int, Any]]) -> None:
        good, bad = await asyncio.to_thread(validate, batch)
        async with self._uow_factory() as uow:
            inserted, changes = await uow.registry.upsert_many(good, source=f"import:{job_id}")
            for change in changes:
                event = status_changed_event(
                    change.right, change.previous, self._clock().date(), "registry import"
                )
                uow.outbox.add(event, key=change.right.key)
            if bad:
                await uow.session.execute(
                    insert(import_errors).on_conflict_do_nothing(),
                    [
                        {"job_id": job_id, "row_number": e.row_number, "field": e.field, "message": e.message}
                        for e in bad
                    ],
                )
            failed = len({e.row_number for e in bad})
            await uow.session.execute(
                update(import_jobs)
                .where(import_jobs.c.id == job_id)
                .values(
                    processed_rows=import_jobs.c.processed_rows + len(batch),
                    inserted=import_jobs.c.inserted + inserted,
                    updated=import_jobs.c.updated + (len(good) - inserted),
                    failed_rows=import_jobs.c.failed_rows + failed,
                    status_changes=import_jobs.c.status_changes + len(changes),
                )
            )
            await uow.commit()

    async def _job(self, job_id: uuid.UUID) -> dict[str, Any]:
        async with self._uow_factory() as uow:
            row = (
                (await uow.session.execute(select(import_jobs).where(import_jobs.c.id == job_id)))
                .mappings()
                .one()
            )
            return dict(row)

    async def _update(self, job_id: uuid.UUID, **values: Any) -> None:
        async with self._uow_factory() as uow:
            await uow.session.execute(update(import_jobs).where(import_jobs.c.id == job_id).values(**values))
            await uow.commit()

    async def _finish(self, job_id: uuid.UUID, status: ImportStatus, error: str | None = None) -> None:
        log.info("registry import finished", job_id=str(job_id), status=status.value, error=error)
        await self._update(job_id, status=status.value, error=error, finished_at=self._clock())


class ImportJobs:
    """Queued registry imports: the worker job above claims and runs them."""

    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def queue(
        self,
        *,
        job_id: uuid.UUID,
        file_name: str,
        file_format: str,
        storage_key: str,
        created_by: str,
        at: dt.datetime,
    ) -> None:
        await self._session.execute(
            insert(import_jobs).values(
                id=job_id,
                file_name=file_name,
                format=file_format,
                storage_key=storage_key,
                status=ImportStatus.PENDING.value,
                created_by=created_by,
                created_at=at,
            )
        )


def _take(rows: Iterator[tuple[int, Any]], n: int) -> list[tuple[int, Any]]:
    batch = []
    for item in rows:
        batch.append(item)
        if len(batch) == n:
            break
    return batch
