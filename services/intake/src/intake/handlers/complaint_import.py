"""Registering a batch of imported complaints: the API's registration, row by row, one transaction.

Each row runs :func:`~intake.handlers.complaints.register_complaint` — numbering, verification
against the registry, duplicate check, acceptance rules, triage, the case record, the outbox and
the audit trail — so an imported complaint is exactly what the same body posted to
``POST /v1/complaints`` would have been. Rows run in file order in the batch's transaction, so the
duplicate check of a row sees the rows before it in the same batch. A row whose key was imported
before is skipped; the caller commits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from intake.domain import commands as c
from intake.handlers.common import Clock, audit
from intake.handlers.complaints import register_complaint
from intake.rules import IntakeRules
from intake.unit_of_work import ImportBatchUnitOfWork, IntakeUnitOfWork
from shared.errors import IpcaseError


@dataclass(frozen=True, slots=True)
class ImportRow:
    number: int
    key: str
    command: c.RegisterComplaint


@dataclass(frozen=True, slots=True)
class BatchOutcome:
    imported: int
    skipped: int


class RowsTaken(Exception):
    """Another job imported some of these rows meanwhile (the same rows, two uploads at once): the
    batch is rolled back and run again, and finds them imported."""


class RowRefused(Exception):
    """A row the registration refused (a domain rule): the batch is rolled back and run without it."""

    def __init__(self, row: int, error: IpcaseError) -> None:
        super().__init__(f"row {row}: {error}")
        self.row, self.error = row, error


async def import_complaints(
    rows: Sequence[ImportRow], job_id: uuid.UUID, uow: ImportBatchUnitOfWork, clock: Clock, rules: IntakeRules
) -> BatchOutcome:
    """Register the rows not imported before; remember their keys with the complaints they became."""
    seen = await uow.complaint_imports.imported([row.key for row in rows])
    fresh = [row for row in rows if row.key not in seen]
    await uow.prepare([row.command for row in fresh])
    done: list[tuple[str, uuid.UUID]] = []
    for row in fresh:
        if row.key in seen:
            continue
        try:
            registration = await register_complaint(row.command, uow, clock, rules)
        except IpcaseError as error:
            raise RowRefused(row.number, error) from error
        seen.add(row.key)  # the same row twice in one file is one complaint
        done.append((row.key, registration.complaint.id))
    if await uow.complaint_imports.remember(job_id, done) < len(done):
        raise RowsTaken()
    return BatchOutcome(imported=len(done), skipped=len(rows) - len(done))


async def start_complaint_import(cmd: c.StartComplaintImport, uow: IntakeUnitOfWork, clock: Clock) -> str:
    """Queue the uploaded file; the worker's complaint-import job picks it up. Returns the job id."""
    if cmd.idempotency_key is not None:
        earlier = await uow.idempotency.claim(cmd.idempotency_key)
        if earlier is not None:
            return earlier
    await uow.complaint_imports.queue(
        job_id=cmd.job_id,
        file_name=cmd.file_name,
        file_format=cmd.file_format,
        storage_key=cmd.storage_key,
        created_by=cmd.actor.id,
        importer={"actor": cmd.actor.as_dict(), **cmd.importer},
        office_code=cmd.office_code,
        at=clock(),
    )
    if cmd.idempotency_key is not None:
        await uow.idempotency.complete(cmd.idempotency_key, str(cmd.job_id))
    audit(uow, "complaint_import.start", "complaint_import", cmd.job_id, file_name=cmd.file_name)
    return str(cmd.job_id)
