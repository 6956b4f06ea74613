"""Rights registry commands: save one right, change a status (published), queue a bulk import."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import insert

from intake.adapters.orm import import_jobs
from intake.domain import commands as c
from intake.domain.errors import RightNotFound
from intake.domain.rights import RegisteredRight
from intake.hand_off import status_changed_event
from intake.handlers.common import Clock
from intake.unit_of_work import IntakeUnitOfWork


async def save_right(cmd: c.SaveRight, uow: IntakeUnitOfWork, clock: Clock) -> RegisteredRight:
    """Create or replace a right; a changed status is announced like any other status change."""
    _, changes = await uow.registry.upsert_many([cmd.right], source=f"staff:{cmd.actor}")
    for change in changes:
        event = status_changed_event(
            change.right, change.previous, clock().date(), "registry entry updated by staff"
        )
        uow.outbox.add(event, key=change.right.key)
    return cmd.right


async def change_right_status(cmd: c.ChangeRightStatus, uow: IntakeUnitOfWork) -> RegisteredRight:
    current = await uow.registry.get(cmd.ip_type, cmd.number, for_update=True)
    if current is None:
        raise RightNotFound(
            f"No {cmd.ip_type.value} {cmd.number} in the registry", f"登记库中无 {cmd.number}"
        )
    updated = replace(current, status=cmd.status)
    await uow.registry.upsert_many([updated], source=f"staff:{cmd.actor}")
    if current.status is not cmd.status:
        uow.outbox.add(
            status_changed_event(updated, current.status, cmd.effective_date, cmd.reason), key=updated.key
        )
    return updated


async def start_registry_import(cmd: c.StartRegistryImport, uow: IntakeUnitOfWork, clock: Clock) -> str:
    """Queue the uploaded file; the worker's import job picks it up. Returns the job id."""
    if cmd.idempotency_key is not None:
        earlier = await uow.idempotency.claim(cmd.idempotency_key)
        if earlier is not None:
            return earlier
    await uow.session.execute(
        insert(import_jobs).values(
            id=cmd.job_id,
            file_name=cmd.file_name,
            format=cmd.file_format,
            storage_key=cmd.storage_key,
            status="pending",
            created_by=cmd.actor,
            created_at=clock(),
        )
    )
    if cmd.idempotency_key is not None:
        await uow.idempotency.complete(cmd.idempotency_key, str(cmd.job_id))
    return str(cmd.job_id)
